"""Factories for the questions tests: agencies with their people, questions, published answers."""

import datetime

from django.utils import timezone

import pytest

from questions.models import Question, QuestionLegalReference, QuestionPage
from tests.home.test_isolation import agency_user
from tests.news.test_front_cache import purged  # noqa: F401 (a fixture)
from tests.search.conftest import engine_urls, fresh_engine  # noqa: F401 (fixtures used here)


@pytest.fixture(autouse=True)
def _database_search(settings):
    """The database search copy, unless a test asks for the engine (fresh_engine)."""
    settings.ELASTICSEARCH_URL = None


@pytest.fixture
def agency_a(make_agency):
    return make_agency("so-tu-phap", "Sở Tư pháp")


@pytest.fixture
def agency_b(make_agency):
    return make_agency("so-y-te", "Sở Y tế")


@pytest.fixture
def people(agency_a, agency_b):
    """Editors and moderators of both agencies, by name."""
    return {
        "editor_a": agency_user(agency_a, "editors"),
        "moderator_a": agency_user(agency_a, "moderators"),
        "editor_b": agency_user(agency_b, "editors"),
        "moderator_b": agency_user(agency_b, "moderators"),
    }


@pytest.fixture
def make_question(db):
    def make(title="Thủ tục đăng ký khai sinh cho con", agency=None, days_ago=0, **fields):
        fields.setdefault("name", "Nguyễn Văn An")
        fields.setdefault("email", "an.nguyen@example.org")
        fields.setdefault("phone", "0912 345 678")
        fields.setdefault("question", "Con tôi sinh ở bệnh viện tỉnh, đăng ký khai sinh ở đâu?")
        submitted = timezone.now() - datetime.timedelta(days=days_ago)
        return Question.objects.create(title=title, agency=agency, submitted_at=submitted, **fields)

    return make


def hoi_dap(agency):
    return agency.get_children().get(slug="hoi-dap").specific


@pytest.fixture
def make_answer(make_question):
    """make_answer(agency, title, **fields) -> a published QuestionPage answering a new Question."""

    def make(agency, title="Đăng ký khai sinh ở đâu?", sector=None, references=(), publish=True, **fields):
        question = make_question(title=title, agency=agency, sector=sector)
        page = QuestionPage(
            title=title,
            slug=question.code.lower(),
            code=question.code,
            asker_name=question.name,
            asked_at=question.submitted_at,
            sector=sector,
            question=fields.pop("question", question.question),
            answer=fields.pop("answer", "<p>Đăng ký tại UBND cấp xã nơi cư trú của cha hoặc mẹ.</p>"),
            question_record=question,
            live=False,
            **fields,
        )
        page.legal_references = [
            QuestionLegalReference(number=number, title=ref_title, sort_order=i)
            for i, (number, ref_title) in enumerate(references)
        ]
        hoi_dap(agency).add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return page

    return make
