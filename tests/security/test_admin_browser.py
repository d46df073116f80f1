"""The two policies in a real browser (Debian's Chromium through Playwright): a public page and
the Wagtail page editor report no Content-Security-Policy violation, and an edit saved through
the editor reaches the database. Skipped where Playwright or Chromium is not installed."""

import os
from pathlib import Path

import pytest

from home.models import StandardPage

from .conftest import EDITOR_PASSWORD

CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture
def sync_playwright(monkeypatch):
    playwright = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread, where the test also reads the ORM.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return playwright.sync_playwright


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_editor_works_under_the_admin_policy_and_public_pages_under_the_strict_one(
    sync_playwright, live_server, home, editor
):
    page_model = StandardPage(title="Giới thiệu", slug="gioi-thieu", intro="Tiền Giang nằm bên sông Tiền.")
    home.add_child(instance=page_model)
    page_model.save_revision().publish()

    violations = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            tab = browser.new_page()
            tab.on(
                "console",
                lambda message: (
                    violations.append(f"{tab.url}: {message.text}")
                    if "Content Security Policy" in message.text
                    else None
                ),
            )
            tab.goto(f"{live_server.url}/gioi-thieu/")
            assert tab.locator("h1").inner_text() == "Giới thiệu"

            tab.goto(f"{live_server.url}/admin/login/")
            tab.fill("#id_username", "bientap")
            tab.fill("#id_password", EDITOR_PASSWORD)
            tab.click("button[type=submit]")
            tab.wait_for_url(f"{live_server.url}/admin/")

            tab.goto(f"{live_server.url}/admin/pages/{page_model.pk}/edit/")
            tab.fill("#id_title", "Giới thiệu chung")
            tab.locator("form#page-edit-form button[type=submit]").first.click()
            tab.wait_for_selector(".messages .success", timeout=15000)
            tab.goto(f"{live_server.url}/admin/images/")
        finally:
            browser.close()

    assert violations == []
    page_model.refresh_from_db()
    assert page_model.get_latest_revision().as_object().title == "Giới thiệu chung"
