"""Every factory in tests/factories.py builds a valid object where the tree allows it."""

from django.core.exceptions import ValidationError

import pytest

from tests.factories import (
    AgencyPageFactory,
    ConsultationPageFactory,
    DocumentFactory,
    ImageFactory,
    LegalDocumentPageFactory,
    NewsPageFactory,
    ProcedurePageFactory,
    QuestionPageFactory,
    StandardPageFactory,
)


def section(agency, slug):
    return agency.get_children().get(slug=slug).specific


@pytest.mark.parametrize(
    ("factory", "slug"),
    [
        (NewsPageFactory, "tin-tuc"),
        (ProcedurePageFactory, "thu-tuc"),
        (LegalDocumentPageFactory, "van-ban"),
        (ConsultationPageFactory, "gop-y-du-thao"),
        (QuestionPageFactory, "hoi-dap"),
    ],
)
def test_each_section_page_factory_publishes_a_valid_page(agency, factory, slug):
    page = factory(parent=section(agency, slug))
    page.full_clean()
    page.refresh_from_db()  # publishing saved a copy of the page, from its revision
    assert page.live and page.live_revision_id and page.get_parent().pk == section(agency, slug).pk


def test_standard_and_agency_pages_and_drafts(home, portal_sections):
    first = StandardPageFactory(parent=home, title="Đăng ký khai sinh")
    second = StandardPageFactory(parent=home, title="Đăng ký khai sinh", publish=False)
    assert (first.slug, second.slug) == ("dang-ky-khai-sinh", "dang-ky-khai-sinh-1")
    first.refresh_from_db()
    assert first.live and not second.live and second.get_latest_revision() is not None
    agency = AgencyPageFactory(parent=portal_sections["co-quan"])
    assert agency.live and agency.kind == "ubnd-xa"


def test_an_answer_takes_its_question_s_code_and_agency(agency):
    page = QuestionPageFactory(parent=section(agency, "hoi-dap"))
    assert page.slug == page.code.lower() == page.question_record.code.lower()
    assert page.question_record.agency.pk == agency.pk


def test_images_and_documents_go_to_the_root_collection(db):
    image, document = ImageFactory(), DocumentFactory()
    assert image.collection.is_root() and document.collection.is_root()
    assert (image.width, image.height) == (1600, 900)
    assert document.file_size and document.file_hash


def test_news_with_an_image_gets_alt_text_and_without_it_needs_none(agency, db):
    news = section(agency, "tin-tuc")
    assert NewsPageFactory(parent=news, lead_image=ImageFactory()).lead_image_alt
    with pytest.raises(ValidationError):
        NewsPageFactory(parent=news, lead_image=ImageFactory(), lead_image_alt="")
