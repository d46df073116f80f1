"""The search page and the JSON API (contracts.md §2): shape, facets, bad input."""

import re
import urllib.parse

from wagtail.models import Site

import pytest

from home.models import StandardPage
from search.documents import document_source
from search.text import MAX_QUERY_LENGTH
from tests.services import require_postgresql

from .corpus import NEWS, PROCEDURES


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response["Content-Type"].startswith("application/json")
    return response


def test_api_answer_has_the_contract_shape(client, corpus):
    body = api(client, q="dang ky khai sinh").json()
    assert set(body) >= {"query", "count", "page", "page_size", "backend", "results", "facets", "suggestion"}
    assert body["backend"] == "engine"
    assert body["engine"].startswith("opensearch 2.")
    assert (body["page"], body["page_size"]) == (1, 10)
    first = body["results"][0]
    assert first == {
        "type": "procedure",
        "title": "Đăng ký khai sinh",
        "url": "/thu-tuc/1/",
        "code": "1.001193",
        "agency": "ubnd-xa-long-hung",
        "level": 2,
        "date": None,
        "snippet": first["snippet"],
    }
    assert "<mark>" in first["snippet"]
    assert set(body["facets"]) == {"type", "agency", "sector", "level", "life_event"}
    procedures = body["facets"]["type"][0]
    assert (procedures["value"], procedures["label"]) == ("procedure", "Thủ tục hành chính")
    assert procedures["count"] == sum(r["type"] == "procedure" for r in body["results"])
    assert sum(item["count"] for item in body["facets"]["type"]) == body["count"]


def test_news_results_carry_an_iso_date_and_no_code(client, corpus):
    body = api(client, q="chuyển đổi số", type="news").json()
    assert body["results"][0]["title"] == "Tiền Giang đẩy mạnh chuyển đổi số"
    assert body["results"][0]["date"] == "2026-10-15"
    assert "code" not in body["results"][0]


def facet(body, name):
    return {item["value"]: item["count"] for item in body["facets"][name]}


def test_facets_count_and_narrow(client, corpus):
    everything = api(client).json()
    assert everything["count"] == len(PROCEDURES) + len(NEWS) + 2
    assert facet(everything, "type") == {"procedure": 13, "news": 9, "page": 2}
    # The district counts its commune's pages; the province counts everything below it.
    agencies = facet(everything, "agency")
    assert agencies["ubnd-xa-long-hung"] == 7
    assert agencies["ubnd-huyen-chau-thanh"] == 7 + 4
    assert agencies["ubnd-tinh"] == 24
    assert facet(everything, "sector")["ho-tich"] == 6
    assert facet(everything, "level") == {2: 7, 3: 4, 4: 2}

    narrowed = api(client, type="procedure", agency="ubnd-huyen-chau-thanh").json()
    assert narrowed["count"] == 8
    assert {result["type"] for result in narrowed["results"]} == {"procedure"}
    # The type facet still offers news within the chosen agency, not only the choice made.
    assert facet(narrowed, "type") == {"procedure": 8, "news": 3}
    assert facet(narrowed, "level") == {2: 5, 3: 2, 4: 1}

    by_level = api(client, level=3, sector="xay-dung").json()
    assert [result["code"] for result in by_level["results"]] == ["1.009974"]


def test_pagination(client, corpus):
    first = api(client, page_size=5).json()
    fifth = api(client, page_size=5, page=5).json()
    assert len(first["results"]) == 5
    assert len(fifth["results"]) == 4
    beyond = api(client, page_size=5, page=9).json()
    assert beyond["results"] == []
    assert beyond["count"] == 24


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"type": "video"}, "type"),
        ({"level": "5"}, "level"),
        ({"level": "hai"}, "level"),
        ({"level": "²"}, "level"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "1e3"}, "page"),
        ({"page": "99999"}, "page"),
        ({"page": "9" * 5000}, "page"),  # beyond Python's int() digit limit
        ({"level": "1" * 5000}, "level"),
        ({"page_size": "51"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page": "300", "page_size": "50"}, "page"),
        ({"agency": "<script>"}, "agency"),
        ({"sector": "a b"}, "sector"),
    ],
)
def test_bad_parameters_get_400_with_a_vietnamese_message(client, corpus, params, field):
    response = api(client, q="khai sinh", **params)
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == field
    assert body["error"] and not body["error"].isascii()
    page = client.get("/tim-kiem/", {"q": "khai sinh", **params})
    assert page.status_code == 400
    assert body["error"] in page.content.decode()


