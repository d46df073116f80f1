"""The citizen vocabulary (issue 17): everyday words mapped to the words of procedure names,
grouped by where each group comes from. It is a vocabulary of the domain, applied at query
time; editors change it in the admin (Từ đồng nghĩa). Rows already there are left alone, and
the rows the first seed made get their source."""

from django.db import migrations

DOMAIN = "domain.md §4.6: danh sách từ đồng nghĩa ban đầu, từ tập truy vấn thực của người dân"

# (source, [(what citizens say, official term(s); several separated by ";")])
GROUPS = [
    (
        "Cách nói thông dụng về việc xin giấy tờ; tên thủ tục theo Cơ sở dữ liệu quốc gia về TTHC "
        "(dichvucong.gov.vn) bắt đầu bằng “Cấp”, “Đăng ký”",
        [
            ("làm", "cấp; đăng ký"),
            ("xin", "cấp; đăng ký"),
            ("làm lại", "cấp lại; đăng ký lại"),
            ("xin lại", "cấp lại"),
            ("sửa", "điều chỉnh; cải chính; thay đổi"),
            ("đổi", "thay đổi; cấp đổi"),
            ("hủy", "xóa; chấm dứt"),
        ],
    ),
    (
        "Luật Hộ tịch 2014, Nghị định 123/2015/NĐ-CP (khai tử, kết hôn, xác nhận tình trạng hôn nhân)",
        [
            ("báo tử", "khai tử"),
            ("làm giấy chứng tử", "đăng ký khai tử"),
            ("lấy vợ", "kết hôn"),
            ("lấy chồng", "kết hôn"),
            ("cưới", "kết hôn"),
            ("giấy đăng ký kết hôn", "đăng ký kết hôn"),
            ("giấy độc thân", "xác nhận tình trạng hôn nhân"),
            ("chưa kết hôn", "tình trạng hôn nhân"),
            ("chưa vợ", "tình trạng hôn nhân"),
            ("nhận cha", "nhận cha, mẹ, con"),
            ("nhận con", "nhận cha, mẹ, con"),
            ("sửa tên", "thay đổi, cải chính thông tin hộ tịch"),
            ("sai tên", "cải chính thông tin hộ tịch"),
            ("trích lục khai sinh", "trích lục hộ tịch"),
            ("giấy khai sinh bị mất", "đăng ký lại khai sinh"),
            ("mất giấy khai sinh", "đăng ký lại khai sinh"),
        ],
    ),
    (
        "Luật Lý lịch tư pháp 2009: phiếu lý lịch tư pháp thay cho giấy xác nhận không tiền án",
        [
            ("tiền án tiền sự", "lý lịch tư pháp"),
            ("không tiền án", "lý lịch tư pháp"),
            ("lý lịch", "lý lịch tư pháp"),
        ],
    ),
    (
        "Nghị định 23/2015/NĐ-CP: ở Ủy ban nhân dân cấp xã là chứng thực, người dân quen gọi là công chứng",
        [
            ("công chứng bản sao", "chứng thực bản sao"),
            ("công chứng giấy tờ", "chứng thực bản sao"),
            ("công chứng", "chứng thực"),
            ("xác nhận chữ ký", "chứng thực chữ ký"),
            ("thị thực chữ ký", "chứng thực chữ ký"),
        ],
    ),
    (
        "Luật Giao thông đường bộ, Bộ luật Dân sự 2015 (Điều 107: động sản)",
        [
            ("xe máy", "xe mô tô; xe gắn máy"),
            ("xe ô tô", "ô tô"),
            ("mua bán xe", "hợp đồng, giao dịch liên quan đến tài sản là động sản"),
        ],
    ),
    (
        "Luật Cư trú 2020 (bỏ sổ hộ khẩu từ 2023; khai báo tạm trú, xóa đăng ký thường trú) và "
        "Luật Du lịch 2017 (cơ sở lưu trú)",
        [
            ("cắt hộ khẩu", "xóa đăng ký thường trú"),
            ("xóa hộ khẩu", "xóa đăng ký thường trú"),
            ("khai báo tạm trú", "đăng ký tạm trú"),
            ("ở trọ", "tạm trú"),
            ("thuê trọ", "tạm trú"),
            ("nhà trọ", "cơ sở lưu trú; tạm trú"),
        ],
    ),
    (
        "Luật Người cao tuổi 2009, Luật Người khuyết tật 2010, Nghị định 20/2021/NĐ-CP (trợ cấp, mai táng phí)",
        [
            ("người già", "người cao tuổi; trợ cấp xã hội hàng tháng"),
            ("tàn tật", "khuyết tật"),
            ("đám tang", "mai táng"),
            ("ma chay", "mai táng"),
            ("chôn cất", "mai táng"),
        ],
    ),
    (
        "Luật Xây dựng 2014 (giấy phép xây dựng nhà ở riêng lẻ)",
        [
            ("xây nhà", "xây dựng nhà ở riêng lẻ"),
            ("sửa nhà", "sửa chữa, cải tạo nhà ở riêng lẻ"),
        ],
    ),
    (
        "Luật Doanh nghiệp 2020, Nghị định 01/2021/NĐ-CP (hộ kinh doanh, doanh nghiệp)",
        [
            ("mở tiệm", "đăng ký thành lập hộ kinh doanh"),
            ("mở cửa hàng", "đăng ký thành lập hộ kinh doanh"),
            ("mở quán ăn", "đăng ký thành lập hộ kinh doanh"),
            ("buôn bán nhỏ", "hộ kinh doanh"),
            ("tạm nghỉ kinh doanh", "tạm ngừng kinh doanh"),
            ("nghỉ bán", "tạm ngừng kinh doanh"),
            ("giải thể hộ kinh doanh", "chấm dứt hoạt động hộ kinh doanh"),
            ("đóng cửa hộ kinh doanh", "chấm dứt hoạt động hộ kinh doanh"),
            ("mở công ty", "đăng ký thành lập doanh nghiệp; công ty trách nhiệm hữu hạn"),
            ("công ty một chủ", "công ty trách nhiệm hữu hạn một thành viên; doanh nghiệp tư nhân"),
            ("tnhh", "trách nhiệm hữu hạn"),
            ("đổi giám đốc", "thay đổi người đại diện theo pháp luật"),
        ],
    ),
    (
        "Luật Giáo dục 2019 (cấp học: tiểu học, trung học cơ sở, trung học phổ thông; văn bằng)",
        [
            ("cấp 1", "tiểu học"),
            ("cấp 2", "trung học cơ sở"),
            ("cấp 3", "trung học phổ thông"),
            ("vào lớp 1", "tuyển sinh tiểu học"),
            ("vào lớp 6", "tuyển sinh trung học cơ sở"),
            ("vào lớp 10", "tuyển sinh trung học phổ thông"),
            ("thi lớp 10", "tuyển sinh trung học phổ thông"),
            ("bằng tốt nghiệp", "văn bằng"),
            ("bằng cấp", "văn bằng, chứng chỉ"),
        ],
    ),
    (
        "Luật Khám bệnh, chữa bệnh 2023 (giấy phép hành nghề thay chứng chỉ hành nghề), Luật Dược 2016",
        [
            ("chứng chỉ hành nghề", "giấy phép hành nghề"),
            ("bác sĩ", "khám bệnh, chữa bệnh"),
            ("mở phòng khám", "giấy phép hoạt động đối với phòng khám"),
            ("nhà thuốc", "cơ sở bán lẻ thuốc; kinh doanh dược"),
            ("hiệu thuốc", "cơ sở bán lẻ thuốc; kinh doanh dược"),
            ("quầy thuốc", "cơ sở bán lẻ thuốc; kinh doanh dược"),
            ("thuốc tây", "dược"),
        ],
    ),
    (
        "Nghị định 105/2017/NĐ-CP (bán lẻ rượu), Nghị định 83/2014/NĐ-CP (xăng dầu), "
        "Nghị định 81/2018/NĐ-CP (khuyến mại mang tính may rủi)",
        [
            ("bán rượu", "bán lẻ rượu"),
            ("cây xăng", "cửa hàng bán lẻ xăng dầu"),
            ("bốc thăm trúng thưởng", "khuyến mại mang tính may rủi"),
            ("quay số trúng thưởng", "khuyến mại mang tính may rủi"),
            ("cào trúng thưởng", "khuyến mại mang tính may rủi"),
        ],
    ),
    (
        "Luật Đất đai 2024 (đăng ký đất đai lần đầu, đăng ký biến động, cấp lại, xóa đăng ký thế chấp)",
        [
            ("làm sổ đỏ", "cấp giấy chứng nhận quyền sử dụng đất lần đầu"),
            ("mất sổ đỏ", "cấp lại giấy chứng nhận quyền sử dụng đất do bị mất"),
            ("sang tên", "chuyển nhượng, tặng cho, thừa kế"),
            ("xóa thế chấp", "xóa đăng ký thế chấp"),
            ("tách thửa", "tách thửa đất"),
        ],
    ),
    (
        "Bộ luật Lao động 2019 (giấy phép lao động cho người nước ngoài, nội quy lao động)",
        [
            ("work permit", "giấy phép lao động"),
            ("người nước ngoài đi làm", "người lao động nước ngoài làm việc tại Việt Nam"),
            ("nội quy công ty", "nội quy lao động"),
        ],
    ),
    (
        "Viết tắt thường gặp khi gõ (domain.md §4.6: đk, dk, ko, k)",
        [
            ("ko", "không"),
            ("gp", "giấy phép"),
            ("gcn", "giấy chứng nhận"),
            ("lltp", "lý lịch tư pháp"),
        ],
    ),
]


def seed(apps, schema_editor):
    synonym = apps.get_model("search", "Synonym")
    synonym.objects.filter(source="").update(source=DOMAIN)
    for source, pairs in GROUPS:
        for colloquial, official in pairs:
            synonym.objects.get_or_create(colloquial=colloquial, defaults={"official": official, "source": source})


def unseed(apps, schema_editor):
    synonym = apps.get_model("search", "Synonym")
    synonym.objects.filter(colloquial__in=[c for _, pairs in GROUPS for c, _ in pairs]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_synonym_source")]

    operations = [migrations.RunPython(seed, unseed)]
