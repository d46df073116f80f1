"""Fixtures for the schedule: two agencies, the /lich-cong-tac/ page, entries, and agency users."""

import datetime

from django.contrib.auth import get_user_model

import pytest

from home.models import AgencyAccess
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


@pytest.fixture
def agency_user(db):
    def make(agency, role):
        access = AgencyAccess.objects.get(agency=agency)
        user = get_user_model().objects.create_user(
            f"{agency.slug}-{role}", f"{agency.slug}@example.org", "x"
        )
        user.groups.add(getattr(access, role))
        return user

    return make
