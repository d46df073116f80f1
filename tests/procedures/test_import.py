import hashlib
import json

from django.core.management import CommandError, call_command

from wagtail.documents import get_document_model

import pytest

from procedures.models import ProcedurePage, Sector
from tests.procedures.conftest import BIRTH_FORM, procedure_entry, write_json

Document = get_document_model()


def run(tmp_path, data, files_dir=None):
    args = [write_json(tmp_path, data)]
    if files_dir:
        args += ["--files-dir", str(files_dir)]
    call_command("import_content", *args)


def test_import_creates_a_published_record_under_the_agency(tmp_path, agency, files_dir, capsys):
    run(tmp_path, {"procedures": [procedure_entry()]}, files_dir)
    page = ProcedurePage.objects.get(code="1.001193")
    assert page.live
    assert page.url == "/co-quan/so-tu-phap/thu-tuc/dang-ky-khai-sinh/"
    assert page.sector.name == "Hộ tịch" and page.sector.slug == "ho-tich"
    assert page.implementation_level == "xa" and page.level == 2
    assert [(s.title, s.text) for s in page.steps.all()] == [
        ("Bước 1", "Nộp hồ sơ."),
        ("Bước 2", "Nhận kết quả."),
    ]
    assert [d.name for d in page.required_documents.all()] == [
        "Tờ khai đăng ký khai sinh theo mẫu",
        "Giấy chứng sinh",
    ]
    assert [b.summary for b in page.legal_bases.all()] == ["Luật Hộ tịch số 60/2014/QH13"]
    form = page.forms.get()
    assert form.document.collection == agency.collection
    assert form.document.file.read().startswith(b"PK")
    assert "procedures: 1 tạo mới" in capsys.readouterr().out


def test_second_run_changes_nothing_and_reuses_the_form(tmp_path, agency, files_dir, capsys):
    data = {"procedures": [procedure_entry()]}
    run(tmp_path, data, files_dir)
    page = ProcedurePage.objects.get(code="1.001193")
    revisions, documents = page.revisions.count(), Document.objects.count()
    run(tmp_path, data, files_dir)
    out = capsys.readouterr().out
    assert "procedures: 0 tạo mới, 0 cập nhật, 1 không đổi" in out
    assert page.revisions.count() == revisions
    assert Document.objects.count() == documents == 1


def test_changed_entry_updates_the_same_page(tmp_path, agency, files_dir, capsys):
    run(tmp_path, {"procedures": [procedure_entry()]}, files_dir)
    page = ProcedurePage.objects.get(code="1.001193")
    changed = procedure_entry(fees="8.000 đồng/bản trích lục", aliases=["2.000986"])
    run(tmp_path, {"procedures": [changed]}, files_dir)
    page.refresh_from_db()
    assert page.fees == "8.000 đồng/bản trích lục"
    assert [alias.code for alias in page.old_codes.all()] == ["2.000986"]
    assert ProcedurePage.objects.count() == 1
    assert "1 cập nhật" in capsys.readouterr().out


def test_rich_record_extensions_are_imported(tmp_path, agency, files_dir):
    entry = procedure_entry(
        sector_code="G15-TP07",
        online_service="toan-trinh",
        level=3,
        channels=[
            {"channel": "truc-tiep", "processing_time": "Ngay trong ngày", "fee": "Miễn lệ phí"},
            {"channel": "truc-tuyen", "processing_time": "Ngay trong ngày", "fee": "Miễn lệ phí"},
        ],
        documents=[
            {"name": "Tờ khai đăng ký khai sinh", "originals": 1, "copies": 0, "form": BIRTH_FORM},
            {"group": "Giấy tờ phải xuất trình", "name": "Giấy tờ tùy thân", "originals": 1},
        ],
        legal_basis=[
            {"number": "60/2014/QH13", "summary": "Luật Hộ tịch", "date": "2014-11-20", "issuer": "Quốc hội"}
        ],
        effective_from="2025-01-01",
        featured=True,
    )
    run(tmp_path, {"procedures": [entry]}, files_dir)
    page = ProcedurePage.objects.get(code="1.001193")
    assert page.sector.code == "G15-TP07"
    # Level 3 without a link falls back to the national portal from the portal settings.
    assert page.national_portal_url.startswith("https://dichvucong.gov.vn")
    assert [c.channel for c in page.channels.all()] == ["truc-tiep", "truc-tuyen"]
    first = page.required_documents.first()
    assert first.form == page.forms.get().document
    assert page.legal_bases.get().issued_on.isoformat() == "2014-11-20"
    assert page.featured


