import io
import json
from pathlib import Path

from django.template import Context, Template

from wagtail.models import ReferenceIndex

import docx
import pytest

from portal_site.files import check_form_file
from procedures.demo import FORMS, build_files
from procedures.models import FormDownload, ProcedurePage
from tests.procedures.conftest import procedure_entry, write_json

CONTENT = json.loads((Path(__file__).parents[2] / "procedures" / "demo" / "content.json").read_text("utf-8"))


def test_demo_content_is_large_and_varied_enough():
    procedures = CONTENT["procedures"]
    assert len(procedures) >= 40
    assert len({p["sector"] for p in procedures}) >= 8
    assert len({p["agency"] for p in procedures}) >= 6
    codes = {p["code"] for p in procedures}
    assert {"1.001193", "1.000656", "1.001612", "1.013225", "1.004222", "1.004873"} <= codes
    for procedure in procedures:
        if procedure["level"] == 2:
            assert procedure["forms"], procedure["code"]
        for form in procedure.get("forms", []):
            assert form["filename"] in FORMS


def test_demo_forms_are_real_docx_files_with_their_fields(tmp_path):
    paths = build_files(tmp_path)
    assert {path.name for path in paths} == set(FORMS)
    for path in paths:
        data = path.read_bytes()
        check_form_file(path.name, data)
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        title, _, sections, _ = FORMS[path.name]
        assert title in text
        for _, fields in sections:
            for field in fields:
                assert f"{field}:" in text
    birth = "\n".join(
        p.text for p in docx.Document(str(tmp_path / "to-khai-dang-ky-khai-sinh.docx")).paragraphs
    )
    for field in [
        "Người được khai sinh",
        "ghi bằng chữ",
        "Số định danh cá nhân",
        "Quyển số",
        "Đề nghị cấp bản sao",
    ]:
        assert field in birth


def test_imported_forms_show_where_they_are_used(tmp_path, agency, files_dir):
    from django.core.management import call_command

    call_command(
        "import_content",
        write_json(tmp_path, {"procedures": [procedure_entry()]}),
        "--files-dir",
        str(files_dir),
    )
    page = ProcedurePage.objects.get()
    document = page.forms.get().document
    assert ReferenceIndex.get_references_to(document).filter(object_id=str(page.pk)).exists()


def render(template, **context):
    return Template("{% load procedure_tags %}" + template).render(Context(context))


def test_featured_procedures_prefers_editor_choice_then_downloads_then_newest(
    make_procedure, birth_registration
):
    plain = make_procedure("1.000656", "Thủ tục đăng ký khai tử")
    newest = make_procedure("1.000894", "Thủ tục đăng ký kết hôn")
    FormDownload.objects.create(document=birth_registration.forms.get().document, day="2025-05-01", count=7)
    html = render("{% featured_procedures 3 %}")
    assert html.index(birth_registration.title) < html.index(newest.title) < html.index(plain.title)
    newest.featured = True
    newest.save_revision().publish()
    html = render("{% featured_procedures 2 %}")
    assert html.index(newest.title) < html.index(birth_registration.title)
    assert plain.title not in html
    assert 'class="badge badge--level-2"' in html


def test_unpublished_procedures_are_never_featured(make_procedure):
    page = make_procedure("1.000656", "Thủ tục đăng ký khai tử", featured=True)
    page.unpublish()
    assert "khai tử" not in render("{% featured_procedures 6 %}")


@pytest.mark.parametrize(
    "url", ["/admin/snippets/procedures/sector/", "/admin/snippets/procedures/sector/add/"]
)
def test_sectors_are_managed_as_snippets(client, django_user_model, hotich, url):
    client.force_login(django_user_model.objects.create_superuser("qt", "qt@tiengiang.gov.vn", "mk"))
    response = client.get(url)
    assert response.status_code == 200
    if url.endswith("sector/"):
        assert "Hộ tịch" in response.content.decode() and "G15-TP07" in response.content.decode()
