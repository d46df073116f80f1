"""Fixtures shared by every app's tests: the portal's home page, sections and agencies."""

import os
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

import pytest

from home.agencies import setup_agency
from home.structure import ensure_portal_sections, home_page
from tests.front_cache import RECORDER, RecordingBackend
from tests.services import missing


def pytest_configure(config):
    """Under pytest-xdist each worker indexes under a prefix of its own, so that one worker's
    pages never show up in (or vanish from) another's searches."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        settings.ELASTICSEARCH_INDEX_PREFIX = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{worker}"


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    return transactional or "transactional_db" in fixtures or "live_server" in fixtures


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Put the serialized migrated state on the database wrapper's class, not only on the
    connection that pytest-django made. Django's connections are context-local (asgiref): once
    Playwright's sync API has started, in any test and even halfway through one (its greenlets
    carry their own context), the ORM gets new connection objects, and a serialized-rollback
    test would then neither restore the state at its start nor keep post_migrate from running
    after its flush. The portal has one database, so one class attribute serves every object."""
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents:
            type(connections[alias])._test_serialized_contents = contents


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying the database. Django runs those tests last, but
    pytest-xdist hands each worker whole files, so an ordinary test (which expects what the
    migrations made: the site, the home page, the groups) may come next: restore that content."""
    yield
    if nextitem is None or not _is_transactional(item) or _is_transactional(nextitem):
        return
    from django.db import connections

    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))
# Once a test starts Playwright's sync API, its event loop runs in the main thread for the rest of
# the session, where the tests also use the ORM; Django would refuse that as "async-unsafe"
# although nothing runs concurrently there. (Subprocesses the tests start drop it again.)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's one browser for the run is Debian's Chromium (nothing downloads one)."""
    if not CHROMIUM.exists():
        missing(f"no Chromium at {CHROMIUM} (scripts/system-packages.sh browser installs it)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM)}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: the database is rolled back between tests, so
    fragments cached by one (portal_site.fragments) must not show up in the next."""
    cache.clear()


@pytest.fixture
def purged():
    """The URLs the front cache is asked to purge during the test, as a list that fills as it runs
    (tests.front_cache.RecordingBackend is the only backend)."""
    RecordingBackend.purged = []
    with override_settings(WAGTAILFRONTENDCACHE=RECORDER):
        yield RecordingBackend.purged


@pytest.fixture
def home(db):
    return home_page()


@pytest.fixture
def portal_sections(home):
    """{slug: page} for the portal-wide news, procedure and agency sections."""
    return ensure_portal_sections()


@pytest.fixture
def make_agency(portal_sections):
    """make_agency("so-tu-phap", "Sở Tư pháp", parent=None, **fields) -> AgencyPage (published)."""

    def make(slug, name, parent=None, **fields):
        page, _ = setup_agency(slug=slug, name=name, parent=parent, **fields)
        return page

    return make


@pytest.fixture
def agency(make_agency):
    return make_agency(
        "so-tu-phap", "Sở Tư pháp", email="stp@tiengiang.gov.vn", phone="0273 3872 395", address="Mỹ Tho"
    )


@pytest.fixture
def agency_a(make_agency):
    """agency_a and agency_b: two agencies (with no contact details), for what one may and may not
    do to the other's pages and records."""
    return make_agency("so-tu-phap", "Sở Tư pháp")


@pytest.fixture
def agency_b(make_agency):
    return make_agency("so-y-te", "Sở Y tế")
