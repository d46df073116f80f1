"""The register around the site: feeds, the search's `type=document`, procedures' legal bases
linking to register entries, and the demo content."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from django.core.management import call_command

import pytest

from legal_documents.demo import build_files
from legal_documents.models import LegalDocumentPage
from portal_site.importing import run_import
from procedures.models import LegalBasis, ProcedureStep
from search.engine import get_engine
from tests.factories import ProcedurePageFactory

from .conftest import register_of

ATOM = "{http://www.w3.org/2005/Atom}"


def test_rss_and_atom_feeds_list_new_documents(client, make_agency, make_document):
    health = make_agency("so-y-te", "Sở Y tế")
    make_document("2665/QĐ-UBND", issued="2009-12-01", summary="Phê duyệt Quy hoạch")
    make_document(
        "210/BC-SYT", issued="2019-08-21", agency=health, document_type="bao-cao", summary="Báo cáo dịch"
    )

    rss = client.get("/van-ban/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    assert channel.findtext("title").startswith("Văn bản mới – ")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Quyết định số 210/BC-SYT báo cáo dịch",
        "Quyết định số 2665/QĐ-UBND phê duyệt Quy hoạch",
    ]  # newest published first
    assert items[1].findtext("link").endswith("/co-quan/van-phong-ubnd-tinh/van-ban/2665-qd-ubnd/")
    assert "ngày 01/12/2009" in items[1].findtext("description")

    atom = client.get(register_of(health).url + "atom/")
    assert atom.status_code == 200 and atom["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(atom.content).findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Quyết định số 210/BC-SYT báo cáo dịch"]
    # The register page advertises its feeds.
    html = client.get("/van-ban/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/van-ban/atom/"' in html


def test_search_finds_documents_by_their_files_text_on_the_real_engine(
    client, fresh_engine, make_document, plan_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_document(
            "2665/QĐ-UBND", issued="2009-12-01", summary="Phê duyệt Quy hoạch tổng thể", files=[plan_pdf]
        )
    get_engine().refresh()
    # "Công nghệ thông tin" is only in the attached PDF, not in the page's fields.
    response = client.get("/api/search/", {"q": "công nghệ thông tin", "type": "document"})
    assert response.status_code == 200
    answer = response.json()
    assert answer["backend"] == "engine"
    assert [result["url"] for result in answer["results"]] == [page.url]
    result = answer["results"][0]
    assert result["type"] == "document"
    assert result["number"] == "2665/QĐ-UBND" and result["date"] == "2009-12-01"
    assert [(f["value"], f["label"], f["count"]) for f in answer["facets"]["type"]] == [
        ("document", "Văn bản", 1)
    ]

    by_number = client.get("/api/search/", {"q": "2665/QĐ-UBND"}).json()
    assert by_number["results"][0]["url"] == page.url


def test_search_type_document_from_the_database_copy(client, make_document, plan_pdf, settings):
    settings.ELASTICSEARCH_URL = ""
    page = make_document("2665/QĐ-UBND", issued="2009-12-01", files=[plan_pdf])
    answer = client.get("/api/search/", {"q": "cong nghe thong tin", "type": "document"}).json()
    assert answer["backend"] == "database"
    assert [(r["url"], r["number"], r["date"]) for r in answer["results"]] == [
        (page.url, "2665/QĐ-UBND", "2009-12-01")
    ]
    assert client.get("/api/search/", {"type": "van-ban"}).status_code == 400


def test_a_procedure_legal_basis_row_links_to_the_register_entry(client, make_agency, make_document):
    justice = make_agency("so-tu-phap", "Sở Tư pháp")
    law = make_document("60/2014/QH13", agency=justice, document_type="luat", summary="Luật Hộ tịch")
    procedure = ProcedurePageFactory(
        parent=justice.get_children().get(slug="thu-tuc"),
        code="1.001193",
        title="Đăng ký khai sinh",
        processing_time="Ngay trong ngày",
        steps=[ProcedureStep(title="Bước 1", text="Nộp hồ sơ.")],
        legal_bases=[
            LegalBasis(number="60/2014/QH13", summary="Luật Hộ tịch", issuer="Quốc hội"),
            LegalBasis(number="123/2015/NĐ-CP", summary="Nghị định hướng dẫn", issuer="Chính phủ"),
            LegalBasis(number="", summary="Luật Hôn nhân và gia đình"),
        ],
    )

    html = client.get(procedure.url).content.decode()
    assert f'<td><a href="{law.url}">60/2014/QH13</a></td>' in html
    assert "<td>123/2015/NĐ-CP</td>" in html  # not in the register: plain text
    assert "<td></td>" in html


def test_demo_content_loads_with_the_seed_decision(client, portal_sections, tmp_path):
    content = Path(__file__).resolve().parents[2] / "legal_documents" / "demo" / "content.json"
    agencies = Path(__file__).resolve().parents[2] / "home" / "demo" / "content.json"
    data = {
        "agencies": json.loads(agencies.read_text(encoding="utf-8"))["agencies"],
        "documents": json.loads(content.read_text(encoding="utf-8"))["documents"],
    }
    build_files(tmp_path)
    results = run_import(data, files_dir=str(tmp_path))
    assert results["documents"].created >= 20
    documents = LegalDocumentPage.objects.all()
    assert len({page.document_type for page in documents}) >= 8
    assert len({page.issued.year for page in documents}) >= 8
    seed = LegalDocumentPage.objects.get(number="2665/QĐ-UBND")
    assert seed.issuer == "Ủy ban nhân dân tỉnh Tiền Giang" and seed.status_label == "Hết hiệu lực"
    assert "Công nghệ thông tin" in seed.file_text  # from the DOCX, with diacritics
    html = client.get(seed.url).content.decode()
    assert "Bị thay thế bởi" in html and "DOCX" in html and "PDF" in html
    assert run_import(data, files_dir=str(tmp_path))["documents"].unchanged == results["documents"].created


@pytest.mark.parametrize("name", ["export_documents"])
def test_export_command_refuses_an_unknown_agency(name, portal_sections, tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Không có cơ quan “khong-co”"):
        call_command(name, str(tmp_path / "x.json"), "--agency", "khong-co")
