"""Factories for news tests: images made with Pillow, news items published under a section."""

import datetime
import io

from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.rich_text import RichText

import pytest
from PIL import Image as PILImage

from news.models import NewsPage


@pytest.fixture
def make_image(db):
    def make(title="Ảnh tin", size=(1600, 900), color=(165, 14, 36)):
        buffer = io.BytesIO()
        PILImage.new("RGB", size, color).save(buffer, format="PNG")
        return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="anh-tin.png"))

    return make


@pytest.fixture
def make_news(db):
    """make_news(section, title, date=..., tags=[...], image=None, **fields) -> a published NewsPage."""

    def make(section, title, date=None, tags=(), image=None, publish=True, **fields):
        fields.setdefault("summary", f"Tóm tắt: {title}")
        page = NewsPage(
            title=title,
            date=date or datetime.date(2025, 6, 1),
            lead_image=image,
            lead_image_alt=fields.pop("lead_image_alt", f"Ảnh minh họa cho tin {title}" if image else ""),
            body=[("paragraph", RichText(f"<p>Nội dung tin {title}.</p>"))],
            live=publish,
            **fields,
        )
        page.tags.set(list(tags))
        section.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return page

    return make


@pytest.fixture
def agency_news(agency):
    """The Sở Tư pháp's own news section."""
    return agency.get_children().get(slug="tin-tuc").specific


@pytest.fixture
def portal_news(portal_sections):
    return portal_sections["tin-tuc"]
