"""Routing from the fragment cache (home.models.DirectRoutingMixin): a page's URL costs no query for
a visitor once it has been served, and what editors change about the page applies on the next
request all the same."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import StandardPageFactory


def routing_queries(client, url):
    """The queries that read the page or its view restrictions while serving `url`."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    tables = ('FROM "wagtailcore_page"', 'FROM "wagtailcore_pageviewrestriction"', 'FROM "home_standardpage"')
    return response, [query["sql"] for query in queries if any(table in query["sql"] for table in tables)]


@pytest.fixture
def page(agency):
    return StandardPageFactory(parent=agency, title="Giới thiệu chung", slug="gioi-thieu-chung")


def test_a_visitor_is_routed_to_a_page_without_a_query_once_it_has_been_served(client, page):
    first, queries = routing_queries(client, page.url)
    assert first.status_code == 200
    assert queries  # found in the database, then kept
    again, queries = routing_queries(client, page.url)
    assert again.status_code == 200
    assert queries == []
    assert "Giới thiệu chung" in again.content.decode()


def test_a_restriction_added_to_a_served_page_applies_on_the_next_request(client, page, agency):
    assert client.get(page.url).status_code == 200
    restriction = PageViewRestriction.objects.create(page=agency, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    restriction.delete()
    assert client.get(page.url).status_code == 200


def test_a_moved_or_unpublished_page_leaves_its_old_url_at_once(client, page, agency, home):
    old_url = page.url
    assert client.get(old_url).status_code == 200
    page.move(home, pos="last-child")
    page.refresh_from_db()
    moved = client.get(old_url)
    assert moved.status_code == 301  # the redirect made on the move, not the cached page
    assert moved["Location"] == page.url
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_signed_in_editors_are_routed_from_the_database(admin_client, page):
    assert admin_client.get(page.url).status_code == 200
    response, queries = routing_queries(admin_client, page.url)
    assert response.status_code == 200
    assert queries


def test_a_restriction_on_the_home_page_applies_on_the_next_request(client, home):
    assert client.get("/").status_code == 200
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/").status_code == 302
