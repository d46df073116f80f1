"""The iCalendar export and the `schedule` import key (contracts.md §11)."""

import datetime
import json

from django.core.management import call_command
from django.utils import timezone

import pytest

from portal_site.importing import ImportFailed, run_import
from schedule.ical import fold
from schedule.models import ScheduleEntry
from schedule.week import Week

pytestmark = pytest.mark.django_db


def unfold(text):
    return text.replace("\r\n ", "")


def test_the_ical_export_is_rfc_5545_text(client, schedule_page, agency_a, agency_b, make_entry):
    day = timezone.localdate()
    make_entry(
        agency_a,
        day,
        "08:00",
        "Họp giao ban; rà soát tiến độ, kế hoạch",
        end=datetime.time(11),
        place="Phòng họp số 1, trụ sở UBND tỉnh",
        leader="Chủ tịch UBND tỉnh",
        participants="Các Phó Chủ tịch\nChánh Văn phòng",
    )
    make_entry(agency_b, day, "09:00", "Việc của Sở Y tế")
    response = client.get("/lich-cong-tac/ical/", {"agency": "van-phong-ubnd-tinh"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")  # every line ends in CRLF
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    text = unfold(body)
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh" in text
    assert f"DTSTART;TZID=Asia/Ho_Chi_Minh:{day:%Y%m%d}T080000" in text
    assert f"DTEND;TZID=Asia/Ho_Chi_Minh:{day:%Y%m%d}T110000" in text
    assert "SUMMARY:Họp giao ban\\; rà soát tiến độ\\, kế hoạch" in text
    assert "LOCATION:Phòng họp số 1\\, trụ sở UBND tỉnh" in text
    assert "Thành phần: Các Phó Chủ tịch\\nChánh Văn phòng" in text
    assert text.count("BEGIN:VEVENT") == 1 and "Sở Y tế" not in text
    assert client.get("/lich-cong-tac/ical/", {"agency": "khong-co"}).status_code == 400


def test_folding_never_splits_a_vietnamese_character():
    line = "SUMMARY:" + "Hội nghị tổng kết công tác chuyển đổi số " * 5
    folded = fold(line)
    assert all(len(piece.encode()) <= 75 for piece in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def entry(**fields):
    return {
        "agency": "van-phong-ubnd-tinh",
        "date": "2026-12-01",
        "start": "08:00",
        "end": "11:00",
        "content": "Họp giao ban",
        "place": "Phòng họp số 1",
        "leader": "Chủ tịch UBND tỉnh",
        "participants": "Các Phó Chủ tịch",
        **fields,
    }


def test_the_import_is_idempotent_by_agency_date_start_and_content(agency_a):
    data = {
        "schedule": [
            entry(),
            entry(start="14:00", end="17:00", content="Tiếp công dân", kind="tiep-cong-dan"),
        ]
    }
    assert run_import(data)["schedule"].created == 2
    assert run_import(data)["schedule"].unchanged == 2
    data["schedule"][0]["place"] = "Hội trường"
    counts = run_import(data)["schedule"]
    assert (counts.updated, counts.unchanged) == (1, 1)
    assert ScheduleEntry.objects.count() == 2
    assert ScheduleEntry.objects.get(start=datetime.time(8)).place == "Hội trường"
    assert ScheduleEntry.objects.get(start=datetime.time(14)).kind == "tiep-cong-dan"


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"agency": "khong-co"}, "agency"),
        ({"date": "2026-02-30"}, "date"),
        ({"start": "25:00"}, "start"),
        ({"start": "8h"}, "start"),
        ({"end": "07:00"}, "end"),
        ({"content": ""}, "content"),
        ({"kind": "hop"}, "kind"),
        ({"room": "1"}, "room"),
    ],
)
def test_a_bad_entry_fails_the_whole_import_naming_entry_and_field(agency_a, bad, field):
    with pytest.raises(ImportFailed) as failure:
        run_import({"schedule": [entry(), entry(**bad)]})
    assert "schedule[1]" in str(failure.value) and f'"{field}"' in str(failure.value)
    assert not ScheduleEntry.objects.exists()


def test_the_demo_schedule_covers_this_week_and_the_next(agency_a, make_agency, tmp_path):
    for slug, name in [
        ("so-tu-phap", "Sở Tư pháp"),
        ("so-y-te", "Sở Y tế"),
        ("ubnd-huyen-chau-thanh", "UBND huyện Châu Thành"),
        ("so-van-hoa-the-thao-va-du-lich", "Sở Văn hóa, Thể thao và Du lịch"),
    ]:
        make_agency(slug, name)
    from pathlib import Path

    import schedule

    demo = json.loads((Path(schedule.__file__).parent / "demo" / "content.json").read_text(encoding="utf-8"))
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(demo), encoding="utf-8")
    call_command("import_content", str(path))
    this_week, next_week = Week.current(), Week.current().shifted(1)
    dates = set(ScheduleEntry.objects.values_list("date", flat=True))
    assert any(this_week.monday <= day <= this_week.sunday for day in dates)
    assert any(next_week.monday <= day <= next_week.sunday for day in dates)
    assert ScheduleEntry.objects.filter(kind="tiep-cong-dan").exists()
    call_command("import_content", str(path))  # idempotent
    assert ScheduleEntry.objects.count() == len(demo["schedule"])
