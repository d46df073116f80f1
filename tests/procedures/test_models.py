from django.core.exceptions import ValidationError

import pytest

from procedures.models import ProcedureIndexPage, ProcedurePage, Sector
from tests.procedures.conftest import procedure_section


def test_sector_slug_folds_vietnamese_letters(db):
    assert Sector.objects.create(name="Đất đai").slug == "dat-dai"
    assert str(Sector.objects.get(slug="dat-dai")) == "Đất đai"


def test_procedures_live_only_under_an_agency_section(agency, portal_sections):
    assert ProcedurePage.can_create_at(procedure_section(agency))
    assert not ProcedurePage.can_create_at(portal_sections["thu-tuc-hanh-chinh"])
    assert not ProcedurePage.can_create_at(agency)
    assert ProcedurePage.allowed_subpage_models() == []
    assert ProcedureIndexPage.allowed_subpage_models() == [ProcedurePage]


@pytest.mark.parametrize("code", ["1001193", "1.00119", "A.001193", "1.0011934"])
def test_code_must_look_like_a_national_code(make_procedure, code):
    page = make_procedure("1.000001", "Thủ tục thử")
    page.code = code
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "code" in error.value.message_dict


def test_code_is_unique_with_a_vietnamese_message(make_procedure):
    make_procedure("1.000001", "Thủ tục thứ nhất")
    other = make_procedure("1.000002", "Thủ tục thứ hai")
    other.code = "1.000001"
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "Đã có thủ tục khác mang mã 1.000001" in error.value.message_dict["code"][0]


@pytest.mark.parametrize("level", [3, 4])
def test_online_levels_need_the_submission_link(make_procedure, level):
    page = make_procedure("1.000001", "Thủ tục trực tuyến")
    page.level = level
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "nộp hồ sơ trực tuyến" in error.value.message_dict["national_portal_url"][0]
    page.national_portal_url = "https://dichvucong.gov.vn/"
    page.full_clean()


@pytest.mark.parametrize("level", [0, 5])
def test_level_is_between_one_and_four(make_procedure, level):
    page = make_procedure("1.000001", "Thủ tục")
    page.level = level
    with pytest.raises(ValidationError):
        page.full_clean()


def test_required_documents_are_grouped_in_editor_order(birth_registration):
    groups = birth_registration.required_document_groups()
    assert [(title, len(docs)) for title, docs in groups] == [
        ("Giấy tờ phải nộp", 2),
        ("Giấy tờ phải xuất trình", 1),
    ]
