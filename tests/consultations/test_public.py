"""What citizens see and send: the list, a draft's page, the comment form and its refusals."""

import re

from django.core import mail
from django.test import Client

import pytest

from consultations.models import ConsultationComment, today
from tests.consultations.conftest import DAY, comment_data

pytestmark = pytest.mark.django_db


def test_the_portal_list_shows_every_agency_s_drafts_with_their_status(
    client, agency, agency_b, make_consultation
):
    make_consultation(agency, "dang-mo", title="Dự thảo đang mở")
    make_consultation(
        agency_b, "sap-mo", opens=today() + 3 * DAY, closes=today() + 30 * DAY, title="Dự thảo sắp mở"
    )
    make_consultation(
        agency, "het-han", opens=today() - 30 * DAY, closes=today() - DAY, title="Dự thảo hết hạn"
    )
    make_consultation(
        agency_b,
        "co-ket-qua",
        opens=today() - 60 * DAY,
        closes=today() - 30 * DAY,
        title="Dự thảo có kết quả",
        outcome="<p>Đã tiếp thu.</p>",
    )
    html = client.get("/gop-y-du-thao/").content.decode()
    for title, label in [
        ("Dự thảo đang mở", "Đang lấy ý kiến"),
        ("Dự thảo sắp mở", "Sắp lấy ý kiến"),
        ("Dự thảo hết hạn", "Đã hết hạn"),
        ("Dự thảo có kết quả", "Đã có báo cáo tiếp thu"),
    ]:
        assert title in html and label in html
    assert "Sở Y tế" in html and "Sở Tư pháp" in html

    for status, title in [
        ("dang-mo", "Dự thảo đang mở"),
        ("sap-mo", "Dự thảo sắp mở"),
        ("het-han", "Dự thảo hết hạn"),
        ("co-ket-qua", "Dự thảo có kết quả"),
    ]:
        page = client.get("/gop-y-du-thao/", {"status": status}).content.decode()
        titles = re.findall(r'consultation-list__title"><a [^>]*>([^<]+)<', page)
        assert titles == [title]

    # An agency's own section lists only its drafts.
    own = client.get("/co-quan/so-tu-phap/gop-y-du-thao/").content.decode()
    assert "Dự thảo đang mở" in own and "Dự thảo sắp mở" not in own


@pytest.mark.parametrize("value", ["mo", "DANG-MO", "<script>", "1" * 300])
def test_a_bad_status_filter_answers_400_in_vietnamese(client, open_draft, value):
    response = client.get("/gop-y-du-thao/", {"status": value})
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()
    assert "<script>" not in response.content.decode().split("</header>")[-1].replace("&lt;script&gt;", "")


def test_the_list_is_paginated(client, agency, make_consultation):
    for n in range(12):
        make_consultation(agency, f"du-thao-{n:02d}", opens=today() - (n + 1) * DAY, articles=0)
    first = client.get("/gop-y-du-thao/").content.decode()
    assert "Trang 1 / 2" in first and first.count('class="consultation-list__title"') == 10
    second = client.get("/gop-y-du-thao/", {"page": "2"}).content.decode()
    assert second.count('class="consultation-list__title"') == 2
    assert client.get("/gop-y-du-thao/", {"page": "abc"}).status_code == 200


def test_a_draft_page_shows_its_dates_articles_files_and_agency(client, open_draft):
    html = client.get(open_draft.url).content.decode()
    assert "Đang lấy ý kiến" in html
    assert f"{open_draft.opens:%d/%m/%Y}" in html and f"{open_draft.closes:%d/%m/%Y}" in html
    assert 'id="dieu-2"' in html and "Điều 2. Nội dung điều 2" in html
    assert "Sở Tư pháp" in html
    assert 'name="website"' in html and 'class="form-honeypot" aria-hidden="true"' in html
    assert '<option value="3">Điều 3. Nội dung điều 3</option>' in html


