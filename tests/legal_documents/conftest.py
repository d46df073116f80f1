"""Fixtures for the register's tests: documents with files, an import file and its folder."""

import datetime
import json

import pytest

from home.agencies import agency_collection
from legal_documents.demo import docx_bytes, pdf_bytes, scan_pdf_bytes
from legal_documents.models import LegalDocumentFile, LegalDocumentRelation
from procedures.models import Sector
from tests.factories import DocumentFactory, LegalDocumentPageFactory

# The real engine's fixtures (skipped locally without ELASTICSEARCH_URL, required under CI).
from tests.search.conftest import engine_urls, fresh_engine  # noqa: F401

PLAN_TEXT = ["QUYẾT ĐỊNH", "Phê duyệt Quy hoạch tổng thể phát triển Công nghệ thông tin đến năm 2020"]


def register_of(agency):
    return agency.get_children().get(slug="van-ban").specific


@pytest.fixture
def cntt(db):
    return Sector.objects.create(name="Công nghệ thông tin")


@pytest.fixture
def ubnd(make_agency):
    return make_agency("van-phong-ubnd-tinh", "Văn phòng Ủy ban nhân dân tỉnh")


def make_file(agency, filename, data, title="Toàn văn"):
    return DocumentFactory(
        title=title, collection=agency_collection(agency), file__filename=filename, file__data=data
    )


@pytest.fixture
def make_document(ubnd):
    """make_document(number, issued="2020-01-01", agency=ubnd, files=[Document], **fields): a published
    document in the agency's register."""

    def make(number, issued="2020-01-01", agency=None, files=(), relations=(), **fields):
        return LegalDocumentPageFactory(
            parent=register_of(agency or ubnd),
            number=number,
            issued=datetime.date.fromisoformat(issued) if isinstance(issued, str) else issued,
            files=[LegalDocumentFile(title=doc.title, document=doc) for doc in files],
            relations=[LegalDocumentRelation(kind=kind, target=target) for kind, target in relations],
            **fields,
        )

    return make


@pytest.fixture
def plan_pdf(ubnd):
    return make_file(ubnd, "qd-2665.pdf", pdf_bytes(PLAN_TEXT))


@pytest.fixture
def plan_docx(ubnd):
    return make_file(ubnd, "qd-2665.docx", docx_bytes(PLAN_TEXT), title="Toàn văn (Word)")


@pytest.fixture
def files_dir(tmp_path):
    folder = tmp_path / "tep-van-ban"
    folder.mkdir()
    (folder / "qd-2665.pdf").write_bytes(pdf_bytes(PLAN_TEXT))
    (folder / "qd-2665.docx").write_bytes(docx_bytes(PLAN_TEXT))
    (folder / "ban-quet.pdf").write_bytes(scan_pdf_bytes())
    (folder / "gia-mao.pdf").write_bytes(b"MZ\x90\x00 not a pdf")
    return folder


def plan_entry(**changes):
    entry = {
        "number": "2665/QĐ-UBND",
        "type": "Quyết định",
        "agency": "van-phong-ubnd-tinh",
        "issuer": "Ủy ban nhân dân tỉnh Tiền Giang",
        "signer": "Nguyễn Văn A",
        "signer_title": "Chủ tịch",
        "issued": "2009-12-01",
        "effective": "2009-12-01",
        "expires": None,
        "status": "het-hieu-luc",
        "sector": "Công nghệ thông tin",
        "summary": "Phê duyệt Quy hoạch tổng thể phát triển Công nghệ thông tin tỉnh Tiền Giang đến năm 2020",
        "files": [{"title": "Toàn văn", "filename": "qd-2665.pdf"}],
    }
    entry.update(changes)
    return entry


@pytest.fixture
def import_file(tmp_path):
    """import_file(data) -> path of a JSON file holding data."""

    def write(data):
        path = tmp_path / "noi-dung.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write
