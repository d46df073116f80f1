"""Fixtures for the security tests: an editor account that signs in to the Wagtail admin."""

from django.contrib.auth import get_user_model

import pytest

from .demo import demo_portal  # noqa: F401 (a fixture)

EDITOR_PASSWORD = "Bien-tap-2026!"  # noqa: S105 (test account)


@pytest.fixture
def editor(db):
    """A superuser, so that a successful sign-in lands on the admin's dashboard."""
    return get_user_model().objects.create_superuser("bientap", "bientap@tiengiang.gov.vn", EDITOR_PASSWORD)
