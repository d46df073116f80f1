"""An agency's news item with an image and tags reaches every place citizens read news."""

import datetime
import xml.etree.ElementTree as ET

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

import pytest

from news.models import NewsPage

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published(agency_news, make_news, make_image):
    return make_news(
        agency_news,
        "Sở Tư pháp tổ chức hội nghị triển khai công tác năm 2025",
        date=datetime.date(2025, 1, 10),
        tags=["Cải cách hành chính", "Đô thị"],
        image=make_image(),
        lead_image_alt="Quang cảnh hội nghị tại hội trường Sở Tư pháp",
    )


def test_news_belongs_to_the_agency_holding_it(published, agency):
    assert NewsPage.objects.get(pk=published.pk).agency == agency


def test_news_page_shows_its_fields(client, published, agency):
    response = client.get(published.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert published.title in html
    assert "10/01/2025" in html
    assert agency.title in html
    assert 'alt="Quang cảnh hội nghị tại hội trường Sở Tư pháp"' in html
    assert "Cải cách hành chính" in html
    assert 'type="application/rss+xml"' in html


def test_tag_slugs_are_plain_ascii(published):
    assert sorted(published.tags.values_list("slug", flat=True)) == ["cai-cach-hanh-chinh", "do-thi"]


def test_item_appears_on_agency_list_with_responsive_image(client, published, agency_news):
    html = client.get(agency_news.url).content.decode()
    assert published.title in html
    assert "<picture>" in html
    assert 'type="image/webp"' in html
    assert "srcset=" in html
    assert 'loading="eager"' in html  # the first card is above the fold
    assert 'rel="alternate" type="application/rss+xml"' in html


def test_item_appears_on_portal_list_with_its_agency(client, published, portal_news, agency):
    html = client.get(portal_news.url).content.decode()
    assert published.title in html
    assert agency.title in html


def test_later_cards_load_lazily(client, published, portal_news, make_news, make_image):
    make_news(portal_news, "Tin cũ hơn có ảnh", date=datetime.date(2024, 1, 1), image=make_image())
    html = client.get(portal_news.url).content.decode()
    assert html.count('loading="eager"') == 1
    assert 'loading="lazy"' in html


def test_agency_list_excludes_other_agencies(client, published, make_agency, make_news):
    other = make_agency("so-y-te", "Sở Y tế")
    other_news = other.get_children().get(slug="tin-tuc").specific
    foreign = make_news(other_news, "Sở Y tế phát động chiến dịch tiêm chủng")
    html = client.get(other_news.url).content.decode()
    assert foreign.title in html
    assert published.title not in html


def test_home_page_tag_shows_latest_news(published, make_news, portal_news, agency):
    older = make_news(portal_news, "Tin cấp tỉnh cũ hơn", date=datetime.date(2024, 12, 1))
    request = RequestFactory().get("/")
    html = Template("{% load news_tags %}{% latest_news 6 %}").render(Context({"request": request}))
    assert published.title in html
    assert agency.title in html
    assert "10/01/2025" in html
    assert "<picture>" in html
    assert html.index(published.title) < html.index(older.title)


def test_home_page_tag_limits_the_count(portal_news, make_news):
    for day in range(1, 5):
        make_news(portal_news, f"Tin ngày {day}", date=datetime.date(2025, 3, day))
    request = RequestFactory().get("/")
    html = Template("{% load news_tags %}{% latest_news 2 %}").render(Context({"request": request}))
    assert "Tin ngày 4" in html and "Tin ngày 3" in html
    assert "Tin ngày 2" not in html


@pytest.mark.parametrize("feed", ["rss/", "atom/"])
def test_item_appears_in_portal_and_agency_feeds(client, published, portal_news, agency_news, feed):
    for section in (portal_news, agency_news):
        response = client.get(section.url + feed)
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        titles = [el.text for el in root.iter() if el.tag in ("title", f"{ATOM}title")]
        assert published.title in titles


def test_rss_feed_is_valid_and_complete(client, published, portal_news):
    response = client.get(portal_news.url + "rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    item = channel.find("item")
    assert item.findtext("title") == published.title
    assert item.findtext("link").startswith("http://testserver/")
    assert item.findtext("link").endswith(published.url)
    assert sorted(c.text for c in item.findall("category")) == ["Cải cách hành chính", "Đô thị"]
    assert "10 Jan 2025" in item.findtext("pubDate")


def test_the_portal_feed_is_named_after_the_portal_settings(client, published, portal_news):
    from home.models import PortalSettings

    portal = PortalSettings.load()
    portal.portal_name = "Cổng thông tin điện tử tỉnh Đồng Tháp"
    portal.save()
    channel = ET.fromstring(client.get(portal_news.url + "rss/").content).find("channel")
    assert channel.findtext("title") == "Tin tức – Cổng thông tin điện tử tỉnh Đồng Tháp"


def test_tag_feeds_list_only_that_topic(client, published, portal_news, agency_news, make_news):
    other = make_news(agency_news, "Tin không thuộc chủ đề đô thị", tags=["Y tế"])
    for feed in ("rss/", "atom/"):
        response = client.get(f"{portal_news.url}the/do-thi/{feed}")
        assert response.status_code == 200
        text = response.content.decode()
        ET.fromstring(response.content)
        assert published.title in text
        assert other.title not in text


@pytest.mark.parametrize("tag", ["khong-co-chu-de-nay", "a%00b", "%3Cscript%3E"])
def test_unknown_tag_feed_is_a_404(client, portal_news, tag):
    response = client.get(f"{portal_news.url}the/{tag}/rss/")
    assert response.status_code == 404


def test_feed_escapes_markup_and_drops_control_characters(client, agency_news, make_news):
    make_news(
        agency_news,
        'Thông báo <b>khẩn</b> & "quan trọng"',
        summary="Tóm tắt có <script>alert(1)</script> & ký tự điều khiển \x0b ở giữa",
        tags=["A&B <c>"],
    )
    for feed in ("rss/", "atom/"):
        response = client.get(agency_news.url + feed)
        assert response.status_code == 200
        root = ET.fromstring(response.content)  # well-formed despite the markup
        texts = [el.text or "" for el in root.iter()]
        assert 'Thông báo <b>khẩn</b> & "quan trọng"' in texts
        assert any("<script>alert(1)</script>" in text and "\x0b" not in text for text in texts)


def test_drafts_and_private_news_stay_out(client, agency_news, portal_news, make_news):
    draft = make_news(agency_news, "Bản nháp chưa duyệt", publish=False)
    assert not NewsPage.objects.get(pk=draft.pk).live
    html = client.get(portal_news.url).content.decode()
    assert draft.title not in html
    assert draft.title not in client.get(portal_news.url + "rss/").content.decode()


def news_form(image, **values):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    return nested_form_data(
        {
            "title": "Sở Tư pháp tập huấn nghiệp vụ hộ tịch",
            "slug": "so-tu-phap-tap-huan-nghiep-vu-ho-tich",
            "date": "15/03/2025",
            "summary": "Công chức tư pháp - hộ tịch cấp xã được cập nhật quy định mới.",
            "lead_image": image.pk,
            "lead_image_alt": "Công chức tư pháp tham dự lớp tập huấn",
            "lead_image_caption": "",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung lớp tập huấn.</p>"))]),
            "tags": "Hộ tịch, Tập huấn",
            "source": "",
            "related_procedures": inline_formset([]),
            **values,
        }
    )


def test_agency_editor_submits_and_moderator_publishes_news_with_image_and_tags(
    client, agency, agency_news, portal_news, make_image
):
    from home.agencies import agency_collection
    from tests.factories import agency_user

    editor, moderator = agency_user(agency, "editors"), agency_user(agency, "moderators")
    image = make_image()
    image.collection = agency_collection(agency)
    image.save()

    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=("news", "newspage", agency_news.pk))
    assert client.get(add_url).status_code == 200
    response = client.post(add_url, news_form(image, **{"action-submit": "1"}))
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="so-tu-phap-tap-huan-nghiep-vu-ho-tich")
    assert not page.live  # waiting for the agency's moderator

    client.force_login(moderator)
    task_state = page.current_workflow_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)))
    page.refresh_from_db()
    assert page.live
    assert sorted(page.tags.names()) == ["Hộ tịch", "Tập huấn"]
    assert page.lead_image == image

    client.logout()
    for url in (
        agency_news.url,
        portal_news.url,
        f"{portal_news.url}the/ho-tich/rss/",
        f"{agency_news.url}atom/",
    ):
        assert page.title in client.get(url).content.decode(), url
    html = Template("{% load news_tags %}{% latest_news 6 %}").render(
        Context({"request": RequestFactory().get("/")})
    )
    assert page.title in html


def test_agency_editor_cannot_add_news_to_another_agency(client, agency, make_agency):
    from tests.factories import agency_user

    other_news = make_agency("so-y-te", "Sở Y tế").get_children().get(slug="tin-tuc")
    client.force_login(agency_user(agency, "editors"))
    response = client.get(reverse("wagtailadmin_pages:add", args=("news", "newspage", other_news.pk)))
    assert response.status_code == 302  # Wagtail redirects a refused add to the dashboard
    assert response.url == reverse("wagtailadmin_home")