def test_imported_agencies_and_procedures_in_one_file(tmp_path, home, files_dir):
    data = {
        "agencies": [
            {"slug": "ubnd-xa-long-hung", "name": "Ủy ban nhân dân xã Long Hưng", "kind": "ubnd-xa"}
        ],
        "procedures": [procedure_entry(agency="ubnd-xa-long-hung")],
    }
    run(tmp_path, data, files_dir)
    assert ProcedurePage.objects.get().url.startswith("/co-quan/ubnd-xa-long-hung/thu-tuc/")


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"agency": "so-khong-co"},
            'procedures[1] code 1.001193: trường "agency": không có cơ quan "so-khong-co"',
        ),
        ({"level": 5}, 'trường "level": phải nằm trong khoảng 1–4, nhận được 5'),
        ({"level": "2"}, 'trường "level": phải là số nguyên'),
        ({"code": "1001193"}, 'trường "code": "1001193" không đúng dạng mã thủ tục'),
        ({"name": ""}, 'trường "name": bắt buộc'),
        ({"documents": "Giấy chứng sinh"}, 'trường "documents": phải là một danh sách'),
        ({"implementation_level": "Cấp thôn"}, 'trường "implementation_level": "Cấp thôn" không hợp lệ'),
        (
            {"forms": [{"title": "Tờ khai", "filename": "khong-co.docx"}]},
            'trường "forms[0].filename": không tìm thấy',
        ),
        ({"forms": [{"title": "Tờ khai", "filename": "../bi-mat.docx"}]}, "nằm ngoài thư mục biểu mẫu"),
        ({"forms": [{"title": "Tờ khai", "filename": "virus.pdf"}]}, "không phải là tệp PDF hợp lệ"),
        ({"forms": []}, 'trường "forms": thủ tục mức độ 2 phải có ít nhất một biểu mẫu'),
        ({"legal_basis": [3]}, 'trường "legal_basis[0]": phải là chuỗi ký tự hoặc đối tượng'),
        ({"featured": "có"}, 'trường "featured": phải là true hoặc false'),
        ({"documents": [{"name": "Tờ khai", "form": "khac.docx"}]}, 'trường "documents[0].form"'),
    ],
)
def test_bad_entry_writes_nothing_and_names_entry_and_field(tmp_path, agency, files_dir, overrides, message):
    (files_dir / "virus.pdf").write_bytes(EXE)
    good = procedure_entry(code="1.000656", name="Đăng ký khai tử")
    with pytest.raises(CommandError) as error:
        run(tmp_path, {"procedures": [good, procedure_entry(**overrides)]}, files_dir)
    assert message in str(error.value)
    assert "Không nhập gì cả" in str(error.value)
    assert not ProcedurePage.objects.exists()
    assert not Sector.objects.exists()
    assert not Document.objects.exists()


def test_duplicate_code_in_the_file_is_refused(tmp_path, agency, files_dir):
    with pytest.raises(CommandError) as error:
        run(tmp_path, {"procedures": [procedure_entry(), procedure_entry(name="Khác")]}, files_dir)
    assert 'procedures[1] code 1.001193: trường "code": trùng mã với procedures[0]' in str(error.value)
    assert not ProcedurePage.objects.exists()


