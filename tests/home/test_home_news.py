import datetime

import pytest

from tests.factories import NewsPageFactory


@pytest.mark.django_db
def test_home_page_lists_the_newest_news_across_agencies(client, make_agency, portal_sections):
    justice = make_agency("so-tu-phap", "Sở Tư pháp")
    health = make_agency("so-y-te", "Sở Y tế")
    NewsPageFactory(
        parent=justice.get_children().get(slug="tin-tuc"),
        title="Tin cũ của Sở Tư pháp",
        date=datetime.date(2025, 1, 5),
    )
    NewsPageFactory(
        parent=health.get_children().get(slug="tin-tuc"),
        title="Tin mới của Sở Y tế",
        date=datetime.date(2025, 6, 20),
    )
    NewsPageFactory(parent=portal_sections["tin-tuc"], title="Tin của cổng", date=datetime.date(2025, 3, 1))

    html = client.get("/").content.decode()
    newest, middle, oldest = (
        html.index("Tin mới của Sở Y tế"),
        html.index("Tin của cổng"),
        html.index("Tin cũ của Sở Tư pháp"),
    )
    assert newest < middle < oldest
    assert "20/06/2025" in html