def test_an_open_draft_is_private_to_each_visitor_and_a_closed_one_is_cached_publicly(
    client, agency, open_draft, make_consultation, django_user_model
):
    open_response = client.get(open_draft.url)
    assert "private" in open_response["Cache-Control"] and "public" not in open_response["Cache-Control"]
    closed = make_consultation(agency, "da-dong", opens=today() - 20 * DAY, closes=today() - DAY)
    closed_response = client.get(closed.url)
    assert "public" in closed_response["Cache-Control"] and "s-maxage" in closed_response["Cache-Control"]
    assert "csrfmiddlewaretoken" not in closed_response.content.decode()
    upcoming = make_consultation(agency, "sap-mo", opens=today() + DAY, closes=today() + 9 * DAY)
    # Cached no longer than until the status changes at local midnight.
    max_age = int(re.search(r"s-maxage=(\d+)", client.get(upcoming.url)["Cache-Control"]).group(1))
    assert 0 < max_age <= 600

    # A logged-in editor's copy (with the user bar) is never public.
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "x"))
    assert "private" in client.get(closed.url)["Cache-Control"]


def test_a_comment_is_held_for_moderation_and_the_moderators_are_told(
    client, agency, open_draft, django_capture_on_commit_callbacks
):
    from tests.factories import agency_user

    moderator = agency_user(agency, "moderators")
    agency_user(agency, "editors")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(open_draft.url, comment_data(article="2"))
    assert response.status_code == 303 and response["Location"].endswith("?gop-y=da-gui#gop-y")
    comment = ConsultationComment.objects.get()
    assert comment.status == ConsultationComment.PENDING and comment.article_number == 2
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    assert "Điều 2. Nội dung điều 2" in mail.outbox[0].body and open_draft.title in mail.outbox[0].subject

    thanks = client.get(response["Location"]).content.decode()
    assert "Cảm ơn bạn đã góp ý" in thanks
    assert "Đề nghị bổ sung thời hạn." not in thanks  # not before approval


def test_the_moderators_mail_links_to_the_moderation_screen_from_a_visitors_request(
    agency, open_draft, make_comment
):
    from django.urls import reverse, set_urlconf

    from consultations.notifications import notify_moderators
    from portal_site.urlconf import PUBLIC_URLCONF
    from tests.factories import agency_user

    agency_user(agency, "moderators")
    comment = make_comment(open_draft)
    moderation = f"{reverse('consultation_comments:index')}?consultation={open_draft.pk}&status=cho-duyet"
    # The comment's request is a visitor's, routed without the admin's URLs (portal_site.urlconf).
    set_urlconf(PUBLIC_URLCONF)
    try:
        notify_moderators(comment)
    finally:
        set_urlconf(None)
    assert moderation in mail.outbox[0].body


