import json

from django.core.management import CommandError, call_command

import pytest

from home.models import AgencyPage
from portal_site.importing import Entry, ImportFailed

AGENCIES = {
    "agencies": [
        {
            "slug": "ubnd-xa-long-hung",
            "name": "Ủy ban nhân dân xã Long Hưng",
            "parent": "ubnd-huyen-chau-thanh",
            "kind": "ubnd-xa",
        },
        {
            "slug": "ubnd-huyen-chau-thanh",
            "name": "Ủy ban nhân dân huyện Châu Thành",
            "kind": "ubnd-huyen",
            "email": "ubndchauthanh@tiengiang.gov.vn",
            "leaders": [{"name": "Nguyễn Hữu Đức", "title": "Chủ tịch", "phone": "0273 3831 229"}],
        },
    ]
}


def write(tmp_path, data, name="content.json"):
    path = tmp_path / name
    path.write_text(
        json.dumps(data, ensure_ascii=False) if not isinstance(data, str) else data, encoding="utf-8"
    )
    return str(path)


@pytest.mark.django_db
def test_import_creates_agencies_parents_first_and_is_idempotent(tmp_path, home, capsys):
    path = write(tmp_path, AGENCIES)
    call_command("import_content", path)
    commune = AgencyPage.objects.get(slug="ubnd-xa-long-hung")
    assert commune.get_parent().slug == "ubnd-huyen-chau-thanh"
    assert commune.live
    district = AgencyPage.objects.get(slug="ubnd-huyen-chau-thanh")
    assert [leader.name for leader in district.leaders.all()] == ["Nguyễn Hữu Đức"]
    assert "2 tạo mới" in capsys.readouterr().out

    pages, revisions = AgencyPage.objects.count(), district.revisions.count()
    call_command("import_content", path)
    out = capsys.readouterr().out
    assert "0 tạo mới, 0 cập nhật, 2 không đổi" in out
    assert "Không có thay đổi" in out
    assert AgencyPage.objects.count() == pages
    assert AgencyPage.objects.get(slug="ubnd-huyen-chau-thanh").revisions.count() == revisions


@pytest.mark.django_db
def test_changed_entry_is_updated(tmp_path, home, capsys):
    call_command("import_content", write(tmp_path, AGENCIES))
    AGENCIES_CHANGED = json.loads(json.dumps(AGENCIES))
    AGENCIES_CHANGED["agencies"][1]["phone"] = "0273 3831 999"
    call_command("import_content", write(tmp_path, AGENCIES_CHANGED, "changed.json"))
    assert "1 cập nhật" in capsys.readouterr().out
    assert AgencyPage.objects.get(slug="ubnd-huyen-chau-thanh").phone == "0273 3831 999"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "không phải JSON hợp lệ"),
        ({"agencies": [{"slug": "so-y-te"}]}, 'agencies[0] slug so-y-te: trường "name": bắt buộc'),
        (
            {"agencies": [{"slug": "so-y-te", "name": "Sở Y tế", "email": "không-phải-email"}]},
            'trường "email"',
        ),
        ({"agencies": [{"slug": "so-y-te", "name": "Sở Y tế", "parent": "khong-co"}]}, 'trường "parent"'),
        ({"agencies": [{"slug": "Sở Y tế", "name": "Sở Y tế"}]}, 'trường "slug"'),
        ({"agencies": [{"slug": "a", "name": "A"}, {"slug": "a", "name": "B"}]}, "agencies[1] slug a"),
        (
            {
                "agencies": [
                    {"slug": "a", "name": "A", "parent": "b"},
                    {"slug": "b", "name": "B", "parent": "a"},
                ]
            },
            "vòng lặp",
        ),
        ({"agencies": [{"slug": "a", "name": "A", "leaders": [{"name": "X"}]}]}, 'trường "leaders[0].title"'),
        ({"agencies": {"slug": "a"}}, "phải là một danh sách"),
        ({"unknown": []}, "Khóa không được hỗ trợ"),
    ],
)
@pytest.mark.django_db
def test_broken_file_writes_nothing_and_names_entry_and_field(tmp_path, home, data, message):
    valid_first = {"slug": "so-tu-phap", "name": "Sở Tư pháp"}
    if isinstance(data, dict) and isinstance(data.get("agencies"), list):
        data = {"agencies": [valid_first, *data["agencies"]]}
        message = message.replace("agencies[0]", "agencies[1]").replace(
            "agencies[1] slug a", "agencies[2] slug a"
        )
    with pytest.raises(CommandError) as error:
        call_command("import_content", write(tmp_path, data))
    assert message in str(error.value)
    assert not AgencyPage.objects.exists()


@pytest.mark.django_db
def test_demo_content_loads_twice_without_duplicates(home, capsys):
    call_command("load_demo")
    count = AgencyPage.objects.count()
    assert count >= 12
    call_command("load_demo")
    assert AgencyPage.objects.count() == count
    assert "0 tạo mới, 0 cập nhật" in capsys.readouterr().out


def test_file_path_finds_a_file_under_the_files_dir(tmp_path):
    (tmp_path / "bieu-mau").mkdir()
    (tmp_path / "bieu-mau" / "to-khai.pdf").write_bytes(b"%PDF-1.4")
    entry = Entry("procedures", 0, {"code": "1.001193"}, id_field="code")
    path = entry.file_path("filename", "bieu-mau/to-khai.pdf", str(tmp_path), "biểu mẫu")
    assert path == (tmp_path / "bieu-mau" / "to-khai.pdf").resolve()


def test_file_path_needs_a_files_dir():
    entry = Entry("news", 2, {"slug": "tin-moi"}, id_field="slug")
    with pytest.raises(ImportFailed) as error:
        entry.file_path("image", "anh.png", None, "ảnh")
    assert str(error.value) == (
        'news[2] slug tin-moi: trường "image": cần chỉ ra thư mục chứa ảnh bằng tùy chọn --files-dir.'
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("khong-co.png", 'không tìm thấy tệp ảnh "khong-co.png" trong thư mục {dir}.'),
        (".", 'không tìm thấy tệp ảnh "." trong thư mục {dir}.'),
        ("../ngoai.png", '"../ngoai.png" nằm ngoài thư mục ảnh {dir}.'),
        ("/etc/hostname", '"/etc/hostname" nằm ngoài thư mục ảnh {dir}.'),
        ("lien-ket.png", '"lien-ket.png" nằm ngoài thư mục ảnh {dir}.'),  # a link leading out
    ],
)
def test_file_path_refuses_what_is_not_a_file_under_the_files_dir(tmp_path, name, message):
    folder = tmp_path / "anh"
    folder.mkdir()
    (tmp_path / "ngoai.png").write_bytes(b"outside")
    (folder / "lien-ket.png").symlink_to(tmp_path / "ngoai.png")
    entry = Entry("news", 2, {"slug": "tin-moi"}, id_field="slug")
    with pytest.raises(ImportFailed) as error:
        entry.file_path("image", name, str(folder), "ảnh")
    assert str(error.value) == 'news[2] slug tin-moi: trường "image": ' + message.format(dir=folder)
