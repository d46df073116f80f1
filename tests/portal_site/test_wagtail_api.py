"""Wagtail's v3 REST API stays out of the portal's start-up (portal_site/wagtail_api.py), and the
admin still works without it."""

import subprocess
import sys

from django.conf import settings

import pytest

LOADED = """
import sys, django
django.setup()
print(",".join(sorted({"ninja", "pydantic", "rest_framework"} & {m.split(".")[0] for m in sys.modules})))
"""


def test_setting_up_the_portal_loads_neither_django_ninja_nor_django_rest_framework():
    answer = subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "-c", LOADED],
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE, "PYTHONPATH": str(settings.BASE_DIR)},
        timeout=120,
    )
    assert answer.stdout.strip() == ""


@pytest.mark.parametrize(
    "url", ["/admin/images/", "/admin/documents/", "/admin/redirects/", "/admin/snippets/search/synonym/"]
)
def test_the_admin_screens_whose_apps_register_the_apis_still_open(admin_client, url):
    assert admin_client.get(url).status_code == 200
