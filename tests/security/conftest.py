"""Fixtures for the security tests: an editor account that signs in to the Wagtail admin."""

from django.contrib.auth import get_user_model

import pytest

EDITOR_PASSWORD = "Bien-tap-2026!"  # noqa: S105 (test account)


@pytest.fixture
def editor(db):
    """A superuser, so that a successful sign-in lands on the admin's dashboard."""
    return get_user_model().objects.create_superuser("bientap", "bientap@tiengiang.gov.vn", EDITOR_PASSWORD)


@pytest.fixture(scope="module")
def demo_portal(django_db_setup, django_db_blocker):
    """The demo content (every page type the apps register), committed once for a module and
    removed at its end, the way tests/browser does it: loading it takes seconds, too long per test."""
    import os

    from django.core.management import call_command
    from django.db import connection

    with django_db_blocker.unblock():
        fresh_state = connection.creation.serialize_db_to_string()
        with open(os.devnull, "w") as devnull:
            call_command("load_demo", stdout=devnull, stderr=devnull)
        try:
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(fresh_state)
