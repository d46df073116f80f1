"""Procedures an editor links from a news item ("Thủ tục hành chính liên quan")."""

import pytest

from news.models import NewsPage, NewsRelatedProcedure
from tests.factories import ProcedurePageFactory


@pytest.fixture
def birth_registration(agency):
    # The factory's defaults: level 1 in the "Hộ tịch" sector, one step, "Giấy khai sinh".
    return ProcedurePageFactory(
        parent=agency.get_children().get(slug="thu-tuc"), code="1.001193", title="Đăng ký khai sinh"
    )


def test_news_page_links_its_procedures(client, agency_news, make_news, birth_registration):
    item = make_news(agency_news, "Liên thông đăng ký khai sinh, thường trú, bảo hiểm y tế")
    item.related_procedures = [NewsRelatedProcedure(procedure=birth_registration)]
    item.save_revision().publish()
    html = client.get(item.url).content.decode()
    assert "Thủ tục hành chính liên quan" in html
    assert f'href="{birth_registration.url}"' in html
    assert "1.001193" in html


def test_unpublished_procedure_is_not_linked(client, agency_news, make_news, birth_registration):
    item = make_news(agency_news, "Tin về thủ tục đã ngừng công bố")
    item.related_procedures = [NewsRelatedProcedure(procedure=birth_registration)]
    item.save_revision().publish()
    birth_registration.unpublish()
    html = client.get(NewsPage.objects.get(pk=item.pk).url).content.decode()
    assert "Thủ tục hành chính liên quan" not in html


def test_private_procedure_is_not_linked(client, agency_news, make_news, birth_registration):
    from wagtail.models import PageViewRestriction

    item = make_news(agency_news, "Tin về thủ tục nội bộ")
    item.related_procedures = [NewsRelatedProcedure(procedure=birth_registration)]
    item.save_revision().publish()
    PageViewRestriction.objects.create(page=birth_registration, restriction_type="login")
    html = client.get(NewsPage.objects.get(pk=item.pk).url).content.decode()
    assert "1.001193" not in html
    assert "Thủ tục hành chính liên quan" not in html


def test_import_links_procedures_by_code(tmp_path, agency, birth_registration):
    from tests.news.test_import import run

    news = {
        "slug": "lien-thong-khai-sinh",
        "title": "Liên thông khai sinh",
        "date": "2025-01-15",
        "agency": agency.slug,
        "summary": "Tóm tắt.",
        "body": "Nội dung.",
        "procedures": ["1.001193"],
    }
    run(tmp_path, {"news": [news]})
    item = NewsPage.objects.get(slug="lien-thong-khai-sinh")
    assert item.live_related_procedures() == [birth_registration]
    revisions = item.revisions.count()
    run(tmp_path, {"news": [news]})
    assert item.revisions.count() == revisions