def test_unknown_facet_value_is_just_no_results(client, corpus):
    body = api(client, q="khai sinh", agency="so-khong-ton-tai").json()
    assert body["count"] == 0


@pytest.mark.parametrize(
    "query",
    ["title:(a OR b)", "*", "~", "\\", '"', "(((", "👍", "khai\x00sinh", "\u0301\u0301", "x" * 10_000],
)
def test_hostile_queries_never_break_the_page_or_the_api(client, corpus, query):
    assert api(client, q=query).status_code == 200
    assert client.get("/tim-kiem/", {"q": query}).status_code == 200


def test_long_query_is_cut_and_the_page_says_so(client, corpus):
    body = api(client, q="khai sinh " * 1000).json()
    assert body["truncated"] is True
    assert len(body["query"]) <= MAX_QUERY_LENGTH
    html = client.get("/tim-kiem/", {"q": "khai sinh " * 1000}).content.decode()
    assert f"chỉ {MAX_QUERY_LENGTH} ký tự đầu" in html


def test_search_page_shows_results_facets_suggestion_and_pagination(client, corpus):
    html = client.get("/tim-kiem/", {"q": "dang ky khai sinh", "page_size": 2}).content.decode()
    assert '<a href="/thu-tuc/1/">Đăng ký khai sinh</a>' in html
    assert "<mark>" in html
    assert "Thủ tục hành chính (" in html
    assert 'rel="next"' in html
    assert "page=2" in html
    # The next page keeps the query and the page size; a selected facet's link removes it.
    assert '<a href="?q=dang+ky+khai+sinh&amp;page_size=2&amp;page=2" rel="next">' in html
    filtered = client.get("/tim-kiem/", {"q": "dang ky khai sinh", "type": "procedure"}).content.decode()
    assert '<a href="?q=dang+ky+khai+sinh" aria-current="true">Thủ tục hành chính' in filtered
    misspelt = client.get("/tim-kiem/", {"q": "khai sinhh"}).content.decode()
    assert "Có phải bạn muốn tìm:" in misspelt
    suggested = re.search(r'Có phải bạn muốn tìm: <a href="\?q=([^"&]*)">', misspelt).group(1)
    assert "khai" in urllib.parse.unquote_plus(suggested)
    assert "Đăng ký khai sinh" in misspelt


def test_snippets_escape_page_text_and_keep_only_mark(client, fresh_engine, db):
    source = document_source(
        type="page",
        title="Hướng dẫn khai sinh",
        url="/x/",
        summary='Điền <script>alert("khai sinh")</script> & <b>khai sinh</b> đúng hạn',
    )
    fresh_engine.index_document(1, source, refresh=True)
    snippet = api(client, q="khai sinh").json()["results"][0]["snippet"]
    assert "<script>" not in snippet and "<b>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert "<mark>khai sinh</mark>" in snippet
    html = client.get("/tim-kiem/", {"q": "khai sinh"}).content.decode()
    assert "<script>alert" not in html


def test_search_page_shows_news_dates_as_dd_mm_yyyy_and_facets_as_titled_link_groups(client, corpus):
    html = client.get("/tim-kiem/", {"q": "dang ky khai sinh truc tuyen", "type": "news"}).content.decode()
    assert "Tin tức · 02/10/2026" in html
    assert '<h2 class="facet__title" id="facet-agency">Cơ quan</h2>' in html
    assert "<fieldset>" not in html


def test_suggest_api(client, corpus):
    body = client.get("/api/search/suggest/", {"q": "dang ky khai s"}).json()
    titles = [item["title"] for item in body["suggestions"]]
    assert titles[0].startswith("Đăng ký khai sinh")
    assert set(body["suggestions"][0]) == {"title", "url", "type"}
    assert client.get("/api/search/suggest/", {"q": ""}).json() == {"suggestions": []}
    assert client.get("/api/search/suggest/", {"q": "title:(*"}).status_code == 200


