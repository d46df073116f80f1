"""A fresh install: `migrate` makes the portal's sections, so `import_content` gives a whole site."""

import json
from io import StringIO

from django.core.management import call_command

from wagtail.models import Page, PageLogEntry, ReferenceIndex

import pytest

from home import structure
from home.models import AgencyIndexPage, StandardPage
from home.structure import home_page
from news.models import NewsIndexPage, NewsPage
from procedures.models import ProcedureIndexPage, ProcedurePage
from tests.content import minimal_procedure

CONTENT = {
    "agencies": [{"slug": "so-tu-phap", "name": "Sở Tư pháp", "email": "stp@tiengiang.gov.vn"}],
    "procedures": [
        minimal_procedure(
            steps="Nộp hồ sơ.\n\nNhận kết quả.",
            processing_time="Ngay trong ngày tiếp nhận hồ sơ",
            fees="Miễn lệ phí",
            documents=["Tờ khai đăng ký khai sinh theo mẫu"],
        )
    ],
    "news": [
        {
            "slug": "trien-khai-dang-ky-khai-sinh-truc-tuyen",
            "title": "Triển khai đăng ký khai sinh trực tuyến",
            "date": "2026-10-02",
            "agency": "so-tu-phap",
            "summary": "Người dân đăng ký khai sinh qua Cổng dịch vụ công.",
            "body": "Đoạn một.\n\nĐoạn hai.",
            "tags": ["Hộ tịch", "Chuyển đổi số"],
            "procedures": ["1.001193"],
        },
        {
            "slug": "hoi-nghi-cai-cach-hanh-chinh",
            "title": "Hội nghị cải cách hành chính",
            "date": "2026-10-01",
            "summary": "Tin của cổng, không thuộc cơ quan nào.",
            "body": "Nội dung hội nghị.",
        },
    ],
}


def sections():
    return [(page.slug, page.specific_class, page.live) for page in home_page().get_children()]


def migrate():
    out = StringIO()
    call_command("migrate", interactive=False, verbosity=1, stdout=out)
    return out.getvalue()


def import_content(tmp_path):
    path = tmp_path / "content.json"
    path.write_text(json.dumps(CONTENT, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("import_content", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_migrate_creates_the_missing_portal_sections_once(home):
    home.get_children().delete()
    assert sections() == []

    output = migrate()
    created = sections()
    assert created[:3] == [
        ("tin-tuc", NewsIndexPage, True),
        ("thu-tuc-hanh-chinh", ProcedureIndexPage, True),
        ("co-quan", AgencyIndexPage, True),
    ]
    # ... and the other apps' sections, in menu order.
    assert [slug for slug, _, _ in created[3:]] == ["van-ban", "gop-y-du-thao", "hoi-dap", "lich-cong-tac"]
    assert "Đã tạo mục Tin tức – Sự kiện" in output

    migrate()
    assert sections() == created


@pytest.mark.django_db
def test_an_app_adds_its_section_to_the_registry(home, monkeypatch):
    # What a later app (the register at /van-ban/, say) does in its AppConfig.ready().
    monkeypatch.setattr(structure, "_sections", dict(structure._sections))
    structure.register_portal_section("thong-bao", "Thông báo", "home.StandardPage", order=400)
    migrate()
    added = home.get_children().get(slug="thong-bao")
    assert added.specific_class is StandardPage and added.title == "Thông báo" and added.live
    assert [page.slug for page in home.get_children()][-1] == "thong-bao"


@pytest.mark.django_db
def test_import_into_a_portal_that_only_ran_migrate_is_a_complete_site(home, tmp_path, client):
    home.get_children().delete()
    migrate()

    import_content(tmp_path)

    news = client.get("/tin-tuc/")
    assert news.status_code == 200
    assert "Triển khai đăng ký khai sinh trực tuyến" in news.content.decode()
    assert "Hội nghị cải cách hành chính" in news.content.decode()
    catalogue = client.get("/thu-tuc-hanh-chinh/")
    assert catalogue.status_code == 200 and "Đăng ký khai sinh" in catalogue.content.decode()
    directory = client.get("/co-quan/")
    assert directory.status_code == 200 and "Sở Tư pháp" in directory.content.decode()
    item = NewsPage.objects.get(slug="trien-khai-dang-ky-khai-sinh-truc-tuyen")
    assert client.get(item.url).status_code == 200


@pytest.mark.django_db
def test_imported_pages_carry_what_publishing_in_wagtail_leaves(home, tmp_path):
    migrate()
    import_content(tmp_path)

    for page in [*NewsPage.objects.all(), *ProcedurePage.objects.all()]:
        assert page.live and not page.has_unpublished_changes
        assert page.revisions.count() == 1
        assert page.live_revision == page.latest_revision == page.revisions.get()
        assert page.first_published_at == page.last_published_at == page.latest_revision_created_at
        actions = PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True)
        assert list(actions) == ["wagtail.create", "wagtail.publish"]
        assert PageLogEntry.objects.get(page=page, action="wagtail.publish").revision == page.live_revision
        # The revision holds the page as it is (what the admin's history and compare views read).
        assert page.live_revision.as_object().title == page.title
    # The tree is sound: paths, depths and child counts as treebeard keeps them.
    assert all(problems == [] for problems in Page.find_problems())
    item = NewsPage.objects.get(slug="trien-khai-dang-ky-khai-sinh-truc-tuyen")
    assert sorted(item.tags.names()) == ["Chuyển đổi số", "Hộ tịch"]
    assert item.url_path.endswith("/so-tu-phap/tin-tuc/trien-khai-dang-ky-khai-sinh-truc-tuyen/")
    # The procedure's "usage" lists the news item that links it.
    procedure = ProcedurePage.objects.get(code="1.001193")
    assert item.pk in {int(ref.object_id) for ref in ReferenceIndex.get_references_to(procedure)}
    # Wagtail's admin search (the database backend) finds the imported pages.
    assert list(NewsPage.objects.search("khai sinh")) == [item]


@pytest.mark.django_db
def test_second_import_into_a_fresh_portal_changes_nothing_and_says_so(home, tmp_path):
    migrate()
    import_content(tmp_path)
    pages, entries = Page.objects.count(), PageLogEntry.objects.count()

    output = import_content(tmp_path)
    assert "Không có thay đổi" in output
    assert "news: 0 tạo mới, 0 cập nhật, 2 không đổi" in output
    assert (Page.objects.count(), PageLogEntry.objects.count()) == (pages, entries)
