"""The public side of Hỏi đáp (contracts.md §9): asking, looking up by code, the answers lists."""

import re

import pytest

from procedures.models import Sector
from questions.models import Question

from .conftest import hoi_dap

ASK = "/hoi-dap/gui-cau-hoi/"
LOOKUP = "/hoi-dap/tra-cuu/"


def valid_post(**overrides):
    data = {
        "name": "Trần Thị Bình",
        "email": "binh.tran@example.org",
        "phone": "0987 654 321",
        "agency": "so-tu-phap",
        "title": "Chứng thực bản sao giấy khai sinh",
        "question": "Tôi có thể chứng thực bản sao ở UBND xã khác nơi cư trú không?",
        "website": "",
    }
    data.update(overrides)
    return data


def is_per_visitor(response):
    control = response.get("Cache-Control", "")
    return "private" in control and "public" not in control and "s-maxage" not in control


def test_the_form_lists_agencies_and_is_not_publicly_cached(client, agency_a):
    response = client.get(ASK)
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Họ và tên", "Thư điện tử", "Điện thoại", "Gửi đến cơ quan", "Tiêu đề câu hỏi"):
        assert label in html
    assert '<option value="so-tu-phap">Sở Tư pháp</option>' in html
    assert 'class="form-honeypot" aria-hidden="true"' in html
    assert is_per_visitor(response)


def test_a_valid_question_answers_with_its_code_and_never_the_email(client, agency_a):
    response = client.post(ASK, valid_post())
    assert response.status_code == 200
    html = response.content.decode()
    question = Question.objects.get()
    assert re.search(rf"Mã[^<]*<strong[^>]*>{question.code}</strong>", html)
    assert "binh.tran@example.org" not in html and "0987 654 321" not in html
    assert is_per_visitor(response)
    assert question.agency == agency_a
    assert question.status == Question.WAITING
    assert question.get_status_display() == "Chờ trả lời"
    assert (question.email, question.phone) == ("binh.tran@example.org", "0987 654 321")


def test_a_question_without_agency_waits_for_triage(client, agency_a):
    assert client.post(ASK, valid_post(agency="", phone="")).status_code == 200
    assert Question.objects.get().agency is None


