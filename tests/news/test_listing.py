"""News lists: order, filters, pagination and bad parameters, bounded queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from news.models import PAGE_SIZE


@pytest.fixture
def many_news(agency_news, portal_news, make_news, make_image):
    """PAGE_SIZE * 2 + 3 items over three months, every other one with an image."""
    image = make_image()
    items = []
    for n in range(PAGE_SIZE * 2 + 3):
        section = agency_news if n % 2 else portal_news
        month = 4 + n % 3
        items.append(
            make_news(
                section,
                f"Tin số {n:02d}",
                date=datetime.date(2025, month, 1 + n % 28),
                tags=["Chuyển đổi số"] if n % 3 == 0 else ["Kinh tế"],
                image=image if n % 2 else None,
            )
        )
    return items


def titles_in(response):
    return [item.title for item in response.context["news_items"]]


def test_newest_first_with_pinned_on_top(client, portal_news, make_news):
    make_news(portal_news, "Tin mới", date=datetime.date(2025, 6, 2))
    make_news(portal_news, "Tin cũ được ghim", date=datetime.date(2024, 1, 1), pinned=True)
    make_news(portal_news, "Tin cũ", date=datetime.date(2025, 1, 2))
    response = client.get(portal_news.url)
    assert titles_in(response) == ["Tin cũ được ghim", "Tin mới", "Tin cũ"]
    assert "Tin ghim" in response.content.decode()


def test_pagination_splits_the_list(client, portal_news, many_news):
    first = client.get(portal_news.url)
    third = client.get(portal_news.url, {"page": 3})
    assert len(first.context["news_items"]) == PAGE_SIZE
    assert len(third.context["news_items"]) == 3
    assert 'rel="next"' in first.content.decode()


@pytest.mark.parametrize(
    ("page", "expected_number", "message"),
    [
        ("0", 1, "trang đầu"),
        ("-4", 1, "trang đầu"),
        ("abc", 1, "không hợp lệ"),
        ("99999", 3, "trang cuối"),
        ("", 1, None),
        ("1.5", 1, "không hợp lệ"),
        ("2\x00", 1, "Số trang «…» không hợp lệ"),
    ],
)
def test_bad_page_numbers_fall_back(client, portal_news, many_news, page, expected_number, message):
    response = client.get(portal_news.url, {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected_number
    if message:
        assert message in response.content.decode()
    else:
        assert "notice--warning" not in response.content.decode()


def test_page_out_of_range_on_empty_list(client, portal_news):
    response = client.get(portal_news.url, {"page": "7"})
    assert response.status_code == 200
    assert "Chưa có tin nào" in response.content.decode()


def test_filter_by_agency_at_portal_level(client, portal_news, many_news, agency):
    response = client.get(portal_news.url, {"agency": agency.slug})
    assert response.context["page_obj"].paginator.count == PAGE_SIZE + 1
    assert all(item.agency == agency for item in response.context["news_items"])


def test_filter_by_tag(client, portal_news, many_news):
    response = client.get(portal_news.url, {"tag": "chuyen-doi-so"})
    expected = {item.title for n, item in enumerate(many_news) if n % 3 == 0}
    assert response.context["page_obj"].paginator.count == len(expected)
    assert set(titles_in(response)) <= expected
    assert "Chuyển đổi số" in response.content.decode()


def test_filter_by_month_and_year(client, portal_news, many_news):
    response = client.get(portal_news.url, {"year": "2025", "month": "5"})
    assert response.context["page_obj"].paginator.count == sum(1 for n in range(len(many_news)) if n % 3 == 1)
    assert all(item.date.month == 5 for item in response.context["news_items"])
    assert client.get(portal_news.url, {"year": "2024"}).context["page_obj"].paginator.count == 0


def test_archive_counts_by_month(client, portal_news, many_news):
    archive = client.get(portal_news.url).context["archive"]
    assert [entry["year"] for entry in archive] == [2025]
    assert [m["month"] for m in archive[0]["months"]] == [6, 5, 4]
    assert sum(m["count"] for m in archive[0]["months"]) == len(many_news)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tag": "khong-ton-tai"}, "Không có chủ đề"),
        ({"agency": "so-khong-ton-tai"}, "Không tìm thấy cơ quan"),
        ({"year": "2025", "month": "13"}, "không hợp lệ"),
        ({"year": "năm-ngoái"}, "không hợp lệ"),
        ({"month": "0"}, "không hợp lệ"),
        ({"month": "3"}, "chọn cả năm"),
        ({"tag": "a\x00b<script>"}, "Không có chủ đề «…»"),
        ({"agency": "x" * 300}, "Không tìm thấy cơ quan «…»"),
    ],
)
def test_bad_filters_give_a_vietnamese_message(client, portal_news, many_news, params, message):
    response = client.get(portal_news.url, params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_unknown_tag_or_agency_gives_an_empty_list(client, portal_news, many_news):
    for params in ({"tag": "khong-ton-tai"}, {"agency": "so-khong-ton-tai"}):
        response = client.get(portal_news.url, params)
        assert response.context["news_items"] == []


def test_agency_filter_cannot_reach_outside_the_section(client, agency_news, many_news, make_agency):
    make_agency("so-y-te", "Sở Y tế")
    response = client.get(agency_news.url, {"agency": "so-y-te"})
    assert response.status_code == 200
    assert response.context["news_items"] == []


def test_district_section_includes_its_communes(client, make_agency, make_news):
    district = make_agency("ubnd-huyen-chau-thanh", "Ủy ban nhân dân huyện Châu Thành")
    commune = make_agency("ubnd-xa-long-hung", "Ủy ban nhân dân xã Long Hưng", parent=district.slug)
    commune_news = commune.get_children().get(slug="tin-tuc").specific
    item = make_news(commune_news, "Xã Long Hưng ra quân làm đường giao thông nông thôn")
    district_news = district.get_children().get(slug="tin-tuc").specific
    response = client.get(district_news.url)
    assert titles_in(response) == [item.title]
    assert response.context["news_items"][0].agency == commune


def _render_queries(client, url):
    client.get(url)  # warm caches shared by every request (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_portal_list_runs_a_bounded_number_of_queries(
    client, portal_news, agency_news, make_news, make_image, django_assert_max_num_queries
):
    image = make_image()
    for n in range(3):
        make_news(agency_news, f"Tin đầu {n}", image=image, tags=["Kinh tế"])
    few = _render_queries(client, portal_news.url)
    for n in range(PAGE_SIZE * 2):
        make_news(agency_news, f"Tin thêm {n}", image=make_image(), tags=["Kinh tế", f"Chủ đề {n}"])
    many = _render_queries(client, portal_news.url)
    assert many == few
    # The whole page, base layout included (menu, breadcrumbs, settings): a fixed budget.
    with django_assert_max_num_queries(30):
        client.get(portal_news.url)


def test_renditions_are_generated_once(client, portal_news, agency_news, make_news, make_image):
    from wagtail.images import get_image_model

    make_news(agency_news, "Tin có ảnh", image=make_image())
    client.get(portal_news.url)
    renditions = get_image_model().get_rendition_model().objects.count()
    assert renditions == 4  # two widths, WebP and JPEG
    client.get(portal_news.url)
    assert get_image_model().get_rendition_model().objects.count() == renditions
