"""Fixtures for the rating tests: a published page in each of the two agencies (agency_a, agency_b
of tests/conftest.py) and ratings."""

import pytest

from feedback.models import Rating
from tests.factories import StandardPageFactory


@pytest.fixture
def page_a(agency_a):
    return StandardPageFactory(parent=agency_a, title="Chức năng nhiệm vụ Sở Tư pháp", slug="chuc-nang-stp")


@pytest.fixture
def page_b(agency_b):
    return StandardPageFactory(parent=agency_b, title="Lịch tiêm chủng", slug="lich-tiem-chung")


@pytest.fixture
def make_rating(db):
    def make(page, score, reason="", comment=""):
        return Rating.objects.create(page=page, score=score, reason=reason, comment=comment)

    return make
