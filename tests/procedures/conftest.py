"""Fixtures for procedure tests: a form file, a complete level-2 record, an import file."""

import json

import pytest

from home.agencies import agency_collection
from procedures.demo import FORMS, form_docx
from procedures.models import (
    LegalBasis,
    ProcedureChannel,
    ProcedureCodeAlias,
    ProcedureForm,
    ProcedureStep,
    RequiredDocument,
    Sector,
)
from tests.factories import DocumentFactory, ProcedurePageFactory

BIRTH_FORM = "to-khai-dang-ky-khai-sinh.docx"


@pytest.fixture
def docx_bytes():
    return form_docx(*FORMS[BIRTH_FORM])


@pytest.fixture
def files_dir(tmp_path, docx_bytes):
    folder = tmp_path / "bieu-mau"
    folder.mkdir()
    (folder / BIRTH_FORM).write_bytes(docx_bytes)
    return folder


@pytest.fixture
def hotich(db):
    return Sector.objects.create(name="Hộ tịch", code="G15-TP07")


@pytest.fixture
def form_document(agency, docx_bytes):
    return DocumentFactory(
        title="Tờ khai đăng ký khai sinh",
        collection=agency_collection(agency),
        file__filename=BIRTH_FORM,
        file__data=docx_bytes,
    )


def procedure_section(agency):
    return agency.get_children().get(slug="thu-tuc").specific


@pytest.fixture
def make_procedure(agency, hotich):
    """make_procedure(code, title, **fields) -> a published level-1 ProcedurePage under `agency`."""

    def make(code, title, parent_agency=None, sector=hotich, **fields):
        return ProcedurePageFactory(
            parent=procedure_section(parent_agency or agency), code=code, title=title, sector=sector, **fields
        )

    return make


@pytest.fixture
def birth_registration(agency, hotich, form_document):
    """Đăng ký khai sinh as in domain.md §2.7: a complete level-2 record with its form."""
    return ProcedurePageFactory(
        parent=procedure_section(agency),
        code="1.001193",
        title="Thủ tục đăng ký khai sinh",
        sector=hotich,
        implementation_level="xa",
        procedure_type="TTHC được luật giao quy định chi tiết",
        level=2,
        online_service="toan-trinh",
        national_portal_url="https://dichvucong.gov.vn/",
        processing_time="Ngay trong ngày tiếp nhận hồ sơ",
        fees="Miễn lệ phí đăng ký khai sinh đúng hạn",
        applicants="Công dân Việt Nam",
        executing_agency="Ủy ban nhân dân cấp xã",
        result="Giấy khai sinh (bản chính)",
        conditions="Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ đăng ký khai sinh cho con.",
        old_codes=[ProcedureCodeAlias(code="2.000986")],
        steps=[
            ProcedureStep(title="Bước 1", text="Nộp hồ sơ tại Bộ phận Một cửa của UBND cấp xã."),
            ProcedureStep(title="Bước 2", text="Công chức tư pháp - hộ tịch kiểm tra hồ sơ."),
        ],
        channels=[
            ProcedureChannel(channel="truc-tiep", processing_time="Ngay trong ngày", fee="Miễn lệ phí"),
            ProcedureChannel(channel="truc-tuyen", processing_time="Ngay trong ngày", fee="Miễn lệ phí"),
        ],
        required_documents=[
            RequiredDocument(name="Tờ khai đăng ký khai sinh theo mẫu", originals=1, form=form_document),
            RequiredDocument(name="Giấy chứng sinh", originals=1),
            RequiredDocument(group="Giấy tờ phải xuất trình", name="Giấy tờ tùy thân có ảnh", originals=1),
        ],
        legal_bases=[LegalBasis(number="60/2014/QH13", summary="Luật Hộ tịch", issuer="Quốc hội")],
        forms=[ProcedureForm(title="Tờ khai đăng ký khai sinh", document=form_document)],
    )


def procedure_entry(**overrides):
    entry = {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "agency": "so-tu-phap",
        "sector": "Hộ tịch",
        "level": 2,
        "implementation_level": "Cấp xã",
        "steps": "Bước 1: Nộp hồ sơ.\n\nBước 2: Nhận kết quả.",
        "methods": "Trực tiếp, trực tuyến hoặc qua dịch vụ bưu chính.",
        "documents": ["Tờ khai đăng ký khai sinh theo mẫu", "Giấy chứng sinh"],
        "processing_time": "Ngay trong ngày tiếp nhận hồ sơ",
        "fees": "Miễn lệ phí",
        "applicants": "Công dân Việt Nam",
        "result": "Giấy khai sinh",
        "conditions": "Trong thời hạn 60 ngày kể từ ngày sinh con.",
        "legal_basis": ["Luật Hộ tịch số 60/2014/QH13"],
        "forms": [{"title": "Tờ khai đăng ký khai sinh", "filename": BIRTH_FORM}],
    }
    entry.update(overrides)
    return entry


def write_json(tmp_path, data, name="procedures.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)
