"""Demo forms for the demo procedures (content.json), written as real DOCX files by python-docx.

`load_demo` calls build_files(target_dir) and imports content.json with --files-dir target_dir.
The field lists follow the official models as far as domain.md records them (the birth
registration form in detail); they are illustrations for the demo, not the legal templates.
Procedure codes in content.json other than those quoted in domain.md are illustrative too.
"""

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from portal_site.demo import docx_bytes, write_files

NATIONAL_HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
DOTS = " " + "." * 60

# filename -> (title, addressee, [(section heading or "", [field labels])], closing lines)
FORMS = {
    "to-khai-dang-ky-khai-sinh.docx": (
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "Ủy ban nhân dân xã/phường",
        [
            (
                "A. Người yêu cầu",
                [
                    "Họ, chữ đệm, tên",
                    "Ngày, tháng, năm sinh",
                    "Giấy tờ tùy thân (loại, số, ngày cấp, nơi cấp)",
                    "Nơi cư trú",
                    "Quan hệ với người được khai sinh",
                ],
            ),
            (
                "B. Người được khai sinh",
                [
                    "Họ, chữ đệm, tên",
                    "Ngày, tháng, năm sinh",
                    "Ngày, tháng, năm sinh (ghi bằng chữ)",
                    "Giới tính",
                    "Dân tộc",
                    "Quốc tịch",
                    "Nơi sinh",
                    "Quê quán",
                ],
            ),
            (
                "C. Người mẹ",
                [
                    "Họ, chữ đệm, tên",
                    "Năm sinh",
                    "Dân tộc",
                    "Quốc tịch",
                    "Nơi cư trú",
                    "Số định danh cá nhân",
                ],
            ),
            (
                "D. Người cha",
                [
                    "Họ, chữ đệm, tên",
                    "Năm sinh",
                    "Dân tộc",
                    "Quốc tịch",
                    "Nơi cư trú",
                    "Số định danh cá nhân",
                ],
            ),
            (
                "E. Giấy chứng nhận kết hôn của cha, mẹ (nếu có)",
                ["Số", "Quyển số", "Ngày đăng ký", "Nơi đăng ký"],
            ),
            ("F. Đề nghị cấp bản sao", ["Có / Không", "Số lượng bản sao"]),
        ],
        [
            "Tôi cam đoan nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật "
            "về cam đoan của mình.",
        ],
    ),
    "to-khai-dang-ky-khai-tu.docx": (
        "TỜ KHAI ĐĂNG KÝ KHAI TỬ",
        "Ủy ban nhân dân xã/phường",
        [
            (
                "Người yêu cầu",
                [
                    "Họ, chữ đệm, tên",
                    "Giấy tờ tùy thân (loại, số, ngày cấp, nơi cấp)",
                    "Nơi cư trú",
                    "Quan hệ với người đã chết",
                ],
            ),
            (
                "Người đã chết",
                [
                    "Họ, chữ đệm, tên",
                    "Ngày, tháng, năm sinh",
                    "Giới tính",
                    "Dân tộc",
                    "Quốc tịch",
                    "Số định danh cá nhân",
                    "Nơi cư trú cuối cùng",
                    "Đã chết vào lúc (giờ, phút, ngày, tháng, năm)",
                    "Nơi chết",
                    "Nguyên nhân chết",
                    "Số Giấy báo tử hoặc giấy tờ thay thế, ngày cấp, cơ quan cấp",
                ],
            ),
            ("Đề nghị cấp bản sao", ["Có / Không", "Số lượng bản sao"]),
        ],
        ["Tôi cam đoan nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật."],
    ),
    "to-khai-dang-ky-ket-hon.docx": (
        "TỜ KHAI ĐĂNG KÝ KẾT HÔN",
        "Ủy ban nhân dân xã/phường",
        [
            (
                "Bên nữ",
                [
                    "Họ, chữ đệm, tên",
                    "Ngày, tháng, năm sinh",
                    "Dân tộc",
                    "Quốc tịch",
                    "Nơi cư trú",
                    "Giấy tờ tùy thân (loại, số, ngày cấp, nơi cấp)",
                    "Kết hôn lần thứ mấy",
                ],
            ),
            (
                "Bên nam",
                [
                    "Họ, chữ đệm, tên",
                    "Ngày, tháng, năm sinh",
                    "Dân tộc",
                    "Quốc tịch",
                    "Nơi cư trú",
                    "Giấy tờ tùy thân (loại, số, ngày cấp, nơi cấp)",
                    "Kết hôn lần thứ mấy",
                ],
            ),
            ("Đề nghị cấp bản sao", ["Có / Không", "Số lượng bản sao"]),
        ],
        [
            "Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn của chúng tôi là "
            "tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia đình Việt Nam.",
        ],
    ),
    "to-khai-cap-giay-xac-nhan-tinh-trang-hon-nhan.docx": (
        "TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
        "Ủy ban nhân dân xã/phường",
        [
            (
                "Người yêu cầu",
                [
                    "Họ, chữ đệm, tên",
                    "Giấy tờ tùy thân (loại, số, ngày cấp, nơi cấp)",
                    "Nơi cư trú",
                    "Quan hệ với người được cấp giấy xác nhận",
                ],
            ),
            (
                "Người được cấp giấy xác nhận",
                [
                    "Họ, chữ đệm, tên",
                    "Ngày, tháng, năm sinh",
                    "Giới tính",
                    "Dân tộc",
                    "Quốc tịch",
                    "Số định danh cá nhân",
                    "Nơi cư trú",
                    "Tình trạng hôn nhân",
                    "Mục đích sử dụng giấy xác nhận",
                ],
            ),
        ],
        ["Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật."],
    ),
    "to-khai-yeu-cau-cap-phieu-ly-lich-tu-phap.docx": (
        "TỜ KHAI YÊU CẦU CẤP PHIẾU LÝ LỊCH TƯ PHÁP",
        "Sở Tư pháp tỉnh Tiền Giang",
        [
            (
                "Thông tin người yêu cầu",
                [
                    "Họ, chữ đệm, tên",
                    "Tên gọi khác (nếu có)",
                    "Giới tính",
                    "Ngày, tháng, năm sinh",
                    "Nơi sinh",
                    "Quốc tịch",
                    "Dân tộc",
                    "Số định danh cá nhân",
                    "Nơi thường trú",
                    "Nơi tạm trú",
                    "Điện thoại, thư điện tử",
                ],
            ),
            (
                "Thông tin về cha, mẹ, vợ/chồng",
                [
                    "Họ và tên cha",
                    "Năm sinh của cha",
                    "Họ và tên mẹ",
                    "Năm sinh của mẹ",
                    "Họ và tên vợ/chồng",
                    "Năm sinh của vợ/chồng",
                ],
            ),
            (
                "Quá trình cư trú (từ đủ 14 tuổi)",
                ["Từ tháng, năm đến tháng, năm", "Nơi cư trú", "Nghề nghiệp, nơi làm việc"],
            ),
            (
                "Nội dung yêu cầu",
                [
                    "Loại Phiếu (Phiếu số 1 / Phiếu số 2)",
                    "Mục đích sử dụng Phiếu",
                    "Số lượng Phiếu",
                    "Yêu cầu xác nhận về việc cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, "
                    "hợp tác xã (Có / Không)",
                ],
            ),
        ],
        ["Tôi xin cam đoan những lời khai trên là đúng sự thật và chịu trách nhiệm về lời khai của mình."],
    ),
    "phieu-yeu-cau-chung-thuc.docx": (
        "PHIẾU YÊU CẦU CHỨNG THỰC",
        "Ủy ban nhân dân xã/phường",
        [
            (
                "Người yêu cầu chứng thực",
                [
                    "Họ, chữ đệm, tên",
                    "Giấy tờ tùy thân (loại, số, ngày cấp, nơi cấp)",
                    "Địa chỉ",
                    "Điện thoại",
                ],
            ),
            (
                "Nội dung yêu cầu",
                [
                    "Loại việc (chứng thực bản sao từ bản chính / chữ ký / hợp đồng, giao dịch)",
                    "Tên giấy tờ, văn bản cần chứng thực",
                    "Số bản chính",
                    "Số bản sao cần chứng thực",
                ],
            ),
        ],
        ["Tôi cam đoan giấy tờ, văn bản yêu cầu chứng thực là hợp pháp và chịu trách nhiệm về nội dung đó."],
    ),
    "don-de-nghi-cap-giay-phep-xay-dung.docx": (
        "ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP XÂY DỰNG (Dùng cho nhà ở riêng lẻ)",
        "Ủy ban nhân dân huyện",
        [
            (
                "1. Chủ đầu tư (chủ hộ)",
                [
                    "Tên chủ đầu tư",
                    "Số định danh cá nhân",
                    "Người đại diện, chức vụ",
                    "Địa chỉ liên hệ",
                    "Điện thoại",
                ],
            ),
            (
                "2. Địa điểm xây dựng",
                ["Lô đất số", "Diện tích (m²)", "Số nhà, đường", "Xã/phường", "Tỉnh/thành phố"],
            ),
            (
                "3. Tổ chức, cá nhân lập, thẩm tra thiết kế",
                ["Tên tổ chức/cá nhân", "Số chứng chỉ hành nghề", "Chủ nhiệm, chủ trì thiết kế"],
            ),
            (
                "4. Nội dung đề nghị cấp phép",
                [
                    "Cấp công trình",
                    "Cốt xây dựng",
                    "Khoảng lùi",
                    "Diện tích xây dựng tầng 1 (m²)",
                    "Tổng diện tích sàn (m²)",
                    "Chiều cao công trình (m)",
                    "Số tầng",
                ],
            ),
            ("5. Dự kiến thời gian hoàn thành công trình", ["Thời gian (tháng)"]),
            ("6. Tài liệu gửi kèm", ["Danh mục tài liệu"]),
        ],
        [
            "Tôi xin cam kết làm theo đúng giấy phép được cấp, nếu sai tôi xin hoàn toàn chịu trách nhiệm "
            "và bị xử lý theo quy định của pháp luật."
        ],
    ),
    "giay-de-nghi-dang-ky-ho-kinh-doanh.docx": (
        "GIẤY ĐỀ NGHỊ ĐĂNG KÝ HỘ KINH DOANH",
        "Phòng Tài chính - Kế hoạch huyện",
        [
            (
                "Chủ hộ kinh doanh",
                [
                    "Họ, chữ đệm, tên",
                    "Ngày, tháng, năm sinh",
                    "Giới tính",
                    "Dân tộc",
                    "Quốc tịch",
                    "Số định danh cá nhân",
                    "Nơi thường trú",
                    "Điện thoại",
                ],
            ),
            (
                "Hộ kinh doanh",
                [
                    "Tên hộ kinh doanh",
                    "Địa chỉ trụ sở",
                    "Ngành, nghề kinh doanh",
                    "Vốn kinh doanh (đồng)",
                    "Số lượng lao động",
                ],
            ),
            (
                "Thành viên hộ gia đình tham gia (nếu có)",
                ["Họ và tên", "Số định danh cá nhân", "Nơi thường trú"],
            ),
        ],
        ["Tôi cam kết về tính hợp pháp, chính xác, trung thực của nội dung đăng ký trên."],
    ),
    "to-khai-thay-doi-thong-tin-cu-tru.docx": (
        "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
        "Công an xã/phường",
        [
            (
                "Người khai",
                [
                    "Họ, chữ đệm, tên",
                    "Ngày, tháng, năm sinh",
                    "Giới tính",
                    "Số định danh cá nhân",
                    "Số điện thoại",
                    "Thư điện tử",
                ],
            ),
            ("Chủ hộ", ["Họ, chữ đệm, tên chủ hộ", "Số định danh cá nhân của chủ hộ", "Quan hệ với chủ hộ"]),
            (
                "Nội dung đề nghị",
                [
                    "Đăng ký thường trú / tạm trú / khai báo thông tin",
                    "Địa chỉ cư trú",
                    "Thời hạn tạm trú (nếu có)",
                ],
            ),
            (
                "Những thành viên trong hộ gia đình cùng thay đổi",
                ["Họ và tên", "Ngày sinh", "Số định danh cá nhân", "Quan hệ với chủ hộ"],
            ),
        ],
        ["Ý kiến của chủ hộ, chủ sở hữu chỗ ở hợp pháp (ký, ghi rõ họ tên)."],
    ),
    "don-de-nghi-cap-giay-phep-kinh-doanh-ruou.docx": (
        "ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP BÁN LẺ RƯỢU",
        "Phòng Kinh tế",
        [
            (
                "Thương nhân",
                ["Tên thương nhân", "Địa chỉ trụ sở", "Điện thoại", "Mã số doanh nghiệp/hộ kinh doanh"],
            ),
            (
                "Nội dung đề nghị",
                ["Địa điểm kinh doanh", "Loại rượu kinh doanh", "Tên các thương nhân cung cấp rượu"],
            ),
        ],
        ["Thương nhân cam kết thực hiện đúng quy định về kinh doanh rượu."],
    ),
    "don-de-nghi-tro-cap-xa-hoi.docx": (
        "TỜ KHAI ĐỀ NGHỊ TRỢ GIÚP XÃ HỘI",
        "Ủy ban nhân dân xã/phường",
        [
            (
                "Thông tin người đề nghị",
                [
                    "Họ, chữ đệm, tên",
                    "Ngày, tháng, năm sinh",
                    "Giới tính",
                    "Số định danh cá nhân",
                    "Nơi cư trú",
                    "Điện thoại",
                ],
            ),
            (
                "Hoàn cảnh",
                [
                    "Thuộc đối tượng",
                    "Tình trạng sức khỏe, khuyết tật (nếu có)",
                    "Đang hưởng chế độ nào khác (nếu có)",
                ],
            ),
        ],
        [
            "Tôi xin cam đoan những lời khai trên là đúng sự thật, nếu có điều gì khai man tôi xin chịu "
            "trách nhiệm hoàn toàn."
        ],
    ),
    "don-dang-ky-dat-dai.docx": (
        "ĐƠN ĐĂNG KÝ ĐẤT ĐAI, TÀI SẢN GẮN LIỀN VỚI ĐẤT",
        "Văn phòng đăng ký đất đai",
        [
            (
                "1. Người sử dụng đất, chủ sở hữu tài sản gắn liền với đất",
                ["Họ và tên / tên tổ chức", "Số định danh cá nhân / mã số doanh nghiệp", "Địa chỉ"],
            ),
            (
                "2. Thửa đất",
                [
                    "Thửa đất số",
                    "Tờ bản đồ số",
                    "Địa chỉ thửa đất",
                    "Diện tích (m²)",
                    "Mục đích sử dụng",
                    "Thời hạn sử dụng",
                    "Nguồn gốc sử dụng",
                ],
            ),
            (
                "3. Tài sản gắn liền với đất (nếu có)",
                ["Loại tài sản", "Diện tích xây dựng (m²)", "Diện tích sàn (m²)", "Kết cấu, số tầng"],
            ),
            (
                "4. Nội dung đề nghị",
                [
                    "Đăng ký lần đầu / đăng ký biến động",
                    "Nội dung biến động (nếu có)",
                    "Đề nghị cấp Giấy chứng nhận (có / không)",
                ],
            ),
        ],
        [
            "Tôi cam đoan nội dung kê khai trên đơn là đúng sự thật, nếu sai tôi hoàn toàn chịu trách nhiệm "
            "trước pháp luật."
        ],
    ),
    "don-xin-chuyen-truong.docx": (
        "ĐƠN XIN CHUYỂN TRƯỜNG",
        "Hiệu trưởng trường nơi chuyển đến",
        [
            (
                "Học sinh",
                [
                    "Họ và tên học sinh",
                    "Ngày, tháng, năm sinh",
                    "Đang học lớp",
                    "Trường đang học",
                    "Kết quả học tập, rèn luyện năm học trước",
                ],
            ),
            ("Cha, mẹ hoặc người giám hộ", ["Họ và tên", "Nơi cư trú", "Điện thoại"]),
            ("Nội dung", ["Xin chuyển đến trường", "Lý do chuyển trường"]),
        ],
        ["Ý kiến của hiệu trưởng trường nơi đi và trường nơi đến."],
    ),
}


def form_docx(title, addressee, sections, closing):
    """One form as DOCX bytes: national header, title, addressee, labelled lines, signature."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    for line in NATIONAL_HEADER:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).bold = True
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(15)
    document.add_paragraph(f"Kính gửi: {addressee}{DOTS}")
    for section, fields in sections:
        if section:
            document.add_paragraph().add_run(section).bold = True
        for label in fields:
            document.add_paragraph(f"{label}:{DOTS}")
    for line in closing:
        document.add_paragraph().add_run(line).italic = True
    signature = document.add_paragraph()
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.add_run("Làm tại ............, ngày ..... tháng ..... năm ........\n")
    signature.add_run("Người yêu cầu\n").bold = True
    signature.add_run("(Ký, ghi rõ họ, chữ đệm, tên)")
    properties = document.core_properties
    properties.title = title.capitalize()
    properties.author = properties.last_modified_by = "Cổng thông tin điện tử tỉnh Tiền Giang"
    properties.revision = 1
    return docx_bytes(document)


def build_files(target_dir):
    """Write every demo form into target_dir; returns the paths written."""
    return write_files(target_dir, FORMS, form_docx)
