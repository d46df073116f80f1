"""Editors work on the whole record in one admin page; uploads are checked."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from procedures.models import ProcedurePage
from tests.procedures.conftest import procedure_section

Document = get_document_model()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "qt@tiengiang.gov.vn", "matkhau")
    client.force_login(user)
    return client


def record(hotich, form_document, level=2, forms=True, **overrides):
    data = {
        "title": "Thủ tục đăng ký khai sinh",
        "slug": "dang-ky-khai-sinh",
        "code": "1.001193",
        "local_code": "1.001193.000.00.00.H58",
        "decision_numbers": "QĐ công bố của Bộ Tư pháp",
        "sector": hotich.pk,
        "implementation_level": "xa",
        "procedure_type": "TTHC được luật giao quy định chi tiết",
        "status": "hieu-luc",
        "effective_from": "",
        "level": level,
        "online_service": "toan-trinh",
        "national_portal_url": "https://dichvucong.gov.vn/",
        "methods_note": "Trực tiếp, trực tuyến hoặc qua bưu chính.",
        "processing_time": "Ngay trong ngày tiếp nhận hồ sơ",
        "fees": "Miễn lệ phí đăng ký khai sinh đúng hạn",
        "applicants": "Công dân Việt Nam",
        "result": "Giấy khai sinh",
        "conditions": "Trong thời hạn 60 ngày kể từ ngày sinh con.",
        "executing_agency": "Ủy ban nhân dân cấp xã",
        "competent_agency": "Ủy ban nhân dân cấp xã",
        "receiving_address": "Bộ phận Một cửa cấp xã",
        "coordinating_agencies": "",
        "old_codes": inline_formset([{"code": "2.000986"}]),
        "steps": inline_formset(
            [
                {"title": "Bước 1", "text": "Nộp hồ sơ tại Bộ phận Một cửa."},
                {"title": "Bước 2", "text": "Nhận Giấy khai sinh."},
            ]
        ),
        "channels": inline_formset(
            [
                {
                    "channel": "truc-tiep",
                    "processing_time": "Ngay trong ngày",
                    "fee": "Miễn lệ phí",
                    "description": "",
                }
            ]
        ),
        "required_documents": inline_formset(
            [
                {
                    "group": "",
                    "name": "Tờ khai đăng ký khai sinh",
                    "originals": 1,
                    "copies": 0,
                    "form": form_document.pk,
                },
                {"group": "", "name": "Giấy chứng sinh", "originals": 1, "copies": 0, "form": ""},
            ]
        ),
        "legal_bases": inline_formset(
            [
                {
                    "number": "60/2014/QH13",
                    "summary": "Luật Hộ tịch",
                    "issued_on": "20/11/2014",
                    "issuer": "Quốc hội",
                    "url": "",
                }
            ]
        ),
        "forms": inline_formset(
            [{"title": "Tờ khai đăng ký khai sinh", "document": form_document.pk}] if forms else []
        ),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_creates_a_full_record_in_one_admin_page(admin_client, agency, hotich, form_document):
    section = procedure_section(agency)
    url = f"/admin/pages/add/procedures/procedurepage/{section.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, record(hotich, form_document))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = ProcedurePage.objects.get(code="1.001193")
    assert page.live
    assert [s.title for s in page.steps.all()] == ["Bước 1", "Bước 2"]
    assert page.required_documents.first().form == form_document
    assert page.legal_bases.get().issued_on.isoformat() == "2014-11-20"
    assert page.old_codes.get().code == "2.000986"
    assert page.forms.get().document == form_document


def test_editor_edits_every_part_in_one_admin_page(admin_client, birth_registration, hotich, form_document):
    url = f"/admin/pages/{birth_registration.pk}/edit/"
    html = admin_client.get(url).content.decode()
    for heading in [
        "Trình tự thực hiện",
        "Cách thức thực hiện",
        "Thành phần hồ sơ",
        "Căn cứ pháp lý",
        "Biểu mẫu",
        "Mã cũ",
    ]:
        assert heading in html
    steps = [
        {"id": step.pk, "title": step.title, "text": f"{step.text} (đã sửa)"}
        for step in birth_registration.steps.all()
    ]
    data = record(
        hotich, form_document, fees="8.000 đồng/bản", steps=inline_formset(steps, initial=len(steps))
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    birth_registration.refresh_from_db()
    assert birth_registration.fees == "8.000 đồng/bản"
    assert [step.text for step in birth_registration.steps.all()] == [
        "Nộp hồ sơ tại Bộ phận Một cửa của UBND cấp xã. (đã sửa)",
        "Công chức tư pháp - hộ tịch kiểm tra hồ sơ. (đã sửa)",
    ]


def test_level_two_procedure_without_a_form_is_refused(
    admin_client, birth_registration, hotich, form_document
):
    url = f"/admin/pages/{birth_registration.pk}/edit/"
    response = admin_client.post(url, record(hotich, form_document, level=2, forms=False))
    assert response.status_code == 200
    assert "Thủ tục mức độ 2 phải có ít nhất một biểu mẫu tải về" in response.content.decode()
    assert birth_registration.forms.count() == 1  # nothing saved


def test_online_level_without_a_link_is_refused(admin_client, birth_registration, hotich, form_document):
    url = f"/admin/pages/{birth_registration.pk}/edit/"
    response = admin_client.post(url, record(hotich, form_document, level=3, national_portal_url=""))
    assert response.status_code == 200
    assert "phải có địa chỉ nộp hồ sơ trực tuyến" in response.content.decode()


def test_procedure_cannot_be_added_to_the_portal_catalogue(admin_client, portal_sections):
    section = portal_sections["thu-tuc-hanh-chinh"]
    response = admin_client.get(f"/admin/pages/add/procedures/procedurepage/{section.pk}/")
    assert response.status_code == 302


def upload(admin_client, agency, name, content):
    return admin_client.post(
        "/admin/documents/add/",
        {"title": "Biểu mẫu", "collection": agency.collection_id, "file": SimpleUploadedFile(name, content)},
    )


def test_valid_docx_upload_is_accepted(admin_client, agency, docx_bytes):
    response = upload(admin_client, agency, "to-khai.docx", docx_bytes)
    assert response.status_code == 302
    assert Document.objects.get().file_size == len(docx_bytes)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("to-khai.pdf", b"MZ\x90\x00" + b"\x00" * 100, "không phải là tệp PDF hợp lệ"),
        ("to-khai.docx", b"%PDF-1.7\n", "không phải là tệp Word hợp lệ"),
        ("to-khai.doc", b"PK\x03\x04" + b"\x00" * 50, "không phải là tệp Word 97–2003 hợp lệ"),
        ("to-khai.exe", b"MZ\x90\x00", "exe"),
    ],
)
def test_upload_with_bytes_not_matching_the_extension_is_refused(
    admin_client, agency, name, content, message
):
    response = upload(admin_client, agency, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    "limit, message",
    [
        ("PROCEDURES_FORM_MAX_SIZE", "quá lớn"),  # the procedure form's own limit
        ("WAGTAILDOCS_MAX_UPLOAD_SIZE", "Tệp quá lớn (2,0"),  # Wagtail's, refused by its size
    ],
)
def test_upload_over_a_size_limit_is_refused(admin_client, agency, settings, limit, message):
    setattr(settings, limit, 1000)
    response = upload(admin_client, agency, "to-khai.pdf", b"%PDF-1.7\n" + b"0" * 2000)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_new_record_can_be_previewed_before_saving(admin_client, agency, hotich, form_document):
    section = procedure_section(agency)
    url = f"/admin/pages/add/procedures/procedurepage/{section.pk}/preview/"
    response = admin_client.post(url, record(hotich, form_document))
    assert response.json()["is_valid"]
    html = admin_client.get(url).content.decode()
    assert "Trình tự thực hiện" in html and "Nộp hồ sơ tại Bộ phận Một cửa." in html
    assert "stp@tiengiang.gov.vn" in html


def test_copying_a_procedure_is_refused_with_a_message(admin_client, birth_registration):
    response = admin_client.post(
        f"/admin/pages/{birth_registration.pk}/copy/",
        {
            "new_title": "Bản sao",
            "new_slug": "ban-sao",
            "new_parent_page": birth_registration.get_parent().pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "mã thủ tục là duy nhất" in response.content.decode()
    assert ProcedurePage.objects.count() == 1
