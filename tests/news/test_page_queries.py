"""Query budgets of news pages: at most 10 queries, the same with 3 items as with 30; and the home
page's cached latest news, which follows publishing at once.

Counted on a warm request, as a running server serves almost every page: the first request after
a publish rebuilds the cached fragments.
"""

import pytest

from news.models import NewsRelatedProcedure
from procedures.models import ProcedureStep, Sector
from tests.factories import ProcedurePageFactory
from tests.queries import BUDGET, warm_queries


def add_news(make_news, make_image, section, start, count):
    for number in range(start, start + count):
        make_news(section, f"Tin số {number:02d}", image=make_image(), tags=["Kinh tế", f"Chủ đề {number}"])


@pytest.mark.parametrize("listing", ["portal", "agency"])
def test_news_lists_stay_within_budget_and_do_not_grow_with_the_news(
    client, portal_news, agency_news, make_news, make_image, listing
):
    url = portal_news.url if listing == "portal" else agency_news.url
    add_news(make_news, make_image, agency_news, 0, 3)
    few = warm_queries(client, url)
    add_news(make_news, make_image, agency_news, 3, 27)
    many = warm_queries(client, url)
    assert few <= BUDGET
    assert many == few
    assert "Tin số 29" in client.get(url).content.decode()


def test_news_page_stays_within_budget_whatever_its_topics_links_and_the_corpus(
    client, agency, agency_news, make_news, make_image
):
    sector = Sector.objects.create(name="Hộ tịch")
    section = agency.get_children().get(slug="thu-tuc")
    procedures = []
    for number in range(30):
        procedure = ProcedurePageFactory(
            parent=section,
            title=f"Thủ tục số {number:02d}",
            code=f"1.{number + 100:06d}",
            sector=sector,
            processing_time="Trong ngày",
            result="Giấy xác nhận",
            steps=[ProcedureStep(text="Nộp hồ sơ.")],
        )
        procedures.append(procedure)

    def news_with(count):
        page = make_news(
            agency_news,
            f"Tin có {count} chủ đề",
            image=make_image(),
            tags=[f"Chủ đề {n}" for n in range(count)],
        )
        page.related_procedures = [NewsRelatedProcedure(procedure=p) for p in procedures[:count]]
        page.save_revision().publish()
        return page

    few = warm_queries(client, news_with(3).url)
    add_news(make_news, make_image, agency_news, 0, 27)
    page = news_with(30)
    many = warm_queries(client, page.url)
    assert few <= BUDGET
    assert many == few
    html = client.get(page.url).content.decode()
    assert "Chủ đề 29" in html
    assert "Thủ tục số 29" in html


def test_home_latest_news_shows_a_published_item_at_once_and_drops_it_when_unpublished(
    client, portal_news, agency_news, make_news, make_image
):
    make_news(agency_news, "Tin đã có", image=make_image())
    assert "Tin đã có" in client.get("/").content.decode()  # the block is cached now
    fresh = make_news(agency_news, "Tin vừa đăng", image=make_image())
    assert "Tin vừa đăng" in client.get("/").content.decode()
    fresh.unpublish()
    assert "Tin vừa đăng" not in client.get("/").content.decode()
    assert "Tin vừa đăng" not in client.get(portal_news.url).content.decode()
