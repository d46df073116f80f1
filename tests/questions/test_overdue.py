"""Working days and the editors' report of questions waiting more than 15 working days."""

import datetime

from django.urls import reverse
from django.utils import timezone

from questions.models import Question
from questions.workdays import HOLIDAYS, add_working_days, is_working_day, working_days_between


def test_weekends_and_public_holidays_are_not_working_days():
    assert not is_working_day(datetime.date(2026, 11, 28))  # Saturday
    assert not is_working_day(datetime.date(2026, 9, 2))  # Quốc khánh
    assert not is_working_day(datetime.date(2026, 4, 27))  # Giỗ Tổ Hùng Vương, taken on Monday
    assert not is_working_day(datetime.date(2026, 2, 18))  # Tết Bính Ngọ
    assert is_working_day(datetime.date(2026, 12, 1))
    assert all(day.weekday() < 5 for day in HOLIDAYS)


def test_counting_skips_tet():
    # Sent on Friday 13/2/2026, before Tết: the week of 16–20/2 does not count.
    assert working_days_between(datetime.date(2026, 2, 13), datetime.date(2026, 2, 23)) == 1
    assert add_working_days(datetime.date(2026, 2, 13), 15) == datetime.date(2026, 3, 13)
    assert working_days_between(datetime.date(2026, 12, 1), datetime.date(2026, 11, 1)) == 0


def test_the_report_lists_open_questions_past_fifteen_working_days(client, people, agency_a, make_question):
    old = make_question("Câu hỏi chờ lâu", agency=agency_a, days_ago=40)
    make_question("Câu hỏi mới gửi", agency=agency_a, days_ago=3)
    make_question("Câu hỏi cũ đã trả lời", agency=agency_a, days_ago=60, status=Question.ANSWERED)
    make_question("Câu hỏi cũ đã đóng", agency=agency_a, days_ago=60, status=Question.CLOSED)
    client.force_login(people["moderator_a"])
    response = client.get(reverse("questions_overdue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Câu hỏi chờ lâu" in html and old.code in html
    assert f"{old.deadline():%d/%m/%Y}" in html
    for title in ("Câu hỏi mới gửi", "Câu hỏi cũ đã trả lời", "Câu hỏi cũ đã đóng"):
        assert title not in html
    assert old.working_days_waited(timezone.localdate()) > 15
    export = client.get(reverse("questions_overdue"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert export.status_code == 200 and "Câu hỏi chờ lâu" in body
