"""The front cache follows publishing: a changed news item is purged with every page that shows it."""

import datetime
import urllib.request

from django.test import override_settings

from wagtail.models import PageViewRestriction

import pytest

from tests.front_cache import paths
from tests.services import varnish_in_front


def test_publishing_news_purges_it_and_every_page_that_lists_it(
    agency_news, portal_news, make_news, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_news(agency_news, "Tin mới về hộ tịch")
    assert {
        page.url,
        "/co-quan/so-tu-phap/tin-tuc/",
        "/co-quan/so-tu-phap/",
        "/co-quan/",
        "/tin-tuc/",
        "/tin-tuc/rss/",
        "/tin-tuc/atom/",
        "/co-quan/so-tu-phap/tin-tuc/rss/",
        "/co-quan/xuat/csv/",
        "/thu-tuc-hanh-chinh/",
        "/",
    } <= paths(purged)


def test_nothing_is_purged_before_the_transaction_commits(agency_news, make_news, purged):
    # Without commit (the test's transaction is rolled back), a purge would let a request in
    # between cache the old page again; so nothing is sent yet.
    make_news(agency_news, "Tin chưa được lưu hẳn")
    assert purged == []


def test_unpublishing_purges_the_page(agency_news, make_news, purged, django_capture_on_commit_callbacks):
    page = make_news(agency_news, "Tin sẽ gỡ")
    url = page.url
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert {url, "/tin-tuc/", "/"} <= paths(purged)


def test_moving_a_page_purges_its_old_and_new_places(
    agency_news, portal_news, make_news, purged, django_capture_on_commit_callbacks
):
    page = make_news(agency_news, "Tin chuyển mục")
    old_url = page.url
    with django_capture_on_commit_callbacks(execute=True):
        page.move(portal_news, pos="last-child")
    page.refresh_from_db()
    assert page.url != old_url
    assert {old_url, page.url, "/co-quan/so-tu-phap/tin-tuc/", "/tin-tuc/"} <= paths(purged)


def test_a_moved_page_still_redirects_from_its_old_address_with_the_front_cache_on(
    agency_news, portal_news, make_news, purged, client, django_capture_on_commit_callbacks
):
    # The purge hooks read the old addresses without touching the page that the other move
    # receivers (Wagtail's redirects among them) are given.
    page = make_news(agency_news, "Tin chuyển sang cổng")
    old_url = page.url
    with django_capture_on_commit_callbacks(execute=True):
        page.move(portal_news, pos="last-child")
    page.refresh_from_db()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(page.url)
    assert client.get(page.url).status_code == 200


def test_a_new_slug_purges_the_old_address(
    agency_news, make_news, purged, django_capture_on_commit_callbacks
):
    page = make_news(agency_news, "Tin đổi địa chỉ")
    old_url = page.url
    page.slug = "tin-doi-dia-chi"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert {old_url, "/co-quan/so-tu-phap/tin-tuc/tin-doi-dia-chi/"} <= paths(purged)


def test_restricting_a_page_purges_its_public_copy_and_its_children(
    agency, agency_news, make_news, purged, django_capture_on_commit_callbacks
):
    page = make_news(agency_news, "Tin nội bộ")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=agency_news, restriction_type="login")
    assert {"/co-quan/so-tu-phap/tin-tuc/", page.url} <= paths(purged)


def fetch(port, path, headers=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": "localhost", **(headers or {})}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
        return response.status, dict(response.headers), response.read().decode()


# Transactional (the live server reads committed data); restore the migrations' site and home after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_published_change_shows_through_varnish_at_once(live_server, agency_news, make_news):
    page = make_news(agency_news, "Lịch tiếp công dân tháng 12", date=datetime.date(2026, 12, 1))
    backend_port = int(live_server.url.rsplit(":", 1)[1])
    with varnish_in_front(backend_port) as port:
        with override_settings(
            WAGTAILFRONTENDCACHE={
                "varnish": {
                    "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                    "LOCATION": f"http://127.0.0.1:{port}",
                }
            }
        ):
            status, headers, body = fetch(port, page.url)
            assert status == 200 and "Lịch tiếp công dân tháng 12" in body
            assert "s-maxage=" in headers["Cache-Control"]
            _, listing_headers, listing = fetch(port, "/tin-tuc/")
            assert "Lịch tiếp công dân tháng 12" in listing
            # Repeats come from Varnish, without Django.
            _, again, _ = fetch(port, page.url)
            assert again["X-Cache"] == "HIT"

            page.title = "Lịch tiếp công dân tháng 12 (đã điều chỉnh)"
            page.save_revision().publish()

            _, headers, body = fetch(port, page.url)
            assert "(đã điều chỉnh)" in body and headers["X-Cache"] == "MISS"
            _, _, listing = fetch(port, "/tin-tuc/")
            assert "(đã điều chỉnh)" in listing


# Transactional (the live server reads committed data); restore the migrations' site and home after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_logged_in_editors_are_never_served_from_varnish(live_server, agency_news, make_news, client):
    page = make_news(agency_news, "Tin cho biên tập viên")
    backend_port = int(live_server.url.rsplit(":", 1)[1])
    with varnish_in_front(backend_port) as port:
        fetch(port, page.url)
        _, headers, _ = fetch(port, page.url, headers={"Cookie": "sessionid=abc; csrftoken=x"})
        assert headers["X-Cache"] == "MISS"
        _, headers, _ = fetch(port, "/admin/login/")
        _, headers, _ = fetch(port, "/admin/login/")
        assert headers["X-Cache"] == "MISS"


def test_publishing_works_while_varnish_is_down(
    agency_news, make_news, client, django_capture_on_commit_callbacks, caplog
):
    unreachable = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:1",  # nothing listens on port 1
        }
    }
    with (
        override_settings(WAGTAILFRONTENDCACHE=unreachable),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page = make_news(agency_news, "Tin đăng khi bộ đệm tạm ngừng")
    assert client.get(page.url).status_code == 200
    assert any("Couldn't purge" in record.getMessage() for record in caplog.records)
