"""Fixtures shared by every app's tests: the portal's home page, sections and agencies."""

from django.core.cache import cache

import pytest

from home.agencies import setup_agency
from home.structure import ensure_portal_sections, home_page


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: the database is rolled back between tests, so
    fragments cached by one (portal_site.fragments) must not show up in the next."""
    cache.clear()


@pytest.fixture
def home(db):
    return home_page()


@pytest.fixture
def portal_sections(home):
    """{slug: page} for the portal-wide news, procedure and agency sections."""
    return ensure_portal_sections()


@pytest.fixture
def make_agency(portal_sections):
    """make_agency("so-tu-phap", "Sở Tư pháp", parent=None, **fields) -> AgencyPage (published)."""

    def make(slug, name, parent=None, **fields):
        page, _ = setup_agency(slug=slug, name=name, parent=parent, **fields)
        return page

    return make


@pytest.fixture
def agency(make_agency):
    return make_agency(
        "so-tu-phap", "Sở Tư pháp", email="stp@tiengiang.gov.vn", phone="0273 3872 395", address="Mỹ Tho"
    )
