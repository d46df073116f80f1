from wagtail.models import Page

import pytest

from home.models import AgencyIndexPage, AgencyLeader, AgencyPage, agency_for
from tests.factories import StandardPageFactory


@pytest.fixture
def standard_page(home):
    return StandardPageFactory(
        parent=home,
        title="Giới thiệu",
        slug="gioi-thieu",
        intro="Tiền Giang nằm trên bờ Bắc sông Tiền.",
        body=[
            ("heading", {"text": "Lịch sử hình thành", "size": "h2"}),
            ("paragraph", "<p>Tỉnh được thành lập năm 1976.</p>"),
            (
                "table",
                {
                    "data": [["Chỉ tiêu", "Giá trị"], ["Diện tích", "2.510 km²"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Số liệu chung",
                },
            ),
        ],
    )


def test_home_page_shows_search_first_and_agency_links(client, agency):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="vi"' in html
    assert html.index('action="/tim-kiem/"') < html.index("Sở Tư pháp")
    assert 'href="/co-quan/so-tu-phap/"' in html
    assert "Mức độ 2" in html


def test_standard_page_renders_heading_text_and_table(client, standard_page):
    html = client.get("/gioi-thieu/").content.decode()
    assert "<h2>Lịch sử hình thành</h2>" in html
    assert "Tỉnh được thành lập năm 1976." in html
    assert "<caption>Số liệu chung</caption>" in html
    assert '<th scope="col">Chỉ tiêu</th>' in html


def test_agency_page_shows_contacts_and_leaders(client, agency):
    agency.leaders = [
        AgencyLeader(name="Phạm Quốc Bảo", title="Giám đốc", email="pqbao.stp@tiengiang.gov.vn")
    ]
    agency.save_revision().publish()
    html = client.get("/co-quan/so-tu-phap/").content.decode()
    assert "stp@tiengiang.gov.vn" in html
    assert "0273 3872 395" in html
    assert "Phạm Quốc Bảo" in html and "Giám đốc" in html
    assert 'href="/co-quan/so-tu-phap/thu-tuc/"' in html or "Thủ tục hành chính" in html


def test_agency_directory_nests_sub_agencies(client, make_agency):
    make_agency("ubnd-huyen-chau-thanh", "Ủy ban nhân dân huyện Châu Thành", kind="ubnd-huyen")
    make_agency(
        "ubnd-xa-long-hung", "Ủy ban nhân dân xã Long Hưng", parent="ubnd-huyen-chau-thanh", kind="ubnd-xa"
    )
    html = client.get("/co-quan/").content.decode()
    district = html.index("Ủy ban nhân dân huyện Châu Thành")
    commune = html.index("Ủy ban nhân dân xã Long Hưng")
    assert district < commune
    assert "<ul" in html[district:commune]


def test_dissolved_agency_stays_reachable_and_points_to_its_successor(client, make_agency):
    import datetime

    successor = make_agency("so-tai-chinh", "Sở Tài chính")
    old = make_agency("so-ke-hoach-va-dau-tu", "Sở Kế hoạch và Đầu tư", valid_to=datetime.date(2025, 2, 28))
    old.successor = successor
    old.save_revision().publish()
    html = client.get("/co-quan/so-ke-hoach-va-dau-tu/").content.decode()
    assert "28/02/2025" in html
    assert 'href="/co-quan/so-tai-chinh/"' in html
    assert "Sở Kế hoạch và Đầu tư" not in client.get("/co-quan/").content.decode()


def test_a_page_belongs_to_its_nearest_agency(make_agency):
    district = make_agency("ubnd-huyen-cai-be", "Ủy ban nhân dân huyện Cái Bè")
    commune = make_agency("ubnd-xa-hau-my", "Ủy ban nhân dân xã Hậu Mỹ", parent="ubnd-huyen-cai-be")
    news_section = commune.get_children().get(slug="tin-tuc")
    assert agency_for(news_section).pk == commune.pk
    assert agency_for(district).pk == district.pk
    assert agency_for(AgencyIndexPage.objects.get()) is None


def test_agency_setup_creates_its_sections_and_collection(agency):
    # Every app's agency section (home/structure.py: register_agency_section), in its order.
    children = list(agency.get_children().specific())
    assert [child.slug for child in children] == ["tin-tuc", "thu-tuc", "van-ban", "gop-y-du-thao", "hoi-dap"]
    assert type(children[0]).__name__ == "NewsIndexPage" and all(child.live for child in children)
    assert agency.collection.name == "Sở Tư pháp"


def test_unknown_path_gives_vietnamese_404(client, home):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_dates_are_shown_day_first(client, standard_page):
    Page.objects.filter(pk=standard_page.pk).update(last_published_at="2026-03-05T10:00:00+07:00")
    assert "05/03/2026" in client.get("/gioi-thieu/").content.decode()


@pytest.mark.django_db  # a new page looks up its content type, which a flush may have uncached
def test_historical_agency_is_not_current():
    import datetime

    assert AgencyPage(valid_to=datetime.date(2020, 1, 1)).is_historical
    assert not AgencyPage(valid_to=None).is_historical


def test_header_uses_the_logo_from_site_settings(client, home):
    import io

    from django.core.files.images import ImageFile

    from wagtail.images import get_image_model

    from PIL import Image as PILImage

    from home.models import PortalSettings

    buffer = io.BytesIO()
    PILImage.new("RGB", (200, 200), (200, 16, 46)).save(buffer, format="PNG")
    logo = get_image_model().objects.create(title="Quốc huy", file=ImageFile(buffer, name="quoc-huy.png"))
    import re

    def brand_logo():
        return re.search(r'<img[^>]*class="brand__logo"[^>]*>', client.get("/").content.decode()).group(0)

    assert "img/emblem.svg" in brand_logo()
    settings = PortalSettings.load()
    settings.logo = logo
    settings.save()
    assert "quoc-huy" in brand_logo() and "fill-112x112" in brand_logo()


def test_agency_collection_is_created_once_and_linked(agency):
    from wagtail.models import Collection

    from home.agencies import agency_collection

    AgencyPage.objects.filter(pk=agency.pk).update(collection=None)
    agency = AgencyPage.objects.get(pk=agency.pk)
    before = Collection.objects.count()
    first = agency_collection(agency)
    second = agency_collection(AgencyPage.objects.get(pk=agency.pk))
    assert first.pk == second.pk
    assert Collection.objects.count() == before + 1
