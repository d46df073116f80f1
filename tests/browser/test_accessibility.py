"""Accessibility in Chromium: axe-core finds nothing on any page type, at desktop and phone widths;
the skip link, a visible focus ring on everything the keyboard reaches, and errors announced."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE
from .pages import OTHER_VIEWS, example_page, page_models, tag_listing_path

AXE = Axe()
STATUS = {"search-error": 400, "not-found": 404}
# axe at the phone width too where the layout changes most (the collapsed menu, wide tables);
# every page type is still checked for sideways scrolling there. axe takes seconds per page.
AXE_ON_PHONES = {"home.HomePage", "procedures.ProcedurePage", "home.AgencyPage", "search-results"}


def path_of(name):
    if name == "news-tag-listing":
        return tag_listing_path()
    if name in dict(OTHER_VIEWS):
        return dict(OTHER_VIEWS)[name]
    page = example_page(name)
    return page.get_url() if page else None


def axe_findings(page):
    results = AXE.run(page)
    return "" if results.violations_count == 0 else f"{page.url}\n{results.generate_report()}"


@pytest.mark.parametrize("name", [*page_models(), "news-tag-listing", *dict(OTHER_VIEWS)])
def test_axe_finds_no_violation_of_any_impact(page, portal, name):
    """Every page model counts: a new section's pages are checked once its demo content has one."""
    path = path_of(name)
    if path is None:
        # Shown in the run's summary (-rs): a section whose demo content lacks this page type yet.
        pytest.skip(f"not checked: the demo content (load_demo) has no live public {name}")
    findings = []
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        response = page.goto(portal + path)
        assert response.status == STATUS.get(name, 200), f"{path}: {response.status}"
        if viewport is DESKTOP or name in AXE_ON_PHONES:
            findings.append(axe_findings(page))
        if viewport is PHONE:
            width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], f"{path} scrolls sideways at 360 px: {width[0]} px wide"
    assert not any(findings), "\n".join(findings)


FOCUS_RING = """element => {
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return outline || (style.boxShadow && style.boxShadow !== "none");
}"""
DESCRIBE = """element => (element.id ? "#" + element.id : element.tagName.toLowerCase()) + " " +
  (element.getAttribute("aria-label") || element.textContent || element.value || "").trim().slice(0, 40)"""


def tab(page):
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    return focused, focused.evaluate(DESCRIBE)


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(page, visit):
    visit("/tin-tuc/")
    focused, described = tab(page)
    expect(focused).to_have_class("skip-link")
    expect(focused).to_be_in_viewport()
    assert focused.evaluate(FOCUS_RING), f"no visible focus on {described}"
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_id("main")
    # The next Tab continues inside the content, not back in the header.
    focused, described = tab(page)
    assert focused.evaluate("element => !!element.closest('main')"), described


def test_a_keyboard_only_visitor_gets_through_the_header_menu_and_search(page, visit):
    visit("/")
    seen = []
    search_box = menu_link = None
    for _ in range(40):
        focused, described = tab(page)
        seen.append(described)
        assert focused.evaluate(FOCUS_RING), f"no visible focus ring on {described} (after {seen})"
        if focused.evaluate("element => element.id === 'site-search'"):
            search_box = len(seen)
        if focused.evaluate("element => !!element.closest('.main-nav') && element.tagName === 'A'"):
            menu_link = focused.get_attribute("href")
            break
    assert search_box, f"the header search box is not reachable by Tab: {seen}"
    assert menu_link, f"no main-menu link reachable by Tab: {seen}"

    page.keyboard.press("Enter")
    expect(page).to_have_url(visit.portal + menu_link)

    # Back to the header's search box by keyboard, a query, Enter: the results.
    for _ in range(search_box):
        focused, described = tab(page)
    expect(focused).to_have_id("site-search")
    page.keyboard.type("khai sinh")
    page.keyboard.press("Enter")
    # The result count is a live region (the type-ahead's own status regions are empty now).
    expect(page.get_by_role("status").filter(has_text="kết quả")).to_contain_text("kết quả cho “khai sinh”")


def test_search_form_errors_are_announced(page, visit):
    visit("/tim-kiem/?q=khai+sinh&level=9", status=400)
    error = page.get_by_role("alert")
    expect(error).to_have_text("Mức độ phải là số từ 1 đến 4.")
    # role=alert is an assertive live region: screen readers read it out when it appears.
    live = error.evaluate("element => element.getAttribute('aria-live') || element.getAttribute('role')")
    assert live in ("alert", "assertive", "polite")


def test_a_question_form_sent_incomplete_announces_its_errors(page, visit):
    visit("/hoi-dap/gui-cau-hoi/")
    form = page.locator("main form[method=post]").first
    # The server's own messages, past the browser's checks of required fields.
    form.evaluate("form => { form.noValidate = true; }")
    form.locator("button[type=submit], input[type=submit]").first.click()
    expect(page.get_by_role("alert").first).to_contain_text("Câu hỏi chưa được gửi")
