"""`import_content` with the "documents" key (contracts §7): all or nothing, idempotent, and
errors that name the entry and the field; `export_documents` writes the same format back."""

import json
import logging
from io import StringIO

from django.core.management import CommandError, call_command

from wagtail.documents import get_document_model

import pytest

from legal_documents.models import ExtractedText, LegalDocumentPage

from .conftest import plan_entry

AGENCY = {"slug": "van-phong-ubnd-tinh", "name": "Văn phòng Ủy ban nhân dân tỉnh"}


def run(path, files_dir):
    out = StringIO()
    call_command("import_content", str(path), "--files-dir", str(files_dir), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_creates_published_documents_and_a_second_run_changes_nothing(
    client, portal_sections, import_file, files_dir
):
    data = {
        "agencies": [AGENCY],
        "documents": [
            plan_entry(files=[{"title": "Toàn văn", "filename": "qd-2665.pdf"}]),
            plan_entry(
                number="1205/QĐ-UBND",
                issued="2021-05-18",
                effective="2021-05-18",
                status="hieu-luc",
                summary="Phê duyệt Đề án chuyển đổi số tỉnh Tiền Giang",
                files=[{"title": "Toàn văn (Word)", "filename": "qd-2665.docx"}],
                replaces=["2665/qđ-ubnd"],
            ),
        ],
    }
    path = import_file(data)
    assert "documents: 2 tạo mới" in run(path, files_dir)
    plan = LegalDocumentPage.objects.get(number="2665/QĐ-UBND")
    assert plan.live and plan.url == "/co-quan/van-phong-ubnd-tinh/van-ban/2665-qd-ubnd/"
    assert plan.title.startswith("Quyết định số 2665/QĐ-UBND phê duyệt Quy hoạch")
    assert plan.get_document_type_display() == "Quyết định" and plan.status_label == "Hết hiệu lực"
    assert plan.sector.name == "Công nghệ thông tin"
    # The file is a Wagtail document in the agency's collection, and its text is on the page.
    document = plan.files.get().document
    assert document.collection.name == "Văn phòng Ủy ban nhân dân tỉnh"
    assert "Quy hoach tong the phat trien Cong nghe thong tin" in plan.file_text
    newer = LegalDocumentPage.objects.get(number="1205/QĐ-UBND")
    assert [(r.kind, r.target_id) for r in newer.relations.all()] == [("thay-the", plan.pk)]
    assert "Bị thay thế bởi" in client.get(plan.url).content.decode()

    assert "documents: 0 tạo mới, 0 cập nhật, 2 không đổi" in run(path, files_dir)
    assert LegalDocumentPage.objects.count() == 2 and get_document_model().objects.count() == 2

    data["documents"][0]["status"] = "het-hieu-luc-mot-phan"
    assert "documents: 0 tạo mới, 1 cập nhật, 1 không đổi" in run(import_file(data), files_dir)
    plan.refresh_from_db()
    assert plan.status_label == "Hết hiệu lực một phần"


def test_the_same_number_in_two_agencies_is_two_documents(portal_sections, import_file, files_dir):
    other = {"slug": "so-y-te", "name": "Sở Y tế"}
    data = {
        "agencies": [AGENCY, other],
        "documents": [plan_entry(files=[]), plan_entry(agency="so-y-te", files=[])],
    }
    assert "documents: 2 tạo mới" in run(import_file(data), files_dir)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"issued": "2009-02-30"}, "issued", '"2009-02-30" không phải ngày hợp lệ'),
        ({"effective": "2009-13-01"}, "effective", "không phải ngày hợp lệ"),
        ({"type": "Sắc lệnh"}, "type", 'loại văn bản "Sắc lệnh" không có'),
        ({"status": "con-hieu-luc"}, "status", '"con-hieu-luc" không hợp lệ'),
        (
            {"effective": "2009-11-30"},
            "effective",
            "ngày có hiệu lực 30/11/2009 trước ngày ban hành 01/12/2009",
        ),
        ({"expires": "2009-11-01"}, "expires", "ngày hết hiệu lực trước ngày có hiệu lực"),
        ({"agency": "khong-co"}, "agency", 'không có cơ quan "khong-co"'),
        ({"number": ""}, "number", "bắt buộc phải có giá trị"),
        ({"replaces": ["999/QĐ-UBND"]}, "replaces[0]", 'không có văn bản số "999/QĐ-UBND"'),
        (
            {"files": [{"title": "Toàn văn", "filename": "khong-co.pdf"}]},
            "files[0].filename",
            "không tìm thấy tệp",
        ),
        (
            {"files": [{"title": "Giả", "filename": "gia-mao.pdf"}]},
            "files[0].filename",
            "không phải là tệp PDF",
        ),
        ({"ngay": "2009-12-01"}, "ngay", "khóa không được hỗ trợ"),
    ],
)
def test_a_bad_entry_fails_the_whole_import_naming_entry_and_field(
    portal_sections, import_file, files_dir, changes, field, message
):
    data = {
        "agencies": [AGENCY],
        "documents": [plan_entry(number="1/QĐ-UBND", files=[]), plan_entry(**changes)],
    }
    with pytest.raises(CommandError) as error:
        run(import_file(data), files_dir)
    text = str(error.value)
    assert "documents[1]" in text and f'trường "{field}"' in text and message in text, text
    assert not LegalDocumentPage.objects.exists()