def test_an_agency_section_form_preselects_the_agency(client, agency_a):
    html = client.get("/co-quan/so-tu-phap/hoi-dap/gui-cau-hoi/").content.decode()
    assert '<option value="so-tu-phap" selected>Sở Tư pháp</option>' in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": ""}, "Vui lòng điền thông tin này."),
        ({"email": "khong-phai-thu"}, "Địa chỉ thư điện tử không hợp lệ."),
        ({"name": ""}, "Vui lòng điền thông tin này."),
        ({"question": "x" * 5001}, "Dài quá 5000 ký tự"),
        ({"agency": "khong-co"}, "Không có cơ quan này trên cổng."),
        ({"phone": "gọi tôi"}, "Số điện thoại chỉ gồm chữ số"),
        ({"title": "Tiêu đề\x00lạ"}, "Null characters are not allowed."),
        ({"website": "http://spam.example"}, "biểu mẫu có dấu hiệu được điền tự động"),
    ],
)
def test_bad_input_gets_a_400_in_vietnamese_and_stores_nothing(client, agency_a, overrides, message):
    response = client.post(ASK, valid_post(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Câu hỏi chưa được gửi" in html
    if message != "Null characters are not allowed.":
        assert message in html
    assert not Question.objects.exists()
    assert is_per_visitor(response)


def test_the_rate_limit_refuses_in_vietnamese(client, agency_a, settings):
    settings.PORTAL_RATE_LIMITS = {"question": (2, 3600)}
    for _ in range(2):
        assert client.post(ASK, valid_post()).status_code == 200
    response = client.post(ASK, valid_post())
    assert response.status_code == 429
    assert "Bạn đã gửi quá nhiều lần" in response.content.decode()
    assert Question.objects.count() == 2


def test_lookup_shows_title_and_status(client, agency_a, make_question):
    question = make_question(agency=agency_a)
    response = client.get(LOOKUP, {"ma": question.code.lower()})
    assert response.status_code == 200
    html = response.content.decode()
    assert question.title in html and "Chờ trả lời" in html
    assert question.email not in html and question.phone not in html and question.name not in html
    assert is_per_visitor(response)
    question.status = Question.CLOSED
    question.save()
    assert "Đã đóng" in client.get(LOOKUP, {"ma": question.code}).content.decode()


def test_lookup_of_an_unknown_or_bad_code(client, home, portal_sections):
    response = client.get(LOOKUP, {"ma": "HD-2026-KHONGCO"})
    assert response.status_code == 404
    assert "Không tìm thấy câu hỏi có mã" in response.content.decode()
    assert is_per_visitor(response)
    assert client.get(LOOKUP, {"ma": "x" * 40}).status_code == 400
    assert client.get(LOOKUP, {"ma": ""}).status_code == 400
    assert client.get(LOOKUP).status_code == 200


def test_the_answer_page_shows_what_is_public_only(client, agency_a, make_answer):
    page = make_answer(agency_a, references=[("60/2014/QH13", "Luật Hộ tịch")])
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    question = page.question_record
    for text in (
        page.code,
        "Nguyễn Văn An",
        page.question,
        "Đăng ký tại UBND cấp xã",
        "60/2014/QH13",
        "Luật Hộ tịch",
    ):
        assert text in html
    assert re.search(r"lúc \d\d:\d\d ngày \d\d/\d\d/\d{4}", html)
    assert question.email not in html and question.phone not in html
    assert "public" in response["Cache-Control"]


def test_legal_references_link_to_the_register_when_it_holds_them(client, agency_a, make_answer):
    import datetime
    import unicodedata

    from home.structure import ensure_child
    from questions.models import legal_document_model

    model = legal_document_model()
    references = [("2665/QĐ-UBND", "Quy hoạch CNTT"), ("99/2099/QH99", "Văn bản chưa có trong hệ thống")]
    if model is None:
        page = make_answer(agency_a, references=references)
        assert "2665/QĐ-UBND" in client.get(page.url).content.decode()
        pytest.skip("legal_documents.LegalDocumentPage does not exist yet")
    index_model = model._meta.apps.get_model("legal_documents", "LegalDocumentIndexPage")
    register, _ = ensure_child(agency_a, index_model, "van-ban", "Văn bản")
    document = model(
        title="Quyết định 2665/QĐ-UBND",
        slug="2665-qd-ubnd",
        number="2665/QĐ-UBND",
        document_type=model._meta.get_field("document_type").choices[0][0],
        issuer="UBND tỉnh Tiền Giang",
        issued=datetime.date(2014, 10, 20),
        summary="Phê duyệt Quy hoạch tổng thể phát triển CNTT",
    )
    register.add_child(instance=document)
    document.save_revision().publish()
    # Typed in decomposed form (NFD), as some keyboards send it: the link is still found.
    nfd = [(unicodedata.normalize("NFD", number), title) for number, title in references]
    page = make_answer(agency_a, references=nfd)
    html = client.get(page.url).content.decode()
    assert f'<a href="{document.url}">' in html
    assert html.count('<a href="' + document.url) == 1


def test_the_portal_list_shows_published_answers_with_filters(client, agency_a, agency_b, make_answer):
    civil = Sector.objects.create(name="Hộ tịch", slug="ho-tich")
    health = Sector.objects.create(name="Khám bệnh, chữa bệnh", slug="kham-benh")
    make_answer(agency_a, "Đăng ký khai sinh ở đâu?", sector=civil)
    make_answer(
        agency_b,
        "Cấp chứng chỉ hành nghề khám bệnh",
        sector=health,
        question="Hồ sơ cấp chứng chỉ hành nghề gồm những gì?",
    )
    make_answer(agency_b, "Câu trả lời còn nháp", publish=False)

    html = client.get("/hoi-dap/").content.decode()
    assert "Đăng ký khai sinh ở đâu?" in html and "Cấp chứng chỉ hành nghề khám bệnh" in html
    assert "Câu trả lời còn nháp" not in html
    assert "an.nguyen@example.org" not in html and "0912 345 678" not in html

    by_agency = client.get("/hoi-dap/", {"agency": "so-y-te"}).content.decode()
    assert "Cấp chứng chỉ hành nghề" in by_agency and "Đăng ký khai sinh ở đâu?" not in by_agency
    by_sector = client.get("/hoi-dap/", {"sector": "ho-tich"}).content.decode()
    assert "Đăng ký khai sinh ở đâu?" in by_sector and "Cấp chứng chỉ" not in by_sector
    by_words = client.get("/hoi-dap/", {"q": "khai sinh"}).content.decode()
    assert "Đăng ký khai sinh ở đâu?" in by_words and "Cấp chứng chỉ" not in by_words

    own = client.get(hoi_dap(agency_a).url).content.decode()
    assert "Đăng ký khai sinh ở đâu?" in own and "Cấp chứng chỉ" not in own


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"agency": "khong-co"}, "Không có cơ quan này."),
        ({"agency": "<script>"}, "Không có cơ quan này."),
        ({"sector": "khong-co"}, "Không có lĩnh vực này."),
        ({"page": "hai"}, "Số trang phải là số nguyên."),
        ({"page": "0"}, "Số trang phải từ 1 trở lên."),
        ({"q": "x" * 201}, "Từ khóa không dài quá 200 ký tự."),
    ],
)
def test_bad_list_filters_get_400_in_vietnamese(client, agency_a, params, message):
    response = client.get("/hoi-dap/", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_agency_list_refuses_another_agency_filter(client, agency_a, agency_b):
    assert client.get(hoi_dap(agency_a).url, {"agency": "so-y-te"}).status_code == 400


def test_the_list_is_paginated(client, agency_a, make_answer):
    for number in range(12):
        make_answer(agency_a, f"Câu hỏi số {number:02d}")
    first = client.get("/hoi-dap/").content.decode()
    assert "Trang 1 / 2" in first and "Câu hỏi số 11" in first and "Câu hỏi số 00" not in first
    second = client.get("/hoi-dap/", {"page": "2"}).content.decode()
    assert "Câu hỏi số 00" in second
    assert client.get("/hoi-dap/", {"page": "99"}).status_code == 200
