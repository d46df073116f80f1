"""Cached fragments (portal_site.fragments): what visitors see changes on the next request after a
publish, an unpublish, a move, a deletion, a privacy change or a settings save; a broken cache
never breaks a page."""

import logging
import time

from wagtail.models import PageViewRestriction

import pytest

from home.models import PortalSettings
from portal_site import fragments
from tests.factories import StandardPageFactory


def menu_html(client, url="/"):
    html = client.get(url).content.decode()
    start = html.index('aria-label="Menu chính"')
    return html[start : html.index("</nav>", start)]


def footer_html(client, url="/"):
    html = client.get(url).content.decode()
    return html[html.index('<footer class="site-footer"') :]


@pytest.fixture
def menu_page(home):
    def make(title, slug, parent=None):
        return StandardPageFactory(parent=parent or home, title=title, slug=slug, show_in_menus=True)

    return make


def test_menu_shows_a_published_page_at_once_and_drops_it_when_unpublished(
    client, portal_sections, menu_page
):
    assert "Thông báo" not in menu_html(client)  # the menu is cached now
    page = menu_page("Thông báo", "thong-bao")
    assert 'href="/thong-bao/"' in menu_html(client)
    page.unpublish()
    assert "Thông báo" not in menu_html(client)


def test_menu_follows_a_new_title_a_move_and_a_deletion(client, portal_sections, menu_page, home):
    page = menu_page("Thông báo", "thong-bao")
    assert "Thông báo" in menu_html(client)
    page.title = "Thông báo trực tuyến"
    page.save_revision().publish()
    assert "Thông báo trực tuyến" in menu_html(client)

    holder = menu_page("Giới thiệu", "gioi-thieu")
    page.move(holder, pos="last-child")
    assert "Thông báo trực tuyến" not in menu_html(client)

    holder.delete()
    assert "Giới thiệu" not in menu_html(client)


def test_a_page_made_private_leaves_the_menu_at_once(client, portal_sections, menu_page):
    page = menu_page("Nội bộ", "noi-bo")
    assert "Nội bộ" in menu_html(client)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert "Nội bộ" not in menu_html(client)
    assert client.get("/noi-bo/").status_code == 302  # and the page itself asks for a login


def test_the_current_page_is_marked_in_the_cached_menu(client, portal_sections, menu_page):
    menu_page("Thông báo", "thong-bao")
    assert 'href="/thong-bao/" aria-current="page"' in menu_html(client, "/thong-bao/")
    assert 'href="/thong-bao/" aria-current' not in menu_html(client, "/")


def test_footer_and_title_show_the_saved_settings_on_the_next_request(client, portal_sections):
    assert "0273 3999 999" not in footer_html(client)
    portal = PortalSettings.load()
    portal.phone = "0273 3999 999"
    portal.portal_name = "Cổng thông tin điện tử tỉnh Đồng Tháp"
    portal.save()
    assert "Điện thoại: 0273 3999 999" in footer_html(client)
    assert "– Cổng thông tin điện tử tỉnh Đồng Tháp</title>" in client.get("/co-quan/").content.decode()


def test_breadcrumbs_follow_a_renamed_section(client, portal_sections, menu_page):
    section = menu_page("Thông báo", "thong-bao")
    child = menu_page("Câu hỏi thường gặp", "cau-hoi", parent=section)
    assert ">Thông báo</a>" in client.get(child.url).content.decode()
    section.title = "Hỏi – đáp"
    section.save_revision().publish()
    assert ">Hỏi – đáp</a>" in client.get(child.url).content.decode()


class BrokenCache:
    """A cache whose server is down: every call fails, as django-redis raises without IGNORE_EXCEPTIONS."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("Redis is down")

        return fail


def test_pages_are_served_when_the_cache_fails_and_the_error_is_logged(
    client, portal_sections, menu_page, monkeypatch, caplog
):
    menu_page("Thông báo", "thong-bao")
    monkeypatch.setattr(fragments, "cache", BrokenCache())
    with caplog.at_level(logging.ERROR, logger="portal.fragments"):
        response = client.get("/")
        page = menu_page("Đường dây nóng", "duong-day-nong")  # publishing still works
    assert response.status_code == 200
    assert 'href="/thong-bao/"' in menu_html(client)
    assert "Đường dây nóng" in menu_html(client)
    assert page.live
    assert "Fragment cache unavailable" in caplog.text


def test_the_site_is_looked_up_once_per_host_and_a_new_hostname_is_served_at_once(
    client, portal_sections, home
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail.models import Site

    def site_queries(host):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/tim-kiem/", HTTP_HOST=host).status_code == 200
        return [query for query in queries if 'FROM "wagtailcore_site"' in query["sql"]]

    assert site_queries("localhost")  # looked up, then kept
    assert site_queries("localhost") == []
    agency = StandardPageFactory(parent=home, title="Sở Du lịch", slug="so-du-lich")
    Site.objects.create(hostname="dulich.tiengiang.gov.vn", port=80, root_page=agency)
    # The new site row made the cached answers stale: its hostname finds its own root.
    response = client.get("/", HTTP_HOST="dulich.tiengiang.gov.vn")
    assert "Sở Du lịch" in response.content.decode()


def test_the_process_copy_hands_out_separate_values_and_follows_the_generation(db):
    built = []

    def build():
        built.append(1)
        return {"items": ["Tin 1"]}

    first = fragments.get_or_build("probe", (1,), build)
    first["items"].append("changed by a caller")
    assert fragments.get_or_build("probe", (1,), build) == {"items": ["Tin 1"]}
    assert len(built) == 1
    fragments.invalidate()
    assert fragments.get_or_build("probe", (1,), build) == {"items": ["Tin 1"]}
    assert len(built) == 2  # a new generation: built again, not read from the process's copy


def test_the_process_copy_keeps_within_its_bytes_and_drops_the_least_recently_used():
    copy = fragments.LocalFragments(size=4000)
    expires = time.time() + 60
    for number in range(12):  # some 400 bytes each
        copy.set(f"key-{number}", 1, (f"trang {number:02} " * 40, expires))
        copy.get("key-0", 1)  # read each time: the most recently used
    assert copy.used <= 4000
    assert copy.get("key-0", 1) == ("trang 00 " * 40, expires)
    assert copy.get("key-1", 1) is None  # the oldest unread ones went first
    assert copy.get("key-11", 1) is not None
    copy.set("huge", 1, ("x" * 600, expires))  # more than an eighth of the whole: not kept
    assert copy.get("huge", 1) is None and copy.get("key-11", 1) is not None


def test_a_fragment_whose_one_value_is_none_is_rendered_afresh_each_time(db):
    from django.template import Context, Template

    template = Template('{% load portal_tags %}{% fragment "probe-tag" parts %}{{ shown }}{% endfragment %}')

    def render(parts, shown):
        return template.render(Context({"parts": parts, "shown": shown}))

    assert render(("liệt kê", 1), "lần đầu") == "lần đầu"
    assert render(("liệt kê", 1), "lần sau") == "lần đầu"  # kept
    assert render(None, "lần đầu") == "lần đầu"
    assert render(None, "lần sau") == "lần sau"  # not kept
