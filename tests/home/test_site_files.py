from xml.etree import ElementTree

import pytest

from tests.factories import StandardPageFactory


@pytest.mark.django_db
def test_sitemap_lists_published_pages_only(client, home):
    StandardPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu")
    StandardPageFactory(parent=home, title="Bản nháp", slug="ban-nhap", publish=False)

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in ElementTree.fromstring(response.content).findall(".//sm:loc", namespace)]
    assert any(url.endswith("/gioi-thieu/") for url in locations)
    assert not any("ban-nhap" in url for url in locations)


def test_robots_txt_points_to_the_sitemap(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "/sitemap.xml" in body


def test_server_error_page_is_vietnamese_and_self_contained(rf):
    from portal_site.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()