def test_duplicate_numbers_of_one_agency_are_refused(portal_sections, import_file, files_dir):
    data = {"agencies": [AGENCY], "documents": [plan_entry(files=[]), plan_entry(files=[], summary="Khác")]}
    with pytest.raises(
        CommandError, match=r"documents\[1\] number 2665/QĐ-UBND: trường \"number\": trùng số ký hiệu"
    ):
        run(import_file(data), files_dir)


def test_a_scanned_file_is_logged_as_having_no_text(portal_sections, import_file, files_dir, caplog):
    data = {
        "agencies": [AGENCY],
        "documents": [plan_entry(files=[{"title": "Bản quét", "filename": "ban-quet.pdf"}])],
    }
    with caplog.at_level(logging.WARNING, logger="portal.legal_documents"):
        run(import_file(data), files_dir)
    lines = [record.getMessage() for record in caplog.records if record.name == "portal.legal_documents"]
    assert len(lines) == 1
    assert "no text found in 'ban-quet.pdf'" in lines[0] and "probably a scan" in lines[0]
    assert "2665/QĐ-UBND" in lines[0]
    assert ExtractedText.objects.get().outcome == "empty"
    assert LegalDocumentPage.objects.get().file_text == ""


def test_extraction_limits_are_kept(settings, portal_sections, import_file, files_dir, caplog):
    settings.LEGAL_DOCUMENTS_EXTRACT_MAX_BYTES = 100
    data = {"agencies": [AGENCY], "documents": [plan_entry()]}
    with caplog.at_level(logging.WARNING, logger="portal.legal_documents"):
        run(import_file(data), files_dir)
    assert ExtractedText.objects.get().outcome == "too-large"
    assert any("too-large" in record.getMessage() for record in caplog.records)


def test_export_writes_the_import_format_back(portal_sections, import_file, files_dir, tmp_path):
    data = {
        "agencies": [AGENCY],
        "documents": [
            plan_entry(),
            plan_entry(
                number="3120/QĐ-UBND", issued="2025-06-10", effective=None, files=[], amends=["2665/QĐ-UBND"]
            ),
        ],
    }
    run(import_file(data), files_dir)
    exported = tmp_path / "xuat.json"
    call_command(
        "export_documents", str(exported), "--files-dir", str(tmp_path / "xuat-tep"), stdout=StringIO()
    )
    entries = json.loads(exported.read_text(encoding="utf-8"))["documents"]
    assert [entry["number"] for entry in entries] == ["2665/QĐ-UBND", "3120/QĐ-UBND"]
    assert entries[0]["type"] == "Quyết định" and entries[0]["issued"] == "2009-12-01"
    [file] = entries[0]["files"]
    assert (
        file["title"] == "Toàn văn"
        and file["filename"].startswith("qd-2665")
        and file["filename"].endswith(".pdf")
    )
    assert entries[1]["amends"] == ["2665/QĐ-UBND"] and entries[1]["effective"] is None
    # Importing the export changes nothing.
    out = run(exported, tmp_path / "xuat-tep")
    assert "documents: 0 tạo mới, 0 cập nhật, 2 không đổi" in out
