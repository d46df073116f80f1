"""Factories for the questions tests: agencies with their people, questions, published answers."""

import datetime

from django.utils import timezone

import pytest

from questions.models import QuestionLegalReference
from tests.factories import QuestionFactory, QuestionPageFactory, agency_user
from tests.search.conftest import engine_urls, fresh_engine  # noqa: F401 (fixtures used here)


@pytest.fixture(autouse=True)
def _database_search(settings):
    """The database search copy, unless a test asks for the engine (fresh_engine)."""
    settings.ELASTICSEARCH_URL = None


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
        submitted = timezone.now() - datetime.timedelta(days=days_ago)
        return QuestionFactory(title=title, agency=agency, submitted_at=submitted, **fields)

    return make


def hoi_dap(agency):
    return agency.get_children().get(slug="hoi-dap").specific


@pytest.fixture
def make_answer(make_question):
    """make_answer(agency, title, **fields) -> a published QuestionPage answering a new Question."""

    def make(agency, title="Đăng ký khai sinh ở đâu?", sector=None, references=(), publish=True, **fields):
        return QuestionPageFactory(
            parent=hoi_dap(agency),
            question_record=make_question(title=title, agency=agency, sector=sector),
            title=title,
            sector=sector,
            legal_references=[
                QuestionLegalReference(number=number, title=ref_title, sort_order=i)
                for i, (number, ref_title) in enumerate(references)
            ],
            publish=publish,
            **fields,
        )

    return make
