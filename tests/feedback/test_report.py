"""The ratings report in the admin: per page and per agency, comments, CSV, reset, and isolation."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

import pytest

from feedback.models import Rating
from tests.factories import agency_user
from tests.refusals import assert_sent_to_dashboard

pytestmark = pytest.mark.django_db

REPORT = "/admin/danh-gia/"
RESET = "/admin/danh-gia/xoa/"


@pytest.fixture
def ratings(page_a, page_b, agency_a, make_rating):
    make_rating(page_a, 5, "ro-rang", "Rất rõ ràng")
    make_rating(page_a, 4)
    make_rating(page_a, 2, "kho-hieu", "Thiếu mẫu tờ khai")
    make_rating(agency_a, 3)
    make_rating(page_b, 1, "chua-cap-nhat", "Lịch tiêm của Sở Y tế đã cũ")


def test_a_superuser_sees_counts_averages_distribution_and_comments(client, admin_user, ratings, page_a):
    client.force_login(admin_user)
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    context = response.context
    assert context["overall"].count == 5
    assert context["overall"].distribution == [1, 1, 1, 1, 1]
    assert context["overall"].average == 3.0
    rows = {row["title"]: row["tally"] for row in context["page_obj"].object_list}
    assert rows[page_a.title].count == 3 and rows[page_a.title].average == 3.67
    assert rows[page_a.title].distribution == [0, 1, 0, 1, 1]
    agencies = {row["agency"].slug: row["tally"] for row in context["agency_rows"]}
    assert agencies["so-tu-phap"].count == 4 and agencies["so-y-te"].count == 1
    assert "Rất rõ ràng" in html and "Lịch tiêm của Sở Y tế đã cũ" in html


def test_the_report_filters_by_agency_subtree_and_by_page(client, admin_user, ratings, page_a):
    client.force_login(admin_user)
    assert client.get(REPORT, {"agency": "so-tu-phap"}).context["overall"].count == 4
    assert client.get(REPORT, {"page": page_a.pk}).context["overall"].count == 3


def test_a_moderator_sees_only_their_agency(client, agency_a, ratings):
    moderator = agency_user(agency_a, "moderators")
    client.force_login(moderator)
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["overall"].count == 4
    assert "Thiếu mẫu tờ khai" in html
    assert "Lịch tiêm chủng" not in html and "Lịch tiêm của Sở Y tế đã cũ" not in html
    # Asking for the other agency is refused; its pages give nothing.
    other = client.get(REPORT, {"agency": "so-y-te"})
    assert other.status_code == 400 and other.context["overall"].count == 0
    csv_text = client.get(REPORT, {"xuat": "csv"}).content.decode("utf-8-sig")
    assert "Thiếu mẫu tờ khai" in csv_text and "Sở Y tế đã cũ" not in csv_text
    # The admin menu offers the report.
    assert REPORT in client.get("/admin/").content.decode()


def test_editors_and_outsiders_do_not_see_the_report(client, agency_a, ratings):
    client.force_login(agency_user(agency_a, "editors"))
    assert_sent_to_dashboard(client.get(REPORT))
    assert REPORT not in client.get("/admin/").content.decode()


def test_the_csv_export_lists_each_rating(client, admin_user, ratings):
    client.force_login(admin_user)
    response = client.get(REPORT, {"xuat": "csv", "agency": "so-y-te"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0] == "Thời gian,Trang,Địa chỉ trang,Cơ quan,Số sao,Lý do,Góp ý"
    assert len(lines) == 2
    assert "Lịch tiêm chủng" in lines[1] and "Sở Y tế" in lines[1] and ",1," in lines[1]
    assert "Thông tin đã cũ, chưa cập nhật" in lines[1]


def test_a_comment_like_a_formula_stays_text_in_the_csv(client, admin_user, page_a, make_rating):
    make_rating(page_a, 1, comment='=HYPERLINK("http://x")')
    client.force_login(admin_user)
    assert "'=HYPERLINK" in client.get(REPORT, {"xuat": "csv"}).content.decode("utf-8-sig")


def test_resetting_needs_its_own_permission(client, agency_a, ratings):
    moderator = agency_user(agency_a, "moderators")
    client.force_login(moderator)
    assert_sent_to_dashboard(client.get(RESET))
    assert_sent_to_dashboard(client.post(RESET, {"agency": "so-tu-phap"}))
    assert Rating.objects.count() == 5
    assert "Xóa kết quả" not in client.get(REPORT).content.decode()


def test_a_moderator_with_reset_permission_resets_only_their_subtree(client, agency_a, ratings):
    moderator = agency_user(agency_a, "moderators")
    group = Group.objects.create(name="Được xóa kết quả đánh giá")
    group.permissions.add(Permission.objects.get(codename="reset_rating"))
    moderator.groups.add(group)
    client.force_login(moderator)
    confirm = client.get(RESET)
    assert confirm.status_code == 200 and confirm.context["count"] == 4
    # Naming the other agency is refused; resetting "everything" stays within their own.
    client.post(RESET, {"agency": "so-y-te"})
    assert Rating.objects.count() == 5
    response = client.post(RESET, {"agency": "", "page": ""})
    assert response.status_code == 302
    assert list(Rating.objects.values_list("page__slug", flat=True)) == ["lich-tiem-chung"]


def test_portal_staff_with_view_permission_see_every_agency(client, ratings):
    user = get_user_model().objects.create_user("banbientap", "bbt@example.org", "x")
    group = Group.objects.create(name="Ban biên tập cổng")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_rating")
    )
    user.groups.add(group)
    client.force_login(user)
    assert client.get(REPORT).context["overall"].count == 5
    assert_sent_to_dashboard(client.get(RESET))
