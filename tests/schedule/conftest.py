"""Fixtures for the schedule: the /lich-cong-tac/ page, its first agency, and entries."""

import datetime

import pytest

from schedule.models import ScheduleEntry, SchedulePage


@pytest.fixture
def schedule_page(portal_sections):
    return SchedulePage.objects.get(slug="lich-cong-tac")


@pytest.fixture
def agency_a(make_agency):
    """Here agency_a is the provincial People's Committee office (the tests look for its name);
    agency_b is tests/conftest.py's."""
    return make_agency("van-phong-ubnd-tinh", "Văn phòng UBND tỉnh")


@pytest.fixture
def make_entry(db):
    def make(agency, date, start="08:00", content="Họp giao ban", **fields):
        return ScheduleEntry.objects.create(
            agency=agency, date=date, start=datetime.time.fromisoformat(start), content=content, **fields
        )

    return make
