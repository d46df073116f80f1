import datetime

from wagtail.rich_text import RichText

import pytest

from news.models import NewsPage


def publish_news(section, title, date):
    page = NewsPage(
        title=title, date=date, summary=f"Tóm tắt {title}", body=[("paragraph", RichText("<p>Nội dung.</p>"))]
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_home_page_lists_the_newest_news_across_agencies(client, make_agency, portal_sections):
    justice = make_agency("so-tu-phap", "Sở Tư pháp")
    health = make_agency("so-y-te", "Sở Y tế")
    publish_news(
        justice.get_children().get(slug="tin-tuc"), "Tin cũ của Sở Tư pháp", datetime.date(2025, 1, 5)
    )
    publish_news(health.get_children().get(slug="tin-tuc"), "Tin mới của Sở Y tế", datetime.date(2025, 6, 20))
    publish_news(portal_sections["tin-tuc"], "Tin của cổng", datetime.date(2025, 3, 1))

    html = client.get("/").content.decode()
    newest, middle, oldest = (
        html.index("Tin mới của Sở Y tế"),
        html.index("Tin của cổng"),
        html.index("Tin cũ của Sở Tư pháp"),
    )
    assert newest < middle < oldest
    assert "20/06/2025" in html
