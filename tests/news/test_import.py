"""import_content, "news" part (contracts.md §1): happy path, idempotence, all or nothing."""

import copy
import json

from django.core.management import CommandError, call_command

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from news.demo import build_files
from news.models import NewsPage

DATA = {
    "agencies": [{"slug": "so-tu-phap", "name": "Sở Tư pháp"}],
    "news": [
        {
            "slug": "hoi-nghi-trien-khai-cong-tac-tu-phap-2025",
            "title": "Hội nghị triển khai công tác tư pháp năm 2025",
            "date": "2025-01-10",
            "agency": "so-tu-phap",
            "summary": "Sở Tư pháp triển khai nhiệm vụ trọng tâm năm 2025.",
            "body": "Đoạn thứ nhất & <không phải thẻ>.\n\nĐoạn thứ hai\ncó xuống dòng.",
            "tags": ["Tư pháp", "Cải cách hành chính"],
            "image": "anh-hoi-nghi.png",
            "image_alt": "Quang cảnh hội nghị",
            "image_caption": "Hội nghị tại Sở Tư pháp.",
            "source": "Báo Ấp Bắc",
            "pinned": True,
        },
        {
            "slug": "thong-bao-cua-cong-thong-tin",
            "title": "Thông báo của Ban Biên tập",
            "date": "2025-02-01",
            "summary": "Tin của cổng, không thuộc cơ quan nào.",
            "body": "Nội dung thông báo.",
        },
    ],
}


@pytest.fixture
def files_dir(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    PILImage.new("RGB", (1200, 675), (30, 110, 90)).save(folder / "anh-hoi-nghi.png")
    return folder


def run(tmp_path, data, files_dir=None):
    path = tmp_path / "content.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    args = [str(path)] + ([f"--files-dir={files_dir}"] if files_dir else [])
    call_command("import_content", *args)


def test_import_publishes_news_in_the_right_sections(tmp_path, files_dir, portal_sections, capsys):
    run(tmp_path, DATA, files_dir)
    assert "news: 2 tạo mới" in capsys.readouterr().out

    item = NewsPage.objects.get(slug="hoi-nghi-trien-khai-cong-tac-tu-phap-2025")
    assert item.live
    assert item.url_path.endswith("/co-quan/so-tu-phap/tin-tuc/hoi-nghi-trien-khai-cong-tac-tu-phap-2025/")
    assert item.agency.slug == "so-tu-phap"
    assert item.date.isoformat() == "2025-01-10"
    assert sorted(item.tags.names()) == ["Cải cách hành chính", "Tư pháp"]
    assert item.source == "Báo Ấp Bắc" and item.pinned
    assert item.lead_image.width == 1200 and item.lead_image_alt == "Quang cảnh hội nghị"
    assert item.lead_image.collection.name == "Sở Tư pháp"
    html = item.body[0].value.source
    assert html == "<p>Đoạn thứ nhất &amp; &lt;không phải thẻ&gt;.</p><p>Đoạn thứ hai<br>có xuống dòng.</p>"

    portal_item = NewsPage.objects.get(slug="thong-bao-cua-cong-thong-tin")
    assert portal_item.get_parent().pk == portal_sections["tin-tuc"].pk
    assert portal_item.agency is None


def test_second_import_changes_nothing(tmp_path, files_dir, portal_sections, capsys):
    run(tmp_path, DATA, files_dir)
    item = NewsPage.objects.get(slug="hoi-nghi-trien-khai-cong-tac-tu-phap-2025")
    revisions, images = item.revisions.count(), get_image_model().objects.count()
    capsys.readouterr()
    run(tmp_path, DATA, files_dir)
    assert "news: 0 tạo mới, 0 cập nhật, 2 không đổi" in capsys.readouterr().out
    assert NewsPage.objects.count() == 2
    assert item.revisions.count() == revisions
    assert get_image_model().objects.count() == images


def test_changed_entry_is_updated_and_moved(tmp_path, files_dir, portal_sections, capsys):
    run(tmp_path, DATA, files_dir)
    changed = copy.deepcopy(DATA)
    changed["agencies"].append({"slug": "so-y-te", "name": "Sở Y tế"})
    changed["news"][0].update(title="Tiêu đề đã sửa", agency="so-y-te", tags=["Tư pháp"])
    capsys.readouterr()
    run(tmp_path, changed, files_dir)
    assert "news: 0 tạo mới, 1 cập nhật, 1 không đổi" in capsys.readouterr().out
    item = NewsPage.objects.get(slug="hoi-nghi-trien-khai-cong-tac-tu-phap-2025")
    assert item.title == "Tiêu đề đã sửa"
    assert item.agency.slug == "so-y-te"
    assert list(item.tags.names()) == ["Tư pháp"]


def test_news_may_name_an_agency_already_on_the_portal(tmp_path, agency, capsys):
    data = {"news": [dict(DATA["news"][1], slug="tin-so-tu-phap", agency=agency.slug)]}
    run(tmp_path, data)
    assert NewsPage.objects.get(slug="tin-so-tu-phap").agency == agency


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"agency": "so-khong-co"}, 'news[1] slug thong-bao-cua-cong-thong-tin: trường "agency"'),
        ({"date": "10/01/2025"}, 'trường "date": "10/01/2025" không phải ngày hợp lệ'),
        ({"title": ""}, 'trường "title": bắt buộc'),
        ({"summary": None}, 'trường "summary": bắt buộc'),
        ({"slug": "Có Dấu"}, 'trường "slug"'),
        ({"slug": "hoi-nghi-trien-khai-cong-tac-tu-phap-2025"}, "trùng với news[0]"),
        ({"tags": "Tư pháp"}, 'trường "tags": phải là một danh sách'),
        ({"tags": ["Y tế", "y tế"]}, "lặp lại"),
        ({"pinned": "có"}, 'trường "pinned": phải là true hoặc false'),
        ({"image": "khong-co.png", "image_alt": "Ảnh"}, 'trường "image": không tìm thấy tệp ảnh'),
        # The file exists, but outside --files-dir: said so, not "không tìm thấy" (Entry.file_path).
        (
            {"image": "../content.json", "image_alt": "Ảnh"},
            'trường "image": "../content.json" nằm ngoài thư mục ảnh',
        ),
        ({"image": "anh-hoi-nghi.png"}, 'trường "image_alt": bắt buộc'),
        ({"image": "hong.png", "image_alt": "Ảnh hỏng"}, "không phải ảnh hợp lệ"),
        ({"tieu_de": "Khóa gõ sai"}, 'trường "tieu_de": khóa không được hỗ trợ'),
        ({"procedures": ["9.999999"]}, 'trường "procedures[0]": không có thủ tục mã "9.999999"'),
    ],
)
def test_bad_entry_writes_nothing_and_names_entry_and_field(
    tmp_path, files_dir, portal_sections, change, message
):
    (files_dir / "hong.png").write_bytes(b"not an image")
    bad = copy.deepcopy(DATA)
    bad["news"][1].update(change)
    with pytest.raises(CommandError) as error:
        run(tmp_path, bad, files_dir)
    assert message in str(error.value)
    assert "Không nhập gì cả" in str(error.value)
    assert NewsPage.objects.count() == 0
    assert get_image_model().objects.count() == 0


