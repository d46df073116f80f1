"""Scheduled publishing with go_live_at / expire_at and Wagtail's publish_scheduled command."""

import datetime
from unittest import mock

from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

import pytest

from news.models import NewsPage
from tests.factories import NewsPageFactory


def home_tag_html():
    request = RequestFactory().get("/")
    return Template("{% load news_tags %}{% latest_news 6 %}").render(Context({"request": request}))


def everywhere(client, portal_news, agency_news):
    """What citizens see: both lists, both feeds, the home page block."""
    return [
        client.get(portal_news.url).content.decode(),
        client.get(agency_news.url).content.decode(),
        client.get(portal_news.url + "rss/").content.decode(),
        client.get(agency_news.url + "atom/").content.decode(),
        home_tag_html(),
    ]


@pytest.fixture
def scheduled(agency_news):
    """A news item approved for publication in one hour."""
    return NewsPageFactory(
        parent=agency_news,
        title="Thông báo lịch tiếp công dân tháng 7",
        summary="Lịch tiếp công dân định kỳ của lãnh đạo Sở.",
        date=datetime.date(2025, 7, 1),
        go_live_at=timezone.now() + datetime.timedelta(hours=1),
        live=False,  # publishing a future go_live_at only schedules it
    )


def test_scheduled_news_waits_for_its_time(client, scheduled, portal_news, agency_news):
    page = NewsPage.objects.get(pk=scheduled.pk)
    assert not page.live
    assert all(scheduled.title not in html for html in everywhere(client, portal_news, agency_news))

    call_command("publish_scheduled")  # too early: nothing happens
    assert not NewsPage.objects.get(pk=scheduled.pk).live

    # Two hours later, the scheduler (cron) runs again.
    later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    assert NewsPage.objects.get(pk=scheduled.pk).live
    assert all(scheduled.title in html for html in everywhere(client, portal_news, agency_news))


def test_expired_news_disappears(client, agency_news, portal_news, make_news):
    now = timezone.now()
    keep = make_news(agency_news, "Tin còn hiệu lực", expire_at=now + datetime.timedelta(days=1))
    gone = make_news(
        agency_news, "Thông báo tuyển dụng đã hết hạn", expire_at=now + datetime.timedelta(hours=1)
    )
    assert all(gone.title in html for html in everywhere(client, portal_news, agency_news))

    later = now + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        # Hidden at once once its time has passed, from the cached lists too, even before the
        # scheduler has run ...
        pages = everywhere(client, portal_news, agency_news)
        assert all(gone.title not in html for html in pages)
        assert all(keep.title in html for html in pages)

        # ... and unpublished when it does.
        call_command("publish_scheduled")
    expired = NewsPage.objects.get(pk=gone.pk)
    assert not expired.live and expired.expired
    assert client.get(expired.url_path.removeprefix("/home")).status_code == 404
    assert NewsPage.objects.get(pk=keep.pk).live
