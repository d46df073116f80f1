"""The demo content (every page type and public form the apps register), committed once for a
module and removed at its end, the way tests/browser does it: loading it takes seconds, too long
for each test. Import `demo_portal` into a test module or conftest to use it."""

import os

from django.core.management import call_command
from django.db import connection

import pytest


@pytest.fixture(scope="module")
def demo_portal(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        fresh_state = connection.creation.serialize_db_to_string()
        # A transactional test before this one may have restored rows with their ids, behind the
        # sequences' backs (PostgreSQL): the demo's pages would then collide with them.
        _reset_sequences()
        with open(os.devnull, "w") as devnull:
            call_command("load_demo", stdout=devnull, stderr=devnull)
        try:
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(fresh_state)
            _reset_sequences()


def _reset_sequences():
    """Every table's id sequence past its largest id (nothing to do on SQLite)."""
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def one_url_per_page_type():
    """{page model name: URL} of the first live, public page of each page model, in tree order."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Page

    urls = {}
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path"):
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        if model is not None and model.__name__ not in urls:
            urls[model.__name__] = page.url
    return urls
