"""Fixtures for news tests: images made with Pillow, news items published under a section
(thin wrappers over tests/factories.py)."""

import datetime

import pytest

from tests.factories import ImageFactory, NewsPageFactory


@pytest.fixture
def make_image(db):
    def make(title="Ảnh tin", size=(1600, 900), color=(165, 14, 36)):
        width, height = size
        return ImageFactory(
            title=title,
            file__filename="anh-tin.png",
            file__width=width,
            file__height=height,
            file__color=color,
        )

    return make


@pytest.fixture
def make_news(db):
    """make_news(section, title, date=..., tags=[...], image=None, **fields) -> a published NewsPage."""

    def make(section, title, date=None, tags=(), image=None, publish=True, **fields):
        return NewsPageFactory(
            parent=section,
            title=title,
            date=date or datetime.date(2025, 6, 1),
            tags=tags,
            lead_image=image,
            publish=publish,
            **fields,
        )

    return make


@pytest.fixture
def agency_news(agency):
    """The Sở Tư pháp's own news section."""
    return agency.get_children().get(slug="tin-tuc").specific


@pytest.fixture
def portal_news(portal_sections):
    return portal_sections["tin-tuc"]
