"""Schedule entries in the admin: each agency's editors see and edit only their own agency's."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

import pytest

from schedule.models import ScheduleEntry
from tests.factories import agency_user
from tests.refusals import assert_sent_to_dashboard

pytestmark = pytest.mark.django_db

INDEX = "/admin/lich-cong-tac/"


def form_data(agency, **fields):
    return {
        "agency": agency.pk,
        "kind": "cong-tac",
        "date": "2026-12-02",
        "start": "08:00",
        "end": "10:00",
        "content": "Họp chuyên đề",
        "place": "Phòng họp",
        "leader": "Giám đốc",
        "participants": "",
        **fields,
    }


@pytest.fixture
def entries(agency_a, agency_b, make_entry):
    return (
        make_entry(agency_a, datetime.date(2026, 12, 1), content="Giao ban Văn phòng"),
        make_entry(agency_b, datetime.date(2026, 12, 1), content="Giao ban Sở Y tế"),
    )


def test_an_editor_lists_and_edits_only_their_agencys_entries(client, agency_a, agency_b, entries):
    own, other = entries
    client.force_login(agency_user(agency_a, "editors"))
    html = client.get(INDEX).content.decode()
    assert "Giao ban Văn phòng" in html and "Giao ban Sở Y tế" not in html
    assert client.get(f"{INDEX}edit/{own.pk}/").status_code == 200
    assert client.get(f"{INDEX}edit/{other.pk}/").status_code == 404
    response = client.post(f"{INDEX}edit/{other.pk}/", form_data(agency_b, content="Bị sửa"))
    assert response.status_code == 404
    assert client.post(f"{INDEX}delete/{other.pk}/").status_code == 404
    other.refresh_from_db()
    assert other.content == "Giao ban Sở Y tế"
    response = client.post(f"{INDEX}edit/{own.pk}/", form_data(agency_a, content="Giao ban đã sửa"))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.content == "Giao ban đã sửa"


def test_an_editor_adds_entries_only_for_their_agency(client, agency_a, agency_b, entries):
    client.force_login(agency_user(agency_a, "editors"))
    add = client.get(f"{INDEX}new/")
    assert add.status_code == 200
    html = add.content.decode()
    assert "Văn phòng UBND tỉnh" in html and "Sở Y tế" not in html
    refused = client.post(f"{INDEX}new/", form_data(agency_b, content="Lịch giả mạo"))
    assert (
        refused.status_code == 200
        and "Bạn không được quản lý lịch của cơ quan này" in refused.content.decode()
    )
    assert not ScheduleEntry.objects.filter(content="Lịch giả mạo").exists()
    assert client.post(f"{INDEX}new/", form_data(agency_a, content="Lịch mới")).status_code == 302
    assert ScheduleEntry.objects.get(content="Lịch mới").agency_id == agency_a.pk


def test_an_end_before_the_start_is_a_form_error(client, admin_user, agency_a):
    client.force_login(admin_user)
    response = client.post(f"{INDEX}new/", form_data(agency_a, start="10:00", end="09:00"))
    assert response.status_code == 200 and "Giờ kết thúc phải sau giờ bắt đầu" in response.content.decode()
    assert not ScheduleEntry.objects.exists()


def test_users_outside_any_agency_and_without_permission_are_refused(client, entries):
    user = get_user_model().objects.create_user("khach", "khach@example.org", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert_sent_to_dashboard(client.get(INDEX))


def test_portal_staff_with_model_permissions_manage_every_agency(client, entries):
    user = get_user_model().objects.create_user("vanthu", "vt@example.org", "x")
    group = Group.objects.create(name="Văn thư cổng")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="schedule", codename__endswith="scheduleentry"),
    )
    user.groups.add(group)
    client.force_login(user)
    html = client.get(INDEX).content.decode()
    assert "Giao ban Văn phòng" in html and "Giao ban Sở Y tế" in html
