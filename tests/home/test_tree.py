"""The page-type rules make the tree of architecture.md the only tree an editor can build."""

from wagtail.test.utils import WagtailPageTestCase

import pytest

from home.models import AgencyIndexPage, AgencyPage, HomePage, StandardPage
from news.models import NewsIndexPage
from procedures.models import ProcedureIndexPage


@pytest.mark.django_db
class TestTreeRules(WagtailPageTestCase):
    def test_home_page_takes_the_portal_sections(self):
        self.assertAllowedSubpageTypes(
            HomePage, {NewsIndexPage, ProcedureIndexPage, AgencyIndexPage, StandardPage}
        )

    def test_agencies_live_only_in_the_directory_or_under_another_agency(self):
        self.assertAllowedParentPageTypes(AgencyPage, {AgencyIndexPage, AgencyPage})
        self.assertCanNotCreateAt(HomePage, AgencyPage)
        self.assertCanNotCreateAt(StandardPage, AgencyPage)

    def test_agency_holds_its_own_sections(self):
        self.assertAllowedSubpageTypes(
            AgencyPage, {AgencyPage, NewsIndexPage, ProcedureIndexPage, StandardPage}
        )

    def test_there_is_one_home_page_and_one_directory(self):
        assert HomePage.max_count == 1
        assert AgencyIndexPage.max_count == 1
        self.assertCanNotCreateAt(AgencyPage, AgencyIndexPage)
