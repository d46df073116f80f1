"""The agency review workflow: an editor submits, the same agency's moderator approves (which
publishes) or rejects with a comment; everyone concerned hears about it by e-mail."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

from home.models import AgencyPage
from tests.factories import agency_user
from tests.home.test_isolation import draft_page, page_form


@pytest.fixture
def agency(make_agency):
    return make_agency("so-tu-phap", "Sở Tư pháp")


@pytest.fixture
def editor(agency):
    return agency_user(agency, "editors")


@pytest.fixture
def moderator(agency):
    return agency_user(agency, "moderators")


def submit(client, editor, page):
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), page_form(page.title, page.slug, "action-submit")
    )
    return page.current_workflow_task_state


def act(client, user, page, action, comment=""):
    client.force_login(user)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def test_submission_notifies_the_agency_moderators_by_email(client, agency, editor, moderator, mailoutbox):
    page = draft_page(agency, "Thông báo lịch tiếp công dân", "lich-tiep-cong-dan", owner=editor)
    mailoutbox.clear()

    task_state = submit(client, editor, page)
    assert task_state is not None
    assert task_state.task.specific.groups.get() == moderator.groups.get()
    recipients = {address for message in mailoutbox for address in message.to}
    assert moderator.email in recipients
    assert editor.email not in recipients
    assert any("Thông báo lịch tiếp công dân" in message.subject for message in mailoutbox)


def test_approval_publishes_and_tells_the_editor(client, agency, editor, moderator, mailoutbox):
    page = draft_page(agency, "Kế hoạch phổ biến pháp luật", "ke-hoach-pbgdpl", owner=editor)
    submit(client, editor, page)
    mailoutbox.clear()

    response = act(client, moderator, page, "approve", "Đồng ý đăng.")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert [message.to for message in mailoutbox] == [[editor.email]]
    # Wagtail's history shows who published it.
    entry = PageLogEntry.objects.filter(page=page, action="wagtail.publish").get()
    assert entry.user == moderator


def test_rejection_keeps_the_page_unpublished_and_sends_the_comment(
    client, agency, editor, moderator, mailoutbox
):
    page = draft_page(agency, "Tin chưa đạt", "tin-chua-dat", owner=editor)
    submit(client, editor, page)
    mailoutbox.clear()

    act(client, moderator, page, "reject", "Cần bổ sung số liệu quý III.")
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task_state is None
    assert [message.to for message in mailoutbox] == [[editor.email]]
    assert "Cần bổ sung số liệu quý III." in mailoutbox[0].body


def test_portal_administrator_can_approve_any_agency(client, agency, editor):
    admin = get_user_model().objects.create_superuser("quantri", "quantri@example.org", "mat-khau-thu")
    page = draft_page(agency, "Tin của Sở", "tin-cua-so", owner=editor)
    submit(client, editor, page)
    act(client, admin, page, "approve")
    page.refresh_from_db()
    assert page.live


@pytest.mark.parametrize("moderates_children", [True, False])
def test_district_moderators_manage_communes_only_when_the_setting_says_so(
    client, settings, make_agency, moderates_children
):
    settings.PORTAL_PARENT_AGENCY_MODERATES_CHILDREN = moderates_children
    district = make_agency("ubnd-huyen-chau-thanh", "Ủy ban nhân dân huyện Châu Thành", kind="ubnd-huyen")
    commune = make_agency(
        "ubnd-xa-long-hung", "Ủy ban nhân dân xã Long Hưng", parent="ubnd-huyen-chau-thanh", kind="ubnd-xa"
    )
    district_moderator = agency_user(district, "moderators")
    district_editor = agency_user(district, "editors")
    commune_editor = agency_user(commune, "editors")
    commune_page = draft_page(commune, "Tin xã", "tin-xa", owner=commune_editor)
    submit(client, commune_editor, commune_page)

    # The district's sections are its editors' either way; adding pages right under the district
    # page needs permissions on its whole subtree, so only when that subtree is theirs.
    district_news = district.get_children().get(slug="tin-tuc")
    client.force_login(district_editor)
    add_url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", district.pk])
    assert client.get(add_url).status_code == (200 if moderates_children else 302)
    assert district_news.permissions_for_user(district_editor).can_edit()

    client.force_login(district_moderator)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[commune_page.pk]))
    assert (edit.status_code == 200) is moderates_children
    act(client, district_moderator, commune_page, "approve")
    commune_page.refresh_from_db()
    assert commune_page.live is moderates_children
    assert AgencyPage.objects.get(pk=commune.pk).live


def test_moving_a_commune_to_another_district_changes_who_approves_it(admin_client, make_agency):
    make_agency("ubnd-huyen-chau-thanh", "Ủy ban nhân dân huyện Châu Thành", kind="ubnd-huyen")
    other = make_agency("ubnd-huyen-cai-be", "Ủy ban nhân dân huyện Cái Bè", kind="ubnd-huyen")
    commune = make_agency("ubnd-xa-long-hung", "Ủy ban nhân dân xã Long Hưng", parent="ubnd-huyen-chau-thanh")
    response = admin_client.post(reverse("wagtailadmin_pages:move_confirm", args=[commune.pk, other.pk]))
    assert response.status_code == 302
    commune = AgencyPage.objects.get(pk=commune.pk)
    assert commune.get_parent().pk == other.pk
    approvers = {group.name for group in commune.access.workflow.tasks.get().specific.groups.all()}
    assert approvers == {
        "Ủy ban nhân dân xã Long Hưng – Phê duyệt",
        "Ủy ban nhân dân huyện Cái Bè – Phê duyệt",
    }
    assert commune.collection.get_parent() == other.collection


def test_new_section_of_a_district_is_its_editors_when_districts_do_not_moderate_communes(
    admin_client, settings, make_agency
):
    settings.PORTAL_PARENT_AGENCY_MODERATES_CHILDREN = False
    district = make_agency("ubnd-huyen-chau-thanh", "Ủy ban nhân dân huyện Châu Thành", kind="ubnd-huyen")
    commune = make_agency("ubnd-xa-long-hung", "Ủy ban nhân dân xã Long Hưng", parent="ubnd-huyen-chau-thanh")
    district_editor = agency_user(district, "editors")
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", district.pk])
    assert (
        admin_client.post(url, page_form("Giới thiệu huyện", "gioi-thieu-huyen", "action-save")).status_code
        == 302
    )
    section = district.get_children().get(slug="gioi-thieu-huyen")
    assert section.permissions_for_user(district_editor).can_edit()
    assert not commune.permissions_for_user(district_editor).can_edit()