def test_invalid_json_is_refused(tmp_path, agency):
    path = tmp_path / "hong.json"
    path.write_text('{"procedures": [', encoding="utf-8")
    with pytest.raises(CommandError, match="không phải JSON hợp lệ"):
        call_command("import_content", str(path))


def test_forms_need_a_files_dir(tmp_path, agency):
    with pytest.raises(CommandError, match="--files-dir"):
        run(tmp_path, {"procedures": [procedure_entry()]})


def test_missing_form_file_names_the_folder_it_was_looked_for_in(tmp_path, agency, files_dir):
    entry = procedure_entry(forms=[{"title": "Tờ khai", "filename": "khong-co.docx"}])
    with pytest.raises(CommandError) as error:
        run(tmp_path, {"procedures": [entry]}, files_dir)
    assert (
        f'trường "forms[0].filename": không tìm thấy tệp biểu mẫu "khong-co.docx" trong thư mục {files_dir}.'
        in str(error.value)
    )


def test_export_then_import_into_an_empty_database_gives_equal_records(tmp_path, agency, files_dir):
    entry = procedure_entry(
        aliases=["2.000986"],
        channels=[
            {"channel": "buu-chinh", "processing_time": "03 ngày làm việc", "fee": "Theo cước bưu chính"}
        ],
        legal_basis=[
            "Luật Hộ tịch số 60/2014/QH13",
            {"number": "123/2015/NĐ-CP", "summary": "Nghị định", "date": "2015-11-15"},
        ],
    )
    run(
        tmp_path,
        {"procedures": [entry, procedure_entry(code="1.000656", name="Đăng ký khai tử", level=1, forms=[])]},
        files_dir,
    )
    first = tmp_path / "export.json"
    call_command("export_procedures", str(first))
    exported = json.loads(first.read_text(encoding="utf-8"))
    assert [e["code"] for e in exported["procedures"]] == ["1.000656", "1.001193"]
    assert (tmp_path / "export-bieu-mau" / exported["procedures"][1]["forms"][0]["filename"]).is_file()

    # Empty the database of procedures, sectors and documents, then import the export.
    for page in ProcedurePage.objects.all():
        page.delete()
    Sector.objects.all().delete()
    Document.objects.all().delete()
    call_command("import_content", str(first), "--files-dir", str(tmp_path / "export-bieu-mau"))

    second = tmp_path / "again.json"
    call_command("export_procedures", str(second), "--files-dir", str(tmp_path / "again-files"))
    again = json.loads(second.read_text(encoding="utf-8"))
    # Storage may rename a file whose name is taken: compare forms by their bytes.
    assert by_content(again, tmp_path / "again-files") == by_content(exported, tmp_path / "export-bieu-mau")
    assert again["procedures"][1]["forms"]


def by_content(data, folder):
    digest = {}
    for entry in data["procedures"]:
        for form in entry["forms"]:
            digest[form["filename"]] = hashlib.sha256((folder / form["filename"]).read_bytes()).hexdigest()
            form["filename"] = digest[form["filename"]]
        for document in entry["documents"]:
            document["form"] = digest.get(document["form"], document["form"])
    return data


@pytest.mark.django_db
def test_update_to_a_slug_a_sibling_already_has_names_the_entry(tmp_path, agency, files_dir):
    first = procedure_entry(code="1.000001", name="Thủ tục thứ nhất", slug="thu-tuc-thu-nhat")
    second = procedure_entry(code="1.000002", name="Thủ tục thứ hai", slug="thu-tuc-thu-hai")
    for entry in (first, second):
        entry["level"], entry["forms"] = 1, []
    call_command(
        "import_content", write_json(tmp_path, {"procedures": [first, second]}), files_dir=str(files_dir)
    )
    second["slug"] = "thu-tuc-thu-nhat"
    with pytest.raises(CommandError) as error:
        call_command(
            "import_content",
            write_json(tmp_path, {"procedures": [first, second]}, "b.json"),
            files_dir=str(files_dir),
        )
    assert 'procedures[1] code 1.000002: trường "slug"' in str(error.value)
