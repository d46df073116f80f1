"""The search page's layout pieces (issue 15): facets in an aside, removable filter chips, the
result count, the page-size choice, and the type-ahead's endpoint on the database fallback."""

import re

import pytest

from home.models import StandardPage


@pytest.fixture
def pages(settings, make_agency, publish):
    """Twelve pages of two agencies, searched by the database (no engine configured)."""
    settings.ELASTICSEARCH_URL = None
    justice = make_agency("so-tu-phap", "Sở Tư pháp")
    health = make_agency("so-y-te", "Sở Y tế")
    for number in range(1, 8):
        publish(StandardPage(title=f"Đăng ký khai sinh {number}", intro="Hướng dẫn khai sinh."), justice)
    for number in range(1, 6):
        publish(StandardPage(title=f"Khai sinh tại trạm y tế {number}", intro="Khai sinh."), health)
    return justice, health


def page(client, **params):
    response = client.get("/tim-kiem/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_facets_sit_in_an_aside_beside_the_results(client, pages):
    html = page(client, q="khai sinh")
    assert '<div class="search-layout search-layout--with-filters">' in html
    aside = re.search(
        r'<aside class="search-layout__filters filters" aria-label="Lọc kết quả">(.*?)</aside>', html, re.S
    )
    assert aside and "Sở Tư pháp (7)" in aside.group(1) and "Sở Y tế (5)" in aside.group(1)
    # The results follow the aside inside the same grid.
    assert html.index("</aside>") < html.index('<ol class="result-list"')


def test_result_count_and_the_range_shown(client, pages):
    html = page(client, q="khai sinh")
    assert "Tìm thấy 12 kết quả cho “khai sinh”." in html
    assert "Đang xem 1–10." in html
    assert "Đang xem 11–12." in page(client, q="khai sinh", page=2)


def test_page_size_choice_is_a_get_form_that_keeps_the_other_parameters(client, pages):
    html = page(client, q="khai sinh", agency="so-tu-phap")
    form = re.search(r'<form class="page-size" action="" method="get">(.*?)</form>', html, re.S).group(1)
    assert '<input type="hidden" name="q" value="khai sinh">' in form
    assert '<input type="hidden" name="agency" value="so-tu-phap">' in form
    assert '<label for="page-size">Số kết quả mỗi trang</label>' in form
    assert re.findall(r'<option value="(\d+)"', form) == ["10", "20", "50"]
    assert '<option value="10" selected>' in form
    # Submitting it (what the browser does without JavaScript) shows that many results.
    bigger = page(client, q="khai sinh", agency="so-tu-phap", page_size=20)
    assert '<option value="20" selected>' in bigger
    assert bigger.count('<h2 class="result-title">') == 7
    # The facet links and the keyword form keep the chosen size.
    assert "page_size=20" in re.search(r'href="([^"]*agency=so-y-te[^"]*)"', bigger).group(1)
    assert '<input type="hidden" name="page_size" value="20">' in bigger


def test_a_page_size_outside_the_choices_is_still_shown_as_chosen(client, pages):
    html = page(client, q="khai sinh", page_size=5)
    assert '<option value="5" selected>5</option>' in html
    assert html.count('<h2 class="result-title">') == 5


def test_active_filters_are_chips_that_drop_one_parameter_each(client, pages):
    html = page(client, q="khai sinh", agency="so-tu-phap", type="page")
    chips = re.findall(
        r'<a class="chip" href="([^"]*)"><span class="visually-hidden">Bỏ lọc </span>([^<]*)', html
    )
    assert [label.strip() for _, label in chips] == ["Loại: Trang thông tin", "Cơ quan: Sở Tư pháp"]
    by_label = {label.strip(): url.replace("&amp;", "&") for url, label in chips}
    assert by_label["Loại: Trang thông tin"] == "?q=khai+sinh&agency=so-tu-phap"
    assert by_label["Cơ quan: Sở Tư pháp"] == "?q=khai+sinh&type=page"
    # Two chips or more: one link drops them all, keeping the words.
    assert '<a class="chip chip--clear" href="?q=khai+sinh">Bỏ tất cả bộ lọc</a>' in html
    # Following a chip's link removes that filter.
    after = page(client, q="khai sinh", type="page")
    assert "Tìm thấy 12 kết quả" in after
    assert "Cơ quan: Sở Tư pháp" not in after


def test_a_chosen_filter_without_results_is_still_a_removable_chip(client, pages):
    html = page(client, q="khai sinh", agency="khong-co")
    assert "Tìm thấy 0 kết quả" in html
    assert (
        '<a class="chip" href="?q=khai+sinh"><span class="visually-hidden">Bỏ lọc </span>Cơ quan: khong-co'
        in html
    )


def test_no_filters_no_chips_and_no_aside_without_facets(client, pages):
    html = page(client, q="khai sinh")
    assert 'class="chip"' not in html
    empty = page(client, q="xqzvw")
    assert "<aside" not in empty and '<div class="search-layout">' in empty


def test_bad_page_size_gets_the_vietnamese_message(client, pages):
    response = client.get("/tim-kiem/", {"q": "khai sinh", "page_size": "500"})
    assert response.status_code == 400
    assert "Số kết quả mỗi trang phải từ 1 đến 50." in response.content.decode()


def test_suggest_answers_from_the_database_without_an_engine(client, pages):
    body = client.get("/api/search/suggest/", {"q": "dang ky khai"}).json()
    titles = [item["title"] for item in body["suggestions"]]
    assert titles and all(title.startswith("Đăng ký khai sinh") for title in titles)
    assert set(body["suggestions"][0]) == {"title", "url", "type"}
    assert body["suggestions"][0]["url"].startswith("/")
    assert len(client.get("/api/search/suggest/", {"q": "khai sinh"}).json()["suggestions"]) == 8
    assert client.get("/api/search/suggest/", {"q": "Đăng Ký"}).json()["suggestions"]
    assert client.get("/api/search/suggest/", {"q": "%' OR 1=1 --"}).json() == {"suggestions": []}
