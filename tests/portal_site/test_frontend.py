"""What every page's header carries for issue 15: the scripts in static files only, the type-ahead's
endpoint, the reading preferences and the collapsing main menu, all usable without JavaScript."""

import re
from pathlib import Path

from django.conf import settings

import pytest

STATIC = Path(settings.BASE_DIR) / "portal_site" / "static"


@pytest.fixture
def home_html(client, portal_sections):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_scripts_are_static_files_and_no_markup_is_inline(home_html):
    scripts = re.findall(r"<script\b[^>]*>", home_html)
    assert scripts and all(" src=" in tag for tag in scripts)
    assert not re.search(r"<script\b[^>]*>\s*[^<\s]", home_html)
    assert not re.search(r'\sstyle="', home_html)
    assert not re.search(r"\son[a-z]+=", home_html)


def test_the_preferences_script_runs_in_head_before_the_body(home_html):
    head = home_html.split("</head>")[0]
    prefs = re.search(r'<script src="[^"]*js/display-prefs\.js"></script>', head)
    assert prefs, "display-prefs.js is loaded in <head> without defer or async"
    assert re.search(
        r'<script src="[^"]*js/typeahead\.js" defer data-suggest-url="/api/search/suggest/"', head
    )
    labels = re.search(r'data-type-labels="([^"]*)"', head).group(1)
    assert "&quot;procedure&quot;: &quot;Thủ tục hành chính&quot;" in labels


def test_reading_preference_controls_are_plain_buttons(home_html):
    group = re.search(
        r'<div class="display-prefs__group" role="group" aria-label="Cỡ chữ">(.*?)</div>', home_html, re.S
    )
    buttons = re.findall(
        r'<button type="button" class="display-prefs__button" data-font-step="(-?\d)">(A[−+]?)',
        group.group(1),
    )
    assert buttons == [("-1", "A−"), ("0", "A"), ("1", "A+")]
    assert (
        '<button type="button" class="display-prefs__button" data-contrast-toggle aria-pressed="false">'
        "Tương phản cao</button>" in home_html
    )


def test_main_menu_has_a_toggle_for_its_list_and_every_section(home_html, portal_sections):
    nav = re.search(r'<nav class="main-nav" aria-label="Menu chính">(.*?)</nav>', home_html, re.S).group(1)
    assert (
        '<button type="button" class="main-nav__toggle" aria-expanded="false" aria-controls="main-nav-list">'
        in nav
    )
    assert '<ul class="main-nav__list" id="main-nav-list">' in nav
    for section in portal_sections.values():
        if section.show_in_menus:
            assert f">{section.title}</a>" in nav


def test_without_javascript_the_menu_is_shown_and_the_widgets_that_need_it_are_not():
    """portal.css shows the menu button and the preferences only under html.js, which only
    display-prefs.js sets, and collapses the menu only then."""
    css = (STATIC / "css" / "portal.css").read_text()
    assert ".display-prefs { display: none; }" in css
    assert ".main-nav__toggle { display: none;" in css
    assert ".js .main-nav:not(.main-nav--open) .main-nav__list { display: none; }" in css
    assert 'root.classList.add("js")' in (STATIC / "js" / "display-prefs.js").read_text()


def test_search_boxes_are_plain_get_forms_the_script_enhances(home_html):
    for input_id in ("site-search", "hero-search"):
        assert re.search(
            r'<form class="search-box" role="search" action="/tim-kiem/" method="get">\s*'
            rf'<label for="{input_id}"',
            home_html,
        )
    script = (STATIC / "js" / "typeahead.js").read_text()
    for needle in (
        '"combobox"',
        '"listbox"',
        '"option"',
        "aria-activedescendant",
        "AbortController",
        "ArrowDown",
        "Escape",
    ):
        assert needle in script