def test_demo_content_loads_with_the_seed_article(tmp_path, portal_sections):
    from procedures.demo import build_files as build_procedure_files

    data = {}
    for app in ("home", "procedures", "news"):
        data.update(json.loads(open(f"{app}/demo/content.json", encoding="utf-8").read()))
    build_files(tmp_path)
    build_procedure_files(tmp_path)
    run(tmp_path, data, tmp_path)
    news_demo = data

    assert NewsPage.objects.live().count() >= 30
    assert NewsPage.objects.values("path").count() == len(news_demo["news"])
    agencies = {page.agency.slug for page in NewsPage.objects.all() if page.agency}
    assert len(agencies) >= 15
    seed = NewsPage.objects.get(slug="tien-giang-phe-duyet-quy-hoach-tong-the-phat-trien-cntt-den-nam-2020")
    assert seed.source == "Mic.gov.vn"
    assert seed.agency.slug in ("so-khoa-hoc-va-cong-nghe", "so-thong-tin-va-truyen-thong")
    text = seed.body[0].value.source
    for passage in ("Đến 2010: Đầu tư hạ tầng máy tính", "Đến năm 2015:", "Đến năm 2020:", "2665/QĐ-UBND"):
        assert passage in text
    assert all(page.lead_image_alt for page in NewsPage.objects.filter(lead_image__isnull=False))
    linked = NewsPage.objects.get(slug="so-tu-phap-dang-ky-khai-sinh-truc-tuyen-lien-thong")
    assert [p.code for p in linked.live_related_procedures()] == ["1.001193", "1.004222"]


def test_image_needs_a_files_dir(tmp_path, portal_sections):
    with pytest.raises(CommandError) as error:
        run(tmp_path, DATA)
    assert (
        'news[0] slug hoi-nghi-trien-khai-cong-tac-tu-phap-2025: trường "image": '
        "cần chỉ ra thư mục chứa ảnh bằng tùy chọn --files-dir." in str(error.value)
    )
    assert NewsPage.objects.count() == 0
