"""Query budgets of the portal's own pages: at most 10 queries, the same with 3 items as with 30.

Counted on a warm request, as a running server serves almost every page: the first request after
a publish rebuilds the cached fragments.
"""

import pytest

from home.models import AgencyLeader
from tests.factories import AgencyPageFactory, StandardPageFactory
from tests.queries import BUDGET, warm_queries


def add_agencies(directory, start, count):
    for number in range(start, start + count):
        AgencyPageFactory(
            parent=directory,
            title=f"Ủy ban nhân dân xã Số {number:02d}",
            slug=f"ubnd-xa-so-{number:02d}",
            kind="ubnd-xa",
            email=f"xa{number}@tiengiang.gov.vn",
            leaders=[AgencyLeader(name=f"Nguyễn Văn {number}", title="Chủ tịch")],
        )


def add_children(parent, start, count):
    for number in range(start, start + count):
        StandardPageFactory(
            parent=parent, title=f"Trang con {number:02d}", slug=f"trang-con-{number:02d}", show_in_menus=True
        )


@pytest.mark.parametrize("url", ["/", "/co-quan/"])
def test_home_and_directory_queries_stay_within_budget_and_do_not_grow_with_agencies(
    client, portal_sections, url
):
    directory = portal_sections["co-quan"]
    add_agencies(directory, 0, 3)
    few = warm_queries(client, url)
    add_agencies(directory, 3, 27)
    many = warm_queries(client, url)
    assert few <= BUDGET
    assert many == few
    assert "Ủy ban nhân dân xã Số 29" in client.get(url).content.decode()


def test_agency_page_queries_do_not_grow_with_its_sections_and_leaders(client, agency):
    add_children(agency, 0, 3)
    few = warm_queries(client, agency.url)
    add_children(agency, 3, 27)
    agency.leaders = [AgencyLeader(name=f"Trần Thị {n}", title="Phó Giám đốc") for n in range(30)]
    agency.save_revision().publish()
    many = warm_queries(client, agency.url)
    assert few <= BUDGET
    assert many == few
    html = client.get(agency.url).content.decode()
    assert "Trang con 29" in html
    assert "Trần Thị 29" in html


def test_standard_page_queries_stay_within_budget_and_do_not_grow_with_the_site(client, agency, home):
    page = StandardPageFactory(
        parent=agency, title="Giới thiệu", slug="gioi-thieu", intro="Giới thiệu chung."
    )
    add_children(home, 0, 3)
    few = warm_queries(client, page.url)
    add_children(home, 3, 27)
    many = warm_queries(client, page.url)
    assert few <= BUDGET
    assert many == few