def test_the_form_posts_with_django_s_csrf_protection_on(open_draft):
    browser = Client(enforce_csrf_checks=True)
    html = browser.get(open_draft.url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert browser.post(open_draft.url, comment_data()).status_code == 403
    assert browser.post(open_draft.url, comment_data(csrfmiddlewaretoken=token)).status_code == 303
    assert ConsultationComment.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"comment": "   "}, "Vui lòng nhập nội dung góp ý."),
        ({"website": "http://spam.example"}, "được điền tự động"),
        ({"email": "khong-phai-email"}, "Địa chỉ thư điện tử không hợp lệ."),
        ({"name": ""}, "Vui lòng nhập họ và tên."),
        ({"article": "99"}, "Dự thảo không có điều đã chọn."),
        ({"article": "abc"}, "Dự thảo không có điều đã chọn."),
        ({"comment": "x" * 5001}, "Nội dung góp ý dài quá 5000 ký tự."),
    ],
)
def test_a_refused_comment_stores_nothing_and_says_why(client, open_draft, overrides, message, mailoutbox):
    response = client.post(open_draft.url, comment_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'name="comment"' in response.content.decode()  # the form again
    assert ConsultationComment.objects.count() == 0 and mailoutbox == []


def test_a_closed_or_upcoming_draft_refuses_comments(client, agency, make_consultation):
    closed = make_consultation(agency, "da-dong", opens=today() - 20 * DAY, closes=today() - DAY)
    response = client.post(closed.url, comment_data())
    assert response.status_code == 400
    assert "đã hết hạn lấy ý kiến" in response.content.decode()
    upcoming = make_consultation(agency, "sap-mo", opens=today() + DAY, closes=today() + 9 * DAY)
    response = client.post(upcoming.url, comment_data())
    assert response.status_code == 400 and "chưa đến thời gian lấy ý kiến" in response.content.decode()
    assert ConsultationComment.objects.count() == 0


def test_the_rate_limit_refuses_a_sixth_comment_within_the_hour(client, open_draft):
    for n in range(5):
        assert client.post(open_draft.url, comment_data(comment=f"Góp ý số {n}")).status_code == 303
    response = client.post(open_draft.url, comment_data(comment="Góp ý số 6"))
    assert response.status_code == 400
    assert "gửi quá nhiều lần" in response.content.decode()
    assert ConsultationComment.objects.count() == 5


def test_approved_comments_are_shown_by_article_without_e_mail(client, open_draft, make_comment):
    make_comment(open_draft, "Ý kiến chung đã duyệt.", ConsultationComment.APPROVED, email="an@example.org")
    make_comment(
        open_draft,
        "Ý kiến điều 3.",
        ConsultationComment.APPROVED,
        article_number=3,
        name="Lê Chí",
        email="chi@example.org",
    )
    make_comment(open_draft, "Ý kiến chờ duyệt.")
    make_comment(open_draft, "Ý kiến bị từ chối.", ConsultationComment.REJECTED)
    html = client.get(open_draft.url).content.decode()
    assert "Ý kiến góp ý (2)" in html
    assert "Ý kiến chung đã duyệt." in html and "Ý kiến điều 3." in html
    assert html.index("Góp ý chung") < html.index("Ý kiến chung đã duyệt.") < html.index("Ý kiến điều 3.")
    assert "Ý kiến chờ duyệt." not in html and "Ý kiến bị từ chối." not in html
    assert "an@example.org" not in html and "chi@example.org" not in html


def test_the_outcome_report_is_shown_with_its_status(client, agency, make_consultation):
    page = make_consultation(
        agency,
        "co-ket-qua",
        opens=today() - 60 * DAY,
        closes=today() - 30 * DAY,
        outcome="<p>Tiếp thu ý kiến về Điều 2.</p>",
    )
    html = client.get(page.url).content.decode()
    assert "Báo cáo tiếp thu, giải trình" in html and "Tiếp thu ý kiến về Điều 2." in html
    assert "Đã có báo cáo tiếp thu" in html


def test_the_home_page_block_lists_open_drafts(client, agency, open_draft, make_consultation):
    make_consultation(
        agency, "da-dong", opens=today() - 20 * DAY, closes=today() - DAY, title="Dự thảo đã đóng"
    )
    html = client.get("/").content.decode()
    block = html.split('id="open-consultations-title"')[1].split("</section>")[0]
    assert "Đang lấy ý kiến" in html and open_draft.title in block and "Dự thảo đã đóng" not in block


def test_the_section_is_in_the_menu_and_the_sitemap(client, open_draft):
    assert 'href="/gop-y-du-thao/"' in client.get("/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/gop-y-du-thao/" in sitemap and open_draft.url in sitemap


def test_search_finds_drafts_by_type_without_their_comments(client, settings, open_draft, make_comment):
    from search.indexing import build_source

    settings.ELASTICSEARCH_URL = None
    make_comment(open_draft, "Nội dung bí mật của người góp ý.", ConsultationComment.APPROVED)
    source = build_source(open_draft.specific)
    assert source["type"] == "consultation" and "Văn bản của điều 2." in source["body"]
    assert "bí mật" not in str(source) and "an@example.org" not in str(source)
    body = client.get("/api/search/", {"q": "trợ giúp pháp lý", "type": "consultation"}).json()
    assert [result["title"] for result in body["results"]] == [open_draft.title]
