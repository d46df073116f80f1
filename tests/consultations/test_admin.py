"""Moderation in the admin: the draft's agency moderates, nobody from another agency sees or acts."""

import csv
import io

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from consultations.models import ConsultationComment, ConsultationPage, today
from tests.consultations.conftest import DAY
from tests.factories import agency_user
from tests.refusals import assert_sent_to_dashboard

pytestmark = pytest.mark.django_db

INDEX = "consultation_comments:index"


@pytest.fixture
def comment(open_draft, make_comment):
    return make_comment(open_draft, "Đề nghị sửa Điều 2.", article_number=2)


def test_the_agency_s_moderator_approves_and_the_comment_appears_on_the_purged_page(
    client, agency, open_draft, comment, purged, django_capture_on_commit_callbacks
):
    moderator = agency_user(agency, "moderators")
    client.force_login(moderator)
    listing = client.get(reverse(INDEX))
    assert listing.status_code == 200 and "Đề nghị sửa Điều 2." in listing.content.decode()
    filtered = client.get(
        reverse(INDEX), {"consultation": open_draft.pk, "status": "cho-duyet"}
    ).content.decode()
    assert "Đề nghị sửa Điều 2." in filtered and "Xuất CSV theo điều" in filtered
    explorer = client.get(reverse("wagtailadmin_explore", args=[open_draft.get_parent().pk])).content.decode()
    assert "Xuất góp ý (CSV)" in explorer
    approve = reverse("consultation_comments:approve", args=[comment.pk])
    assert "Bạn có chắc muốn duyệt" in client.get(approve).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(approve).status_code == 302
    comment.refresh_from_db()
    assert comment.status == ConsultationComment.APPROVED and comment.moderated_by == moderator
    assert any(url.endswith(open_draft.url) for url in purged)

    client.logout()
    html = client.get(open_draft.url).content.decode()
    assert "Đề nghị sửa Điều 2." in html and comment.email not in html

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("consultation_comments:reject", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.status == ConsultationComment.REJECTED
    client.logout()
    assert "Đề nghị sửa Điều 2." not in client.get(open_draft.url).content.decode()


def test_another_agency_s_moderator_can_neither_see_nor_act(client, agency_b, comment, open_draft):
    client.force_login(agency_user(agency_b, "moderators"))
    listing = client.get(reverse(INDEX))
    assert listing.status_code == 200 and "Đề nghị sửa Điều 2." not in listing.content.decode()
    for action in ("approve", "reject"):
        url = reverse(f"consultation_comments:{action}", args=[comment.pk])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert client.get(reverse("consultation_comments:inspect", args=[comment.pk])).status_code == 404
    assert_sent_to_dashboard(client.get(reverse("consultation_comments_export", args=[open_draft.pk])))
    comment.refresh_from_db()
    assert comment.status == ConsultationComment.PENDING


def test_editors_do_not_moderate(client, agency, comment):
    client.force_login(agency_user(agency, "editors"))
    assert_sent_to_dashboard(client.get(reverse(INDEX)))
    assert_sent_to_dashboard(client.post(reverse("consultation_comments:approve", args=[comment.pk])))
    comment.refresh_from_db()
    assert comment.status == ConsultationComment.PENDING


def test_nobody_edits_or_deletes_a_citizen_s_comment(client, agency, comment):
    client.force_login(agency_user(agency, "moderators"))
    assert_sent_to_dashboard(client.get(reverse("consultation_comments:edit", args=[comment.pk])))
    assert_sent_to_dashboard(client.post(reverse("consultation_comments:delete", args=[comment.pk])))
    assert ConsultationComment.objects.filter(pk=comment.pk).exists()


def test_the_csv_export_groups_comments_by_article(client, agency, open_draft, make_comment):
    make_comment(open_draft, "Về Điều 3.", article_number=3, name="C")
    make_comment(open_draft, "Về Điều 1.", article_number=1, name="A")
    make_comment(open_draft, "Góp ý chung.", name="B", email="b@example.org")
    make_comment(open_draft, "Về Điều 1 nữa.", article_number=1, name="D")
    client.force_login(agency_user(agency, "moderators"))
    response = client.get(reverse("consultation_comments_export", args=[open_draft.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Điều", "Tên điều", "Người góp ý"]
    assert [(row[0], row[1], row[6]) for row in rows[1:]] == [
        ("", "Góp ý chung", "Góp ý chung."),
        ("1", "Điều 1. Nội dung điều 1", "Về Điều 1."),
        ("1", "Điều 1. Nội dung điều 1", "Về Điều 1 nữa."),
        ("3", "Điều 3. Nội dung điều 3", "Về Điều 3."),
    ]
    assert "b@example.org" in response.content.decode()  # moderators may contact the author


def consultation_form(page, outcome="", action="action-publish"):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "opens": page.opens.isoformat(),
            "closes": page.closes.isoformat(),
            "summary": page.summary,
            "body": rich_text(""),
            "receiving_unit": "",
            "receiving_email": "",
            "outcome": rich_text(outcome),
            "articles": inline_formset([]),
            "files": inline_formset([]),
            "outcome_files": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def test_the_outcome_can_be_written_only_after_closing(client, agency, make_consultation, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "x"))
    open_page = make_consultation(agency, "dang-mo", articles=0)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[open_page.pk]), consultation_form(open_page, "Tiếp thu.")
    )
    assert response.status_code == 200
    assert "Chỉ nhập báo cáo tiếp thu, giải trình sau khi hết hạn lấy ý kiến" in response.content.decode()
    assert ConsultationPage.objects.get(pk=open_page.pk).outcome == ""

    closed = make_consultation(agency, "da-dong", opens=today() - 20 * DAY, closes=today() - DAY, articles=0)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[closed.pk]), consultation_form(closed, "Tiếp thu.")
    )
    assert response.status_code == 302
    assert "Tiếp thu." in ConsultationPage.objects.get(pk=closed.pk).outcome
    assert "Đã có báo cáo tiếp thu" in client.get(closed.url).content.decode()


def test_editors_list_their_closed_drafts_without_an_outcome(client, agency, agency_b, make_consultation):
    make_consultation(
        agency, "cho-bao-cao", opens=today() - 20 * DAY, closes=today() - DAY, title="Chờ báo cáo"
    )
    make_consultation(agency, "dang-mo", title="Còn đang mở")
    make_consultation(
        agency, "da-co", opens=today() - 20 * DAY, closes=today() - DAY, title="Đã có", outcome="<p>Xong.</p>"
    )
    make_consultation(
        agency_b, "cua-so-khac", opens=today() - 20 * DAY, closes=today() - DAY, title="Của Sở Y tế"
    )
    client.force_login(agency_user(agency, "editors"))
    response = client.get(reverse("consultations_pending_outcome"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chờ báo cáo" in html
    assert "Còn đang mở" not in html and "Đã có" not in html and "Của Sở Y tế" not in html
