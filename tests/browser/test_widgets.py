"""The header's and the search page's widgets in Chromium (issue 15 parts 3, 4, 5, 7): the
type-ahead combobox, the collapsing menu, the reading preferences, the search page's layout."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE


def no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def no_horizontal_scroll(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{page.url}: {widths[0]} px wide in a {widths[1]} px window"


@pytest.fixture
def suggest_requests(page):
    """The type-ahead's requests to the suggestions API, as they are sent."""
    sent = []
    page.on("request", lambda request: "/api/search/suggest/" in request.url and sent.append(request.url))
    return sent


def test_typeahead_is_a_combobox_driven_by_the_keyboard(page, visit, suggest_requests):
    visit("/")
    box = page.locator("#hero-search")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    expect(listbox).to_have_attribute("role", "listbox")

    box.press_sequentially("dang ky khai", delay=30)
    options = listbox.get_by_role("option")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    # Debounced: one request for the word typed, not one per keystroke.
    assert len(suggest_requests) == 1, suggest_requests
    no_axe_violations(page)

    box.press("ArrowDown")
    first = options.nth(0)
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    if options.count() > 1:
        box.press("ArrowDown")
        expect(options.nth(1)).to_have_attribute("aria-selected", "true")
        box.press("ArrowUp")
    expect(first).to_have_attribute("aria-selected", "true")

    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".+"))
    expect(box).to_have_value("dang ky khai")

    box.press("ArrowDown")
    box.press("ArrowDown")
    title = first.locator(".suggestions__title").inner_text()
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_typeahead_enter_without_a_chosen_option_submits_the_search(page, visit):
    visit("/tin-tuc/")
    box = page.locator("#site-search")
    box.fill("khai sinh")
    expect(page.locator(f"#{box.get_attribute('aria-controls')} [role=option]").first).to_be_visible()
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=khai\+sinh$"))


def test_typeahead_drops_a_stale_answer(page, visit):
    """The answer to an earlier, slower request must not replace the newer one's list."""
    visit("/")
    slow = {"done": False}

    def route(route):
        if "q=khai" in route.request.url and "sinh" not in route.request.url and not slow["done"]:
            slow["done"] = True
            page.wait_for_timeout(600)  # the older request answers last, if at all
        route.continue_()

    page.route("**/api/search/suggest/**", route)
    box = page.locator("#hero-search")
    box.fill("khai")
    page.wait_for_timeout(250)
    box.fill("dang ky khai sinh")
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    expect(listbox.get_by_role("option").first).to_contain_text("khai sinh", ignore_case=True)
    page.wait_for_timeout(700)
    for text in listbox.get_by_role("option").all_inner_texts():
        assert "sinh" in text.lower()


def test_search_page_puts_the_facets_beside_the_results_on_a_wide_screen(page, visit):
    visit("/tim-kiem/?q=khai+sinh")
    aside = page.locator("aside.search-layout__filters").bounding_box()
    results = page.locator(".search-layout__results").bounding_box()
    assert aside["x"] + aside["width"] <= results["x"]
    assert abs(aside["y"] - results["y"]) < 40
    page.get_by_role("complementary", name="Lọc kết quả").get_by_role("link").first.click()
    chip = page.locator("a.chip").first
    expect(chip).to_be_visible()
    no_axe_violations(page)
    chip.click()
    expect(page.locator("a.chip")).to_have_count(0)


def test_page_size_choice_works_without_javascript(browser, portal):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(portal + "/tim-kiem/?q=thu+tuc")
    page.get_by_label("Số kết quả mỗi trang").select_option("20")
    page.get_by_role("button", name="Hiển thị").click()
    expect(page).to_have_url(re.compile(r"page_size=20"))
    expect(page.get_by_label("Số kết quả mỗi trang")).to_have_value("20")
    context.close()


def test_phone_menu_collapses_behind_its_button(page, visit):
    page.set_viewport_size(PHONE)
    visit("/")
    toggle = page.get_by_role("button", name="Danh mục")
    menu = page.locator("#main-nav-list")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    no_horizontal_scroll(page)
    no_axe_violations(page)
    menu.get_by_role("link").first.focus()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(toggle).to_be_focused()


def test_without_javascript_the_menu_is_open_and_the_preferences_are_hidden(browser, portal):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(portal + "/")
    expect(page.locator("#main-nav-list")).to_be_visible()
    expect(page.locator(".main-nav__toggle")).to_be_hidden()
    expect(page.locator(".display-prefs")).to_be_hidden()
    expect(page.locator("#hero-search")).not_to_have_attribute("role", "combobox")
    no_horizontal_scroll(page)
    context.close()


def test_wide_screen_shows_the_whole_menu_without_its_button(page, visit):
    visit("/")
    expect(page.locator(".main-nav__toggle")).to_be_hidden()
    expect(page.locator("#main-nav-list")).to_be_visible()


def test_text_size_and_high_contrast_persist_across_pages(page, visit):
    visit("/")
    root_size = "parseFloat(getComputedStyle(document.documentElement).fontSize)"
    assert page.evaluate(root_size) == 16
    bigger = page.get_by_role("button", name="A+ (tăng cỡ chữ)")
    bigger.click()
    bigger.click()
    assert page.evaluate(root_size) == 20
    contrast = page.get_by_role("button", name="Tương phản cao")
    contrast.click()
    expect(contrast).to_have_attribute("aria-pressed", "true")
    background = "getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(background) == "rgb(0, 0, 0)"
    no_axe_violations(page)

    visit("/tim-kiem/?q=khai+sinh")
    assert page.evaluate(root_size) == 20
    assert page.evaluate(background) == "rgb(0, 0, 0)"
    expect(page.get_by_role("button", name="Tương phản cao")).to_have_attribute("aria-pressed", "true")
    no_axe_violations(page)

    page.get_by_role("button", name="A (cỡ chữ mặc định)").click()
    page.get_by_role("button", name="Tương phản cao").click()
    assert page.evaluate(root_size) == 16
    assert page.evaluate(background) == "rgb(255, 255, 255)"
    assert page.evaluate(
        "[localStorage.getItem('portal.fontSize'), localStorage.getItem('portal.contrast')]"
    ) == [
        None,
        None,
    ]


def test_the_saved_preference_applies_before_the_first_paint(page, visit):
    visit("/")
    page.evaluate(
        "localStorage.setItem('portal.fontSize', '3'); localStorage.setItem('portal.contrast', 'high')"
    )
    # Read when <body> is inserted, before anything of the page can be painted.
    page.add_init_script(
        "new MutationObserver((changes, observer) => { if (document.body) {"
        " const root = document.documentElement;"
        " window.__early = [root.getAttribute('data-font-size'), root.getAttribute('data-contrast')];"
        " observer.disconnect(); } }).observe(document, { childList: true, subtree: true });"
    )
    visit("/")
    early = page.evaluate("window.__early")
    assert early == ["3", "high"]
    page.evaluate("localStorage.clear()")


@pytest.mark.parametrize(
    "path", ["/", "/tim-kiem/?q=khai+sinh", "/thu-tuc-hanh-chinh/", "/tin-tuc/", "/co-quan/", "/khong-co/"]
)
def test_no_horizontal_scroll_on_a_360px_phone_at_the_largest_text(page, visit, path):
    page.set_viewport_size(PHONE)
    visit("/")
    page.evaluate("localStorage.setItem('portal.fontSize', '1')")
    visit(path, status=404 if path == "/khong-co/" else 200)
    no_horizontal_scroll(page)
    page.evaluate("localStorage.clear()")
