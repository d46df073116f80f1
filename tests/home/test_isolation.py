"""An agency editor can do all of their agency's work and nothing of another's, through the admin's
own HTTP views (issue 5, "Isolation")."""

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from home.models import StandardPage
from tests.factories import StandardPageFactory, agency_user


def draft_page(parent, title, slug, owner=None):
    return StandardPageFactory(
        parent=parent, title=title, slug=slug, intro="Nội dung nháp.", owner=owner, publish=False
    )


def page_form(title, slug, action):
    data = nested_form_data({"title": title, "slug": slug, "intro": "Giới thiệu", "body": streamfield([])})
    data[action] = "1"
    return data


@pytest.fixture
def editor_a(client, agency_a):
    user = agency_user(agency_a, "editors")
    client.force_login(user)
    return user


@pytest.fixture
def page_b(agency_b):
    return StandardPageFactory(
        parent=agency_b, title="Lịch tiêm chủng", slug="lich-tiem-chung", intro="Của Sở Y tế."
    )


def test_editor_can_create_edit_and_submit_a_page_in_their_agency(client, agency_a, editor_a, mailoutbox):
    add_url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", agency_a.pk])
    assert client.get(add_url).status_code == 200
    response = client.post(add_url, page_form("Giới thiệu Sở", "gioi-thieu-so", "action-save"))
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="gioi-thieu-so")
    assert page.get_parent().pk == agency_a.pk and not page.live

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(edit_url).status_code == 200
    client.post(edit_url, page_form("Giới thiệu Sở Tư pháp", "gioi-thieu-so", "action-submit"))
    page.refresh_from_db()
    assert page.get_latest_revision().content["title"] == "Giới thiệu Sở Tư pháp"
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Duyệt tin bài – Sở Tư pháp"
    assert not page.live


def test_editor_cannot_publish_without_approval(client, agency_a, editor_a):
    add_url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", agency_a.pk])
    client.post(add_url, page_form("Thông báo", "thong-bao", "action-publish"))
    page = StandardPage.objects.filter(slug="thong-bao").first()
    assert page is None or not page.live

    draft = draft_page(agency_a, "Tin nháp", "tin-nhap", owner=editor_a)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        page_form("Tin nháp", "tin-nhap", "action-publish"),
    )
    draft.refresh_from_db()
    assert not draft.live
    assert not draft.permissions_for_user(editor_a).can_publish()


def test_other_agency_pages_have_no_edit_view_and_are_not_listed(client, agency_b, page_b, editor_a):
    for url in (
        reverse("wagtailadmin_pages:edit", args=[page_b.pk]),
        reverse("wagtailadmin_pages:edit", args=[agency_b.pk]),
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", agency_b.pk]),
        reverse("wagtailadmin_pages:delete", args=[page_b.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url  # Wagtail redirects a refused editor
        assert "Lịch tiêm chủng" not in response.content.decode()
    explorer = client.get(reverse("wagtailadmin_explore", args=[agency_b.pk]))
    assert explorer.status_code == 302


def test_editor_cannot_move_a_page_out_of_their_agency(client, agency_a, agency_b, editor_a):
    page = draft_page(agency_a, "Tin nháp", "tin-nhap", owner=editor_a)
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, agency_b.pk])
    response = client.post(url)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_parent().pk == agency_a.pk
    news_a = agency_a.get_children().get(slug="tin-tuc")
    # Moving inside the agency is the editor's own work and is allowed.
    moved = client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, agency_a.pk]))
    assert moved.status_code == 302
    assert Page.objects.get(pk=page.pk).get_parent().pk == agency_a.pk
    assert news_a.pk != agency_a.pk


def test_editor_cannot_see_or_choose_another_agency_documents_and_images(
    client, agency_a, agency_b, editor_a
):
    own_doc = Document.objects.create(
        title="Kế hoạch pháp chế", collection=agency_a.collection, file=ContentFile(b"a", name="ke-hoach.pdf")
    )
    other_doc = Document.objects.create(
        title="Hồ sơ mật y tế", collection=agency_b.collection, file=ContentFile(b"b", name="ho-so.pdf")
    )
    other_image = Image.objects.create(
        title="Ảnh nội bộ y tế", collection=agency_b.collection, file=get_test_image_file()
    )
    own_image = Image.objects.create(
        title="Ảnh hội nghị pháp chế", collection=agency_a.collection, file=get_test_image_file()
    )

    def listing(name):
        response = client.get(reverse(name))
        assert response.status_code == 200
        # Choosers answer with JSON wrapping their HTML.
        return response.json()["html"] if "chooser" in name else response.content.decode()

    for name in ("wagtaildocs:index", "wagtaildocs_chooser:choose"):
        html = listing(name)
        assert own_doc.title in html
        assert other_doc.title not in html
    for name in ("wagtailimages:index", "wagtailimages_chooser:choose"):
        html = listing(name)
        assert own_image.title in html
        assert other_image.title not in html
    assert client.get(reverse("wagtaildocs:edit", args=[other_doc.pk])).status_code == 302
    assert client.get(reverse("wagtailimages:edit", args=[other_image.pk])).status_code == 302
    assert client.get(reverse("wagtaildocs:edit", args=[own_doc.pk])).status_code == 200


def test_moderator_cannot_approve_another_agency_submission(client, agency_a, agency_b):
    editor_b = agency_user(agency_b, "editors")
    moderator_a = agency_user(agency_a, "moderators")
    page = draft_page(agency_b, "Thông báo tuyển dụng", "thong-bao-tuyen-dung", owner=editor_b)
    state = page.get_workflow().start(page, editor_b)
    task_state = state.current_task_state

    client.force_login(moderator_a)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "Đồng ý"})
    assert response.status_code == 302
    page.refresh_from_db()
    task_state.refresh_from_db()
    assert not page.live
    assert task_state.status == task_state.STATUS_IN_PROGRESS
