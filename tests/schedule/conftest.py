"""Fixtures for the schedule: two agencies, the /lich-cong-tac/ page, entries, and agency users."""

import datetime

import pytest

from schedule.models import ScheduleEntry, SchedulePage


@pytest.fixture
def schedule_page(portal_sections):
    return SchedulePage.objects.get(slug="lich-cong-tac")


@pytest.fixture
def agency_a(make_agency):
    return make_agency("van-phong-ubnd-tinh", "Văn phòng UBND tỉnh")


@pytest.fixture
def agency_b(make_agency):
    return make_agency("so-y-te", "Sở Y tế")


@pytest.fixture
def make_entry(db):
    def make(agency, date, start="08:00", content="Họp giao ban", **fields):
        return ScheduleEntry.objects.create(
            agency=agency, date=date, start=datetime.time.fromisoformat(start), content=content, **fields
        )

    return make
