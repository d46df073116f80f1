"""The two policies in a real browser (Debian's Chromium through Playwright): a public page and
the Wagtail page editor report no Content-Security-Policy violation, and an edit saved through
the editor reaches the database. Skipped where Playwright or Chromium is not installed."""

import pytest

from tests.factories import StandardPageFactory

from .conftest import EDITOR_PASSWORD


@pytest.fixture
def tab(browser):
    """A page in pytest-playwright's one browser (tests/conftest.py launches Debian's Chromium):
    a second sync_playwright() beside it would fail, its event loop already runs in this thread."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_editor_works_under_the_admin_policy_and_public_pages_under_the_strict_one(
    tab, live_server, home, editor
):
    page_model = StandardPageFactory(
        parent=home, title="Giới thiệu", slug="gioi-thieu", intro="Tiền Giang nằm bên sông Tiền."
    )

    violations = []
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

    assert violations == []
    page_model.refresh_from_db()
    assert page_model.get_latest_revision().as_object().title == "Giới thiệu chung"
