"""What a citizen, a reader and an editor do on the portal, in a real browser, on the demo content."""

import re
from pathlib import Path

from playwright.sync_api import expect

from home.management.commands.load_demo import DEMO_PUBLISHED_PASSWORD
from home.models import AgencyPage
from news.models import NewsPage


def test_a_citizen_searches_without_diacritics_opens_the_procedure_and_downloads_its_form(page, visit):
    visit("/")
    page.locator("#site-search").fill("dang ky khai sinh")
    page.locator("#site-search").press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=dang\+ky\+khai\+sinh"))
    results = page.locator(".result-list")
    results.get_by_role("link", name="Đăng ký khai sinh", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký khai sinh")

    link = page.get_by_role("region", name="Biểu mẫu").locator("a[download]").first
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.failure() is None
    assert re.search(r"\.(docx?|pdf|xlsx?|odt)$", download.suggested_filename)
    assert Path(download.path()).stat().st_size > 0


def test_a_citizen_reaches_a_procedure_by_life_event_in_three_clicks(page, visit):
    visit("/")
    clicks = 0
    # The home page's life-event block; "Có con nhỏ" lists the birth registration.
    block = page.get_by_role("region", name="Tìm thủ tục theo sự kiện cuộc sống")
    block.get_by_role("link", name="Có con nhỏ", exact=True).click()
    clicks += 1
    expect(page.get_by_role("heading", level=1)).to_have_text("Có con nhỏ")
    page.locator("main").get_by_role("link", name="Đăng ký khai sinh", exact=True).first.click()
    clicks += 1
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký khai sinh")
    assert clicks <= 3


def test_a_reader_browses_news_by_tag(page, visit):
    item = NewsPage.objects.live().filter(tags__isnull=False).order_by("-date", "path").first()
    tag = item.tags.order_by("name").first()
    visit(item.get_url())
    page.get_by_role("navigation", name="Chủ đề").get_by_role("link", name=tag.name, exact=True).click()

    expect(page).to_have_url(re.compile(rf"\?tag={re.escape(tag.slug)}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(tag.name)
    listed = page.locator("main .news-card__title a")
    expect(listed.first).to_be_visible()
    tagged = set(NewsPage.objects.live().filter(tags__slug=tag.slug).values_list("title", flat=True))
    titles = [title.strip() for title in listed.all_inner_texts()]
    assert titles and set(titles) <= tagged

    # Every item of the listing carries the tag: the first one shows it among its topics.
    listed.first.click()
    expect(page.get_by_role("navigation", name="Chủ đề")).to_contain_text(tag.name)


def sign_in(browser, portal, username):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    admin = context.new_page()
    admin.goto(portal + "/admin/login/")
    admin.locator("#id_username").fill(username)
    admin.locator("#id_password").fill(DEMO_PUBLISHED_PASSWORD)
    admin.get_by_role("button", name="Đăng nhập").click()
    expect(admin).to_have_url(portal + "/admin/")
    return admin


def test_an_editor_submits_a_news_item_and_the_agency_moderator_approves_it(browser, portal, page):
    """The demo's Sở Tư pháp editor and moderator (load_demo), through Wagtail's own workflow."""
    agency = AgencyPage.objects.get(slug="so-tu-phap")
    item = NewsPage.objects.live().descendant_of(agency).order_by("path").last()
    new_title = f"{item.title} (bản cập nhật)"

    editor = sign_in(browser, portal, "stp.bientap")
    editor.goto(f"{portal}/admin/pages/{item.pk}/edit/")
    editor.locator("#id_title").fill(new_title)
    editor.get_by_role("button", name="Thao tác khác").click()
    editor.locator("button[name=action-submit]").click()
    expect(editor.locator(".messages")).to_contain_text("đã được gửi duyệt")
    # Submitted, not published: the public page keeps its old title.
    page.goto(portal + item.get_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(item.title)
    editor.context.close()

    moderator = sign_in(browser, portal, "stp.pheduyet")
    # The dashboard's "awaiting your review" list leads to the page.
    moderator.locator("a", has_text=new_title).first.click()
    moderator.get_by_role("button", name="Thao tác khác").click()
    moderator.get_by_role("button", name="Phê duyệt và xuất bản", exact=True).click()
    expect(moderator.locator(".messages")).to_contain_text(new_title)
    moderator.context.close()

    item.refresh_from_db()
    assert item.live and item.title == new_title and not item.has_unpublished_changes
    # A visitor who comes now (the browser's own cache still holds the old page for a minute).
    visitor = browser.new_page()
    visitor.goto(portal + item.get_url())
    expect(visitor.get_by_role("heading", level=1)).to_have_text(new_title)
    visitor.close()


def test_a_procedure_prints_without_the_portal_navigation(page, visit):
    visit("/co-quan/so-tu-phap/thu-tuc/dang-ky-khai-sinh/")
    page.emulate_media(media="print")
    for chrome in (".site-header", ".main-nav", ".breadcrumbs", ".search-box", ".skip-link"):
        for element in page.locator(chrome).all():
            expect(element).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký khai sinh")
    expect(page.get_by_role("heading", name="Thành phần hồ sơ")).to_be_visible()
    expect(page.get_by_role("link", name="Nộp hồ sơ trực tuyến")).to_be_hidden()
    # The printed procedure is a document of its own: a PDF of it has its pages.
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