def test_agency_hostname_searches_that_agency_by_default(client, fresh_engine, make_agency, publish):
    province = make_agency("ubnd-tinh", "Ủy ban nhân dân tỉnh")
    justice = make_agency("so-tu-phap", "Sở Tư pháp", parent="ubnd-tinh")
    publish(StandardPage(title="Lịch tiếp công dân của Sở Tư pháp"), justice)
    publish(StandardPage(title="Lịch tiếp công dân của tỉnh"), province)
    Site.objects.create(hostname="stp.example.vn", port=80, root_page=justice)
    fresh_engine.refresh()

    scoped = client.get("/api/search/", {"q": "lich tiep cong dan"}, HTTP_HOST="stp.example.vn").json()
    assert [r["title"] for r in scoped["results"]] == ["Lịch tiếp công dân của Sở Tư pháp"]
    everywhere = client.get(
        "/api/search/", {"q": "lich tiep cong dan", "scope": "all"}, HTTP_HOST="stp.example.vn"
    ).json()
    assert everywhere["count"] == 2
    html = client.get("/tim-kiem/", {"q": "lich tiep cong dan"}, HTTP_HOST="stp.example.vn").content.decode()
    assert "Đang tìm trong Sở Tư pháp" in html
    assert "scope=all" in html
    # The portal's own hostname searches everything.
    assert client.get("/api/search/", {"q": "lich tiep cong dan"}).json()["count"] == 2


def test_without_an_engine_the_database_answers_with_folding(client, settings, make_agency, publish):
    settings.ELASTICSEARCH_URL = None
    justice = make_agency("so-tu-phap", "Sở Tư pháp")
    birth = StandardPage(title="Đăng ký khai sinh cho trẻ em", intro="Nộp tờ khai đăng ký khai sinh.")
    publish(birth, justice)
    publish(StandardPage(title="Đường dây nóng", intro="Số điện thoại đường dây nóng."), justice)
    body = api(client, q="dang ky khai sinh").json()
    assert body["backend"] == "database"
    assert [r["title"] for r in body["results"]] == ["Đăng ký khai sinh cho trẻ em"]
    snippet = body["results"][0]["snippet"]
    assert "đăng ký khai sinh</mark>" in snippet and snippet.startswith("Nộp tờ <mark>")
    assert [r["title"] for r in api(client, q="duong day nong").json()["results"]] == ["Đường dây nóng"]
    assert [r["title"] for r in api(client, q="ĐƯỜNG DÂY").json()["results"]] == ["Đường dây nóng"]
    everything = api(client).json()
    assert facet(everything, "type") == {"page": 3}
    assert facet(everything, "agency") == {"so-tu-phap": 3}
    assert api(client, q="👍 title:(a OR b)").status_code == 200
    html = client.get("/tim-kiem/", {"q": "dang ky"}).content.decode()
    assert "tìm trực tiếp trong cơ sở dữ liệu" in html


def test_database_fallback_understands_synonyms_telex_and_filler_words(
    client, settings, make_agency, publish
):
    settings.ELASTICSEARCH_URL = None
    justice = make_agency("so-tu-phap", "Sở Tư pháp")
    for title, intro in [
        ("Đăng ký khai tử", "Người thân nộp tờ khai khi có người chết."),
        ("Đăng ký khai sinh", "Cha mẹ nộp tờ khai cho trẻ em mới sinh."),
        ("Cấp giấy chứng nhận đủ điều kiện kinh doanh", "Hồ sơ gồm giấy đề nghị và chứng từ nộp phí."),
    ]:
        publish(StandardPage(title=title, intro=intro), justice)

    def first(query):
        body = api(client, q=query).json()
        assert body["backend"] == "database"
        return body["results"][0]["title"] if body["results"] else None

    assert first("lam giay chung tu") == "Đăng ký khai tử"  # synonym: giấy chứng tử = khai tử
    assert first("ddawng kys khai sinh") == "Đăng ký khai sinh"  # Telex keystrokes
    assert first("thu tuc dang ky khai sinh o dau") == "Đăng ký khai sinh"  # filler words
    assert api(client, q="thu tuc dang ky khai sinh o dau").json()["count"] == 1


def test_database_fallback_on_postgresql_keeps_syllables_that_are_english_stop_words(
    client, settings, make_agency, publish
):
    # "so do to an no" are English stop words; with the cluster's default (English) text search
    # configuration "sổ đỏ" would fold to an empty query. SEARCH_CONFIG "simple" keeps them.
    require_postgresql()
    settings.ELASTICSEARCH_URL = None
    land = make_agency("so-tai-nguyen-va-moi-truong", "Sở Tài nguyên và Môi trường")
    publish(StandardPage(title="Cấp sổ đỏ lần đầu", intro="Giấy chứng nhận quyền sử dụng đất."), land)
    publish(StandardPage(title="Đăng ký khai sinh", intro="Nộp tờ khai cho trẻ em."), land)
    body = api(client, q="so do").json()
    assert body["backend"] == "database"
    assert [r["title"] for r in body["results"]][:1] == ["Cấp sổ đỏ lần đầu"]
    assert api(client, q="sổ đỏ").json()["results"][0]["title"] == "Cấp sổ đỏ lần đầu"
