"""On real procedure and news pages published through Wagtail, a citizen's query brings
the procedure first, on the page and in the API (issue 8's "done when")."""

import datetime
import unicodedata

import pytest

from news.models import NewsPage
from procedures.models import ProcedureCodeAlias, ProcedurePage, ProcedureStep, RequiredDocument, Sector


@pytest.fixture
def published(fresh_engine, make_agency, django_capture_on_commit_callbacks):
    province = make_agency("ubnd-tinh", "Ủy ban nhân dân tỉnh")
    commune = make_agency("ubnd-xa-long-hung", "UBND xã Long Hưng", parent="ubnd-tinh")
    hotich = Sector.objects.create(name="Hộ tịch", slug="ho-tich")
    procedures = commune.get_children().get(slug="thu-tuc")
    news_section = province.get_children().get(slug="tin-tuc")

    def procedure(code, title, result, documents, old_codes=()):
        page = ProcedurePage(
            code=code,
            title=title,
            sector=hotich,
            implementation_level="xa",
            level=2,
            processing_time="Ngay trong ngày tiếp nhận hồ sơ",
            result=result,
        )
        page.steps = [ProcedureStep(title="Bước 1", text="Nộp hồ sơ tại Bộ phận Một cửa UBND xã.")]
        page.required_documents = [RequiredDocument(name=name) for name in documents]
        page.old_codes = [ProcedureCodeAlias(code=old) for old in old_codes]
        procedures.add_child(instance=page)
        page.save_revision().publish()
        return page

    with django_capture_on_commit_callbacks(execute=True):
        pages = {
            "birth": procedure(
                "1.001193",
                "Đăng ký khai sinh",
                "Giấy khai sinh",
                ["Tờ khai đăng ký khai sinh theo mẫu", "Giấy chứng sinh"],
                old_codes=["2.000986"],
            ),
            "death": procedure(
                "1.000656",
                "Đăng ký khai tử",
                "Trích lục khai tử",
                ["Tờ khai đăng ký khai tử theo mẫu", "Giấy báo tử hoặc giấy tờ thay thế giấy báo tử"],
            ),
            "marriage": procedure("1.000894", "Đăng ký kết hôn", "Giấy chứng nhận kết hôn", ["Tờ khai"]),
        }
        news = NewsPage(
            title="Hướng dẫn thủ tục đăng ký khai sinh trực tuyến",
            slug="huong-dan-khai-sinh",
            date=datetime.date(2026, 11, 2),
            summary="Người dân làm thủ tục đăng ký khai sinh, khai tử và giấy chứng tử tại nhà.",
        )
        news_section.add_child(instance=news)
        news.save_revision().publish()
    fresh_engine.refresh()
    pages["news"] = news
    return pages


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("thu tuc dang ky khai sinh", "birth"),
        (unicodedata.normalize("NFD", "Đăng ký khai sinh"), "birth"),
        ("lam giay chung tu", "death"),
        ("1.001193", "birth"),
        ("2.000986", "birth"),  # a former code still finds it
        ("giay chung sinh", "birth"),  # a required document
        ("giấy báo tử", "death"),
    ],
)
def test_the_procedure_comes_first_in_the_api_and_on_the_page(client, published, query, expected):
    page = published[expected]
    body = client.get("/api/search/", {"q": query}).json()
    assert body["backend"] == "engine"
    first = body["results"][0]
    assert (first["title"], first["url"], first["code"]) == (page.title, page.url, page.code)
    assert first["level"] == 2
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    news_link = f'href="{published["news"].url}"'
    assert html.index(f'href="{page.url}"') < (html.index(news_link) if news_link in html else len(html))


def test_sector_and_level_facets_use_the_procedure_apps_labels(client, published):
    body = client.get("/api/search/", {"q": "dang ky"}).json()
    assert {"value": "ho-tich", "label": "Hộ tịch", "count": 3} in body["facets"]["sector"]
    assert {"value": 2, "label": "Mức độ 2", "count": 3} in body["facets"]["level"]
    commune = {"value": "ubnd-xa-long-hung", "label": "UBND xã Long Hưng", "count": 3}
    assert commune in body["facets"]["agency"]
