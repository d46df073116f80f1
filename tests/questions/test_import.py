"""The "questions" import key and the demo's answered questions."""

import json
from pathlib import Path

import pytest

from portal_site.importing import ImportFailed, run_import
from questions.models import Question, QuestionPage

DEMO = json.loads((Path(__file__).parents[2] / "questions" / "demo" / "content.json").read_text("utf-8"))


def entry(**overrides):
    item = {
        "code": "HD-2025-ABC234",
        "title": "Đăng ký khai sinh ở đâu?",
        "name": "Nguyễn Thị Hồng",
        "asked_at": "2025-03-10T08:15",
        "agency": "so-tu-phap",
        "sector": "Hộ tịch",
        "question": "Con tôi sinh ở bệnh viện tỉnh.",
        "answer": "Tại UBND cấp xã.\n\nMiễn lệ phí.",
        "legal_references": [{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}],
    }
    item.update(overrides)
    return item


def test_import_publishes_answered_questions_once(client, agency_a):
    results = run_import({"questions": [entry()]})
    assert results["questions"].created == 1
    page = QuestionPage.objects.get(code="HD-2025-ABC234")
    assert page.live and page.get_parent().get_parent().pk == agency_a.pk
    question = page.question_record
    assert question.status == Question.ANSWERED and question.email == ""
    html = client.get(page.url).content.decode()
    assert "Luật Hộ tịch" in html and "Miễn lệ phí." in html and "HD-2025-ABC234" in html
    again = run_import({"questions": [entry()]})
    assert (again["questions"].created, again["questions"].updated, again["questions"].unchanged) == (0, 0, 1)
    changed = run_import({"questions": [entry(answer="Tại UBND cấp xã nơi cư trú.")]})
    assert changed["questions"].updated == 1
    assert QuestionPage.objects.count() == Question.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"agency": "khong-co"}, 'questions[0] code HD-2025-ABC234: trường "agency"'),
        # An answer belongs to an agency's section, as the admin's tree rule says.
        ({"agency": ""}, 'trường "agency": bắt buộc'),
        ({"code": "hd 1"}, 'trường "code"'),
        ({"answer": ""}, 'trường "answer": bắt buộc'),
        ({"asked_at": "10/03/2025"}, 'trường "asked_at"'),
        ({"legal_references": [{"number": "60/2014/QH13"}]}, 'trường "legal_references[0].title"'),
        ({"email": "x@example.org"}, 'trường "email": khóa không được hỗ trợ'),
    ],
)
def test_bad_entries_name_the_field_and_write_nothing(agency_a, overrides, message):
    with pytest.raises(ImportFailed, match=message.replace("[", r"\[").replace("]", r"\]")):
        run_import({"questions": [entry(**overrides)]})
    assert not Question.objects.exists() and not QuestionPage.objects.exists()


def test_the_demo_has_answered_questions(client, make_agency):
    make_agency("so-tu-phap", "Sở Tư pháp")
    make_agency("so-y-te", "Sở Y tế")
    make_agency("van-phong-ubnd-tinh", "Văn phòng UBND tỉnh")
    results = run_import(DEMO)
    assert results["questions"].created == len(DEMO["questions"]) >= 3
    html = client.get("/hoi-dap/").content.decode()
    for item in DEMO["questions"]:
        assert item["title"] in html
    assert run_import(DEMO)["questions"].unchanged == len(DEMO["questions"])
