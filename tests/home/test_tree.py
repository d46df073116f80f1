"""The page-type rules make the tree of architecture.md the only tree an editor can build."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest

from consultations.models import ConsultationIndexPage
from home.models import AgencyIndexPage, AgencyPage, HomePage, StandardPage
from home.structure import ensure_portal_sections, home_page
from legal_documents.models import LegalDocumentIndexPage
from news.models import NewsIndexPage
from procedures.models import ProcedureIndexPage
from questions.models import QuestionIndexPage
from schedule.models import SchedulePage

# The sections that the portal and every agency hold besides news and procedures.
CIVIC_SECTIONS = {LegalDocumentIndexPage, ConsultationIndexPage, QuestionIndexPage}


@pytest.mark.django_db
class TestTreeRules(WagtailPageTestCase):
    def test_home_page_takes_the_portal_sections(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {NewsIndexPage, ProcedureIndexPage, AgencyIndexPage, StandardPage, *CIVIC_SECTIONS, SchedulePage},
        )

    def test_agencies_live_only_in_the_directory_or_under_another_agency(self):
        self.assertAllowedParentPageTypes(AgencyPage, {AgencyIndexPage, AgencyPage})
        self.assertCanNotCreateAt(HomePage, AgencyPage)
        self.assertCanNotCreateAt(StandardPage, AgencyPage)

    def test_agency_holds_its_own_sections(self):
        self.assertAllowedSubpageTypes(
            AgencyPage, {AgencyPage, NewsIndexPage, ProcedureIndexPage, StandardPage, *CIVIC_SECTIONS}
        )

    def test_there_is_one_home_page_and_one_directory(self):
        root, home = Page.get_first_root_node(), home_page()
        # A home page may live at the root, but the one the migrations made is the only one.
        assert HomePage.can_exist_under(root) and not HomePage.can_create_at(root)
        # migrate made the directory (home.structure.create_portal_sections); without it there is room.
        assert not AgencyIndexPage.can_create_at(home)
        home.get_children().type(AgencyIndexPage).delete()
        assert AgencyIndexPage.can_create_at(home)
        ensure_portal_sections()
        assert not AgencyIndexPage.can_create_at(home)
        self.assertCanNotCreateAt(AgencyPage, AgencyIndexPage)


@pytest.mark.parametrize(
    ("model_label", "section"),
    [
        ("procedures.ProcedurePage", ("thu-tuc-hanh-chinh", "thu-tuc")),
        ("legal_documents.LegalDocumentPage", ("van-ban", "van-ban")),
        ("consultations.ConsultationPage", ("gop-y-du-thao", "gop-y-du-thao")),
        ("questions.QuestionPage", ("hoi-dap", "hoi-dap")),
    ],
)
def test_agency_content_is_made_only_in_an_agency_section(agency, portal_sections, model_label, section):
    """The portal-wide sections aggregate every agency's pages; a page made there would belong
    to no agency, so no agency's editors, moderators or workflow would handle it."""
    from django.apps import apps

    model = apps.get_model(model_label)
    portal_wide, own = section
    assert not model.can_create_at(portal_sections[portal_wide])
    assert model.can_create_at(agency.get_children().get(slug=own).specific)
