"""Seed the life events of the National Public Service Portal (dichvucong.gov.vn, home page
columns CÔNG DÂN and DOANH NGHIỆP; domain.md §5.2), in its order. Editors change them in the
admin; this only adds the missing ones."""

from django.db import migrations

# (audience, name, slug, short description)
LIFE_EVENTS = [
    ("cong-dan", "Có con nhỏ", "co-con-nho", "Khai sinh, nhận cha mẹ con, giám hộ, nhập học cho con."),
    ("cong-dan", "Học tập", "hoc-tap", "Tuyển sinh, chuyển trường, văn bằng, chứng chỉ."),
    ("cong-dan", "Việc làm", "viec-lam", "Lý lịch tư pháp, giấy phép lao động, hành nghề."),
    (
        "cong-dan",
        "Cư trú và giấy tờ tùy thân",
        "cu-tru-va-giay-to-tuy-than",
        "Thường trú, tạm trú, căn cước, chứng thực giấy tờ.",
    ),
    (
        "cong-dan",
        "Hôn nhân và gia đình",
        "hon-nhan-va-gia-dinh",
        "Kết hôn, xác nhận tình trạng hôn nhân, thay đổi hộ tịch.",
    ),
    (
        "cong-dan",
        "Điện lực, nhà ở, đất đai",
        "dien-luc-nha-o-dat-dai",
        "Giấy phép xây dựng, giấy chứng nhận quyền sử dụng đất, sang tên, thế chấp.",
    ),
    ("cong-dan", "Sức khỏe và y tế", "suc-khoe-va-y-te", "Khám bệnh, chữa bệnh, khuyết tật, bảo hiểm y tế."),
    ("cong-dan", "Phương tiện và người lái", "phuong-tien-va-nguoi-lai", "Giấy phép lái xe, đăng ký xe."),
    ("cong-dan", "Hưu trí", "huu-tri", "Lương hưu, trợ cấp xã hội cho người cao tuổi."),
    ("cong-dan", "Người thân qua đời", "nguoi-than-qua-doi", "Khai tử, hỗ trợ mai táng, thừa kế."),
    ("cong-dan", "Giải quyết khiếu kiện", "giai-quyet-khieu-kien", "Khiếu nại, tố cáo, hòa giải."),
    (
        "doanh-nghiep",
        "Khởi sự kinh doanh",
        "khoi-su-kinh-doanh",
        "Thành lập hộ kinh doanh, doanh nghiệp; giấy phép kinh doanh có điều kiện.",
    ),
    (
        "doanh-nghiep",
        "Lao động và bảo hiểm xã hội",
        "lao-dong-va-bao-hiem-xa-hoi",
        "Nội quy lao động, lao động nước ngoài, bảo hiểm xã hội.",
    ),
    ("doanh-nghiep", "Tài chính doanh nghiệp", "tai-chinh-doanh-nghiep", "Thuế, hóa đơn, vốn."),
    (
        "doanh-nghiep",
        "Điện lực, đất đai, xây dựng",
        "dien-luc-dat-dai-xay-dung",
        "Giấy phép xây dựng công trình, dự án đầu tư, đất đai.",
    ),
    (
        "doanh-nghiep",
        "Thương mại, quảng cáo",
        "thuong-mai-quang-cao",
        "Khuyến mại, bán lẻ hàng hóa có điều kiện, quảng cáo.",
    ),
    (
        "doanh-nghiep",
        "Sở hữu trí tuệ, đăng ký tài sản",
        "so-huu-tri-tue-dang-ky-tai-san",
        "Nhãn hiệu, đăng ký tài sản, giao dịch bảo đảm.",
    ),
    (
        "doanh-nghiep",
        "Thành lập chi nhánh, văn phòng đại diện",
        "thanh-lap-chi-nhanh-van-phong-dai-dien",
        "Chi nhánh, văn phòng đại diện, địa điểm kinh doanh.",
    ),
    ("doanh-nghiep", "Đấu thầu, mua sắm công", "dau-thau-mua-sam-cong", "Đấu thầu, mua sắm công."),
    (
        "doanh-nghiep",
        "Tái cấu trúc doanh nghiệp",
        "tai-cau-truc-doanh-nghiep",
        "Thay đổi nội dung đăng ký, người đại diện, chuyển đổi loại hình.",
    ),
    (
        "doanh-nghiep",
        "Giải quyết tranh chấp hợp đồng",
        "giai-quyet-tranh-chap-hop-dong",
        "Hòa giải, trọng tài thương mại.",
    ),
    (
        "doanh-nghiep",
        "Tạm dừng, chấm dứt hoạt động",
        "tam-dung-cham-dut-hoat-dong",
        "Tạm ngừng kinh doanh, giải thể, chấm dứt hoạt động.",
    ),
]


def seed(apps, schema_editor):
    life_event = apps.get_model("procedures", "LifeEvent")
    for order, (audience, name, slug, description) in enumerate(LIFE_EVENTS, start=1):
        if not life_event.objects.filter(slug=slug).exists():
            life_event.objects.get_or_create(
                name=name, defaults={"slug": slug, "audience": audience, "order": order, "description": description}
            )


def unseed(apps, schema_editor):
    apps.get_model("procedures", "LifeEvent").objects.filter(slug__in=[e[2] for e in LIFE_EVENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("procedures", "0003_life_events_and_keywords")]

    operations = [migrations.RunPython(seed, unseed)]
