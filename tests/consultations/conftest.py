"""Drafts and their comments."""

import datetime

import pytest

from consultations.models import ConsultationComment, today
from tests.factories import ConsultationPageFactory

DAY = datetime.timedelta(days=1)


def section(agency):
    return agency.get_children().get(slug="gop-y-du-thao").specific


@pytest.fixture
def make_consultation():
    """make_consultation(agency, slug, opens=-5 days, closes=+5 days, articles=3, **fields)."""

    def make(agency, slug, opens=None, closes=None, articles=3, **fields):
        fields.setdefault("title", f"Dự thảo {slug}")
        fields.setdefault("summary", f"Tóm tắt dự thảo {slug}.")
        return ConsultationPageFactory(
            parent=section(agency),
            slug=slug,
            opens=opens if opens is not None else today() - 5 * DAY,
            closes=closes if closes is not None else today() + 5 * DAY,
            article_count=articles,
            **fields,
        )

    return make


@pytest.fixture
def open_draft(agency, make_consultation):
    return make_consultation(agency, "du-thao-mo", title="Dự thảo Quy chế trợ giúp pháp lý")


@pytest.fixture
def make_comment():
    def make(page, text="Góp ý thử.", status=ConsultationComment.PENDING, **fields):
        fields.setdefault("name", "Nguyễn Văn An")
        fields.setdefault("email", "an@example.org")
        return ConsultationComment.objects.create(consultation=page, text=text, status=status, **fields)

    return make


def comment_data(**overrides):
    data = {
        "name": "Trần Thị Bích",
        "email": "bich@example.org",
        "article": "",
        "comment": "Đề nghị bổ sung thời hạn.",
        "website": "",
    }
    data.update(overrides)
    return data
