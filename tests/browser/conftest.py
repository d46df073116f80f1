"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

One browser (pytest-playwright's session-scoped `browser`) and one server with one data set, the
demo content, for the whole package. pytest-django's `live_server` fixture is not used: it makes
every test that reaches it transactional, which empties the database after each test, so the
demo content would be loaded again for every test (about 25 s each). Instead the demo content is
committed once into the test database, and at the end of the package the database is emptied and
given back the state it had after the migrations, as Django's TransactionTestCase with
serialized_rollback does, so that the tests after these see a fresh database.

Tests that change data (the editor's journey) change it for the tests after them too: they work
on items no other test reads.
"""

import os
import uuid

from django.conf import settings
from django.core.management import call_command
from django.db import connection

import pytest

# Nothing here downloads a browser: Debian's chromium (scripts/system-packages.sh browser).
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP, "locale": "vi-VN"}


@pytest.fixture(scope="package")
def portal(django_db_setup, django_db_blocker):
    """The live server's base URL, serving the demo content (and its search index, where an
    engine is configured) from the test database."""
    from pytest_django.live_server_helper import LiveServer

    from search.engine import configured_urls, get_engine

    prefix = settings.ELASTICSEARCH_INDEX_PREFIX
    settings.ELASTICSEARCH_INDEX_PREFIX = f"{prefix}-browser-{uuid.uuid4().hex[:8]}"
    with django_db_blocker.unblock():
        fresh_state = connection.creation.serialize_db_to_string()
        # Loaded without the engine (there is no index yet to update page by page), then indexed.
        engine_urls, settings.ELASTICSEARCH_URL = settings.ELASTICSEARCH_URL, ""
        call_command("load_demo", stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))  # noqa: SIM115
        settings.ELASTICSEARCH_URL = engine_urls
        if configured_urls():
            call_command("rebuild_search_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
        server = LiveServer("localhost:0")
        try:
            yield server.url
        finally:
            server.stop()
            if connection.vendor == "postgresql":
                # A request thread's connection can outlive the server; pytest-django could not
                # drop the test database at the end of the run while it is open.
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
            engine = get_engine()
            if engine is not None:
                for name in engine.own_indices():
                    engine.delete_index(name)
            settings.ELASTICSEARCH_INDEX_PREFIX = prefix
            # As TransactionTestCase does: the sequences go on, so that the ids the fresh state
            # brings back are not handed out again to the next test's new rows.
            call_command(
                "flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False
            )
            connection.creation.deserialize_db_from_string(fresh_state)


@pytest.fixture(scope="session")
def base_url():
    """Pages are opened with `visit` (the server starts with the package). This also replaces
    pytest-playwright's own base_url fixture, which pytest 9 warns about."""
    return None


@pytest.fixture(autouse=True)
def _database_for_the_server(portal, db):
    """Database access while a test runs, for the server thread as for the test (and `db` in every
    test's fixtures is what makes pytest-django create the test database at all). The test's own
    transaction is rolled back; what the server's requests write is committed."""


@pytest.fixture
def visit(page, portal):
    """visit("/tin-tuc/") -> the response; fails on an error status unless `status` says it."""

    def go(path, status=200):
        response = page.goto(portal + path)
        assert response.status == status, f"{path}: {response.status}"
        return response

    go.portal = portal
    return go
