"""Seed the synonym list with wordings citizens really type (domain.md §4.6)."""

from django.db import migrations

# (what citizens type, the official term in procedure names)
SYNONYMS = [
    ("sổ đỏ", "giấy chứng nhận quyền sử dụng đất"),
    ("sổ hồng", "giấy chứng nhận quyền sở hữu nhà ở"),
    ("gcn qsdđ", "giấy chứng nhận quyền sử dụng đất"),
    ("sang tên sổ đỏ", "chuyển nhượng quyền sử dụng đất"),
    ("gpxd", "giấy phép xây dựng"),
    ("giấy phép xây nhà", "giấy phép xây dựng"),
    ("xin phép xây nhà", "giấy phép xây dựng"),
    ("hộ khẩu", "thường trú"),
    ("nhập hộ khẩu", "đăng ký thường trú"),
    ("chuyển hộ khẩu", "đăng ký thường trú"),
    ("sổ tạm trú", "đăng ký tạm trú"),
    ("xác nhận cư trú", "xác nhận thông tin về cư trú"),
    ("cmnd", "căn cước"),
    ("chứng minh nhân dân", "căn cước"),
    ("cccd", "căn cước"),
    ("căn cước công dân", "thẻ căn cước"),
    ("làm căn cước", "cấp thẻ căn cước"),
    ("giấy báo tử", "khai tử"),
    ("giấy chứng tử", "khai tử"),
    ("làm khai sinh", "đăng ký khai sinh"),
    ("giấy khai sinh", "đăng ký khai sinh"),
    ("bản sao giấy khai sinh", "cấp bản sao trích lục hộ tịch"),
    ("giấy hôn thú", "đăng ký kết hôn"),
    ("giấy xác nhận độc thân", "xác nhận tình trạng hôn nhân"),
    ("xác nhận độc thân", "xác nhận tình trạng hôn nhân"),
    ("nhận con nuôi", "đăng ký nuôi con nuôi"),
    ("đổi tên", "thay đổi, cải chính thông tin hộ tịch"),
    ("photo công chứng", "chứng thực bản sao từ bản chính"),
    ("sao y bản chính", "chứng thực bản sao từ bản chính"),
    ("mở quán", "đăng ký hộ kinh doanh"),
    ("bán tạp hóa", "đăng ký hộ kinh doanh"),
    ("kinh doanh cá thể", "hộ kinh doanh"),
    ("giấy phép kinh doanh", "đăng ký kinh doanh"),
    ("hkd", "hộ kinh doanh"),
    ("dntn", "doanh nghiệp tư nhân"),
    ("bằng lái xe", "giấy phép lái xe"),
    ("đổi bằng lái", "đổi giấy phép lái xe"),
    ("bhyt", "bảo hiểm y tế"),
    ("bhxh", "bảo hiểm xã hội"),
    ("ubnd", "ủy ban nhân dân"),
    ("hđnd", "hội đồng nhân dân"),
    ("tthc", "thủ tục hành chính"),
    ("đk", "đăng ký"),
]


def seed(apps, schema_editor):
    synonym = apps.get_model("search", "Synonym")
    for colloquial, official in SYNONYMS:
        synonym.objects.get_or_create(colloquial=colloquial, defaults={"official": official})


def unseed(apps, schema_editor):
    synonym = apps.get_model("search", "Synonym")
    synonym.objects.filter(colloquial__in=[colloquial for colloquial, _ in SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
