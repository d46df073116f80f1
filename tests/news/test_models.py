"""Tree rules and editor-facing validation of news pages."""

from django.core.exceptions import ValidationError

from wagtail.test.utils import WagtailPageTestCase

import pytest

from home.models import AgencyPage, HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage, NewsTag


class TestTreeRules(WagtailPageTestCase):
    def test_news_lives_only_in_a_news_section(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_news_sections_hold_news_under_home_or_an_agency(self):
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage, AgencyPage})
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(StandardPage, NewsPage)


def test_lead_image_requires_alt_text(agency_news, make_image):
    page = NewsPage(title="Tin có ảnh", slug="tin-co-anh", summary="Tóm tắt", lead_image=make_image())
    with pytest.raises(ValidationError) as error:
        agency_news.add_child(instance=page)
    assert "lead_image_alt" in error.value.message_dict


def test_news_without_image_needs_no_alt_text(agency_news):
    page = NewsPage(title="Tin không ảnh", slug="tin-khong-anh", summary="Tóm tắt")
    agency_news.add_child(instance=page)
    assert page.pk


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Đô thị", "do-thi"),
        ("Chuyển đổi số", "chuyen-doi-so"),
        ("Đường bộ – Đường thủy", "duong-bo-duong-thuy"),
    ],
)
def test_topic_slugs_fold_vietnamese(db, name, slug):
    assert NewsTag.objects.create(name=name).slug == slug


def test_same_folded_slug_gets_a_suffix(db):
    NewsTag.objects.create(name="Đô thị")
    assert NewsTag.objects.create(name="Đồ thị").slug == "do-thi-1"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        # Since NewsTag uses portal_site.text.vietnamese_slugify (anyascii) instead of dropping
        # what Unicode decomposition cannot turn into ASCII:
        ("Kinh tế–Xã hội", "kinh-te-xa-hoi"),  # an unspaced dash separates words ("kinh-texa-hoi" before)
        ("COVID\u201119", "covid-19"),  # non-breaking hyphen ("covid19" before)
        ("中国", "zhongguo"),  # other scripts are transliterated ("chu-de" before)
        ("…", "chu-de"),  # nothing left to make a slug of
    ],
)
def test_topic_slugs_turn_dashes_and_other_scripts_into_ascii(db, name, slug):
    assert NewsTag.objects.create(name=name).slug == slug


def test_topic_slug_with_its_suffix_fits_the_slug_field(db):
    assert NewsTag.objects.create(name="a" * 100).slug == "a" * 100
    assert NewsTag.objects.create(name="ă" * 100).slug == "a" * 98 + "-1"
    assert len(NewsTag.objects.create(name="中" * 100).slug) == 100


def test_news_page_renders_within_a_few_queries(
    client, agency_news, make_news, make_image, django_assert_max_num_queries
):
    page = make_news(agency_news, "Tin có ảnh và chủ đề", image=make_image(), tags=["Y tế", "Giáo dục"])
    client.get(page.url)
    with django_assert_max_num_queries(30):
        response = client.get(page.url)
    assert response.status_code == 200
