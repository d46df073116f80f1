"""Agency editors add documents through the admin, in their own agency's register only."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from legal_documents.models import LegalDocumentPage
from tests.factories import agency_user
from tests.refusals import assert_sent_to_dashboard

from .conftest import register_of


def document_form(number, **changes):
    data = {
        "title": f"Quyết định số {number} về thử nghiệm",
        "slug": number.replace("/", "-").lower().replace("đ", "d"),
        "number": number,
        "document_type": "quyet-dinh",
        "issuer": "Ủy ban nhân dân tỉnh Tiền Giang",
        "signer": "",
        "signer_title": "",
        "issued": "2025-03-01",
        "effective": "2025-03-15",
        "expires": "",
        "status": "hieu-luc",
        "sector": "",
        "summary": "Về việc thử nghiệm nhập văn bản trong trang quản trị.",
        "files": inline_formset([]),
        "relations": inline_formset([]),
        **changes,
    }
    form = nested_form_data(data)
    form["action-save"] = "1"
    return form


@pytest.fixture
def editor(client, ubnd):
    user = agency_user(ubnd, "editors")
    client.force_login(user)
    return user


def add_url(section):
    return reverse("wagtailadmin_pages:add", args=["legal_documents", "legaldocumentpage", section.pk])


def test_editor_adds_a_document_in_their_agency_register(client, ubnd, editor):
    section = register_of(ubnd)
    assert client.get(add_url(section)).status_code == 200
    response = client.post(add_url(section), document_form("12/QĐ-UBND"))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = LegalDocumentPage.objects.get(number="12/QĐ-UBND")
    assert page.get_parent().pk == section.pk and not page.live


def test_editor_cannot_add_a_document_in_another_agency_register(client, ubnd, agency_b, editor):
    response = client.post(add_url(register_of(agency_b)), document_form("13/QĐ-SYT"))
    assert_sent_to_dashboard(response)
    assert not LegalDocumentPage.objects.exists()
    assert_sent_to_dashboard(client.get(add_url(register_of(agency_b))))


def test_documents_are_not_created_in_the_portal_register(client, admin_client, portal_sections):
    portal = portal_sections["van-ban"]
    response = admin_client.get(add_url(portal))
    assert_sent_to_dashboard(response)


def test_the_admin_form_refuses_bad_dates_and_duplicate_numbers(client, ubnd, editor, make_document):
    section = register_of(ubnd)
    response = client.post(add_url(section), document_form("14/QĐ-UBND", effective="2025-02-01"))
    assert response.status_code == 200
    assert "Ngày có hiệu lực không được trước ngày ban hành." in response.content.decode()
    make_document("15/QĐ-UBND")
    response = client.post(add_url(section), document_form("15/QĐ-UBND", slug="khac"))
    assert response.status_code == 200
    assert "Cơ quan đã có văn bản số 15/QĐ-UBND" in response.content.decode()
    assert LegalDocumentPage.objects.count() == 1
