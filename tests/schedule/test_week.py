"""/lich-cong-tac/: the weekly table, week navigation, filters, bad input and the home block."""

import datetime

from django.utils import timezone

import pytest

from schedule.week import Week

pytestmark = pytest.mark.django_db


def test_the_section_exists_under_the_home_page(schedule_page, home):
    assert schedule_page.url == "/lich-cong-tac/"
    assert schedule_page.title == "Lịch công tác"
    assert schedule_page.get_parent().pk == home.pk


def test_the_current_week_is_shown_monday_to_sunday_as_a_table(client, schedule_page, agency_a, make_entry):
    week = Week.current()
    make_entry(
        agency_a,
        week.monday,
        "07:30",
        "Họp giao ban đầu tuần",
        end=datetime.time(9),
        place="Phòng họp số 1",
        leader="Chủ tịch UBND tỉnh",
        participants="Các Phó Chủ tịch",
    )
    make_entry(agency_a, week.sunday, "19:00", "Dự lễ hội")
    make_entry(agency_a, week.monday - datetime.timedelta(days=1), "08:00", "Việc tuần trước")
    make_entry(agency_a, week.sunday + datetime.timedelta(days=1), "08:00", "Việc tuần sau")
    response = client.get("/lich-cong-tac/")
    assert response.status_code == 200
    html = response.content.decode()
    for column in ("Ngày", "Thời gian", "Nội dung", "Địa điểm", "Chủ trì / Thành phần"):
        assert f'<th scope="col">{column}</th>' in html
    assert "Họp giao ban đầu tuần" in html and "Dự lễ hội" in html
    assert "Việc tuần trước" not in html and "Việc tuần sau" not in html
    assert f"Thứ Hai, {week.monday:%d/%m/%Y}" in html and f"Chủ nhật, {week.sunday:%d/%m/%Y}" in html
    assert "07:30–09:00" in html and "Phòng họp số 1" in html
    assert "Chủ trì: Chủ tịch UBND tỉnh" in html and "Thành phần: Các Phó Chủ tịch" in html
    assert f"từ ngày {week.monday:%d/%m/%Y} đến ngày {week.sunday:%d/%m/%Y}" in html
    # Entries are in day and time order.
    assert html.index("Họp giao ban đầu tuần") < html.index("Dự lễ hội")


def test_another_week_and_the_week_links(client, schedule_page, agency_a, make_entry):
    make_entry(agency_a, datetime.date(2026, 12, 2), "08:00", "Làm việc với Sở Xây dựng")
    response = client.get("/lich-cong-tac/", {"tuan": "2026-W49"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Làm việc với Sở Xây dựng" in html and "Thứ Tư, 02/12/2026" in html
    assert "từ ngày 30/11/2026 đến ngày 06/12/2026" in html
    assert 'href="?tuan=2026-W48" rel="prev"' in html and 'href="?tuan=2026-W50" rel="next"' in html
    assert "Tuần hiện tại" in html
    # Across a year boundary.
    html = client.get("/lich-cong-tac/", {"tuan": "2026-W53"}).content.decode()
    assert 'href="?tuan=2027-W01" rel="next"' in html


@pytest.mark.parametrize("week", ["2026-W54", "2025-W53", "2026-49", "tuan-nay", "2026-W0", "9999999999-W01"])
def test_a_bad_week_answers_400_in_vietnamese(client, schedule_page, week):
    response = client.get("/lich-cong-tac/", {"tuan": week})
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()


def test_one_agency_and_a_bad_agency(client, schedule_page, agency_a, agency_b, make_entry):
    today = timezone.localdate()
    make_entry(agency_a, today, "08:00", "Việc của Văn phòng")
    make_entry(agency_b, today, "09:00", "Việc của Sở Y tế")
    html = client.get("/lich-cong-tac/", {"agency": "so-y-te"}).content.decode()
    assert "Việc của Sở Y tế" in html and "Việc của Văn phòng" not in html
    assert 'href="?agency=so-y-te&amp;tuan=' in html  # the week links keep the filter
    response = client.get("/lich-cong-tac/", {"agency": "khong-co"})
    assert response.status_code == 400 and "Không có cơ quan" in response.content.decode()
    assert client.get("/lich-cong-tac/", {"agency": "<script>"}).status_code == 400


def test_the_citizen_reception_schedule_has_its_own_filter(client, schedule_page, agency_a, make_entry):
    today = timezone.localdate()
    make_entry(agency_a, today, "08:00", "Họp giao ban")
    make_entry(agency_a, today, "14:00", "Chủ tịch tiếp công dân định kỳ", kind="tiep-cong-dan")
    response = client.get("/lich-cong-tac/", {"loai": "tiep-cong-dan"})
    html = response.content.decode()
    assert "<h1>Lịch tiếp công dân</h1>" in html
    assert "Chủ tịch tiếp công dân định kỳ" in html and "Họp giao ban" not in html
    assert client.get("/lich-cong-tac/", {"loai": "khac"}).status_code == 400


def test_the_home_page_shows_this_weeks_schedule(client, schedule_page, agency_a, make_entry):
    today = timezone.localdate()
    make_entry(agency_a, today, "23:00", "Kiểm tra công tác phòng cháy")
    html = client.get("/").content.decode()
    assert "Lịch công tác tuần này" in html
    assert "Kiểm tra công tác phòng cháy" in html
    assert 'href="/lich-cong-tac/"' in html


def test_a_new_entry_reaches_the_cached_home_block(client, schedule_page, agency_a, make_entry):
    assert "Họp khẩn" not in client.get("/").content.decode()  # the block is now cached
    make_entry(agency_a, timezone.localdate(), "23:30", "Họp khẩn")
    assert "Họp khẩn" in client.get("/").content.decode()


def test_saving_an_entry_purges_the_schedule_and_the_home_page(
    schedule_page, agency_a, make_entry, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:1",
        }
    }
    purged = []
    monkeypatch.setattr(
        "wagtail.contrib.frontend_cache.utils.PurgeBatch.purge",
        lambda batch, **kwargs: purged.extend(batch.urls),
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_entry(agency_a, timezone.localdate(), "08:00", "Họp")
        make_entry(agency_a, timezone.localdate(), "09:00", "Họp nữa")
    paths = {url.split("localhost", 1)[-1] for url in purged}
    assert {"/lich-cong-tac/", "/lich-cong-tac/ical/", "/"} <= paths
