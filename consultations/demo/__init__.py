"""The demo drafts' files (content.json), written as DOCX by python-docx.

`load_demo` calls build_files(target_dir) and imports content.json with --files-dir target_dir.
The open draft's dates in content.json are relative ("today-10", "today+20"; see
consultations/importing.py), so that it is open whenever the demo is loaded; the closed one has
fixed past dates and its outcome. Fixed file timestamps keep the files byte-identical, so a
second load reuses the documents.
"""

from docx import Document

from portal_site.demo import docx_bytes, write_files

# filename -> (title, paragraphs)
FILES = {
    "du-thao-quy-che-phoi-hop-tro-giup-phap-ly.docx": (
        "DỰ THẢO QUY CHẾ PHỐI HỢP THỰC HIỆN TRỢ GIÚP PHÁP LÝ TRÊN ĐỊA BÀN TỈNH TIỀN GIANG",
        [
            "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng",
            "Quy chế này quy định nguyên tắc, nội dung và trách nhiệm phối hợp giữa các cơ quan, "
            "đơn vị trong hoạt động trợ giúp pháp lý trên địa bàn tỉnh (nội dung minh họa).",
            "Điều 2. Nguyên tắc phối hợp",
            "Việc phối hợp bảo đảm kịp thời, đúng quy định, không làm ảnh hưởng đến quyền được trợ "
            "giúp pháp lý của người dân.",
            "Điều 3. Trách nhiệm của Sở Tư pháp",
            "Sở Tư pháp chủ trì, hướng dẫn, theo dõi, đôn đốc việc thực hiện Quy chế.",
        ],
    ),
    "du-thao-ke-hoach-chuyen-doi-so-2026.docx": (
        "DỰ THẢO KẾ HOẠCH CHUYỂN ĐỔI SỐ TỈNH TIỀN GIANG NĂM 2026",
        [
            "Mục tiêu: 100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình "
            "(nội dung minh họa).",
            "Nhiệm vụ: hoàn thiện nền tảng dữ liệu dùng chung; đào tạo kỹ năng số cho cán bộ.",
        ],
    ),
    "bao-cao-tiep-thu-ke-hoach-chuyen-doi-so-2026.docx": (
        "BÁO CÁO TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý DỰ THẢO KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026",
        [
            "Tổng số ý kiến nhận được: 3 (nội dung minh họa).",
            "Ý kiến về Điều 2 được tiếp thu: bổ sung chỉ tiêu đào tạo kỹ năng số cho người dân.",
            "Ý kiến về Điều 3 được giải trình: kinh phí thực hiện theo kế hoạch ngân sách hằng năm.",
        ],
    ),
}


def draft_docx(title, paragraphs):
    document = Document()
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    properties = document.core_properties
    properties.title, properties.author = title, "Cổng thông tin điện tử tỉnh Tiền Giang (minh họa)"
    return docx_bytes(document)


def build_files(target_dir):
    return write_files(target_dir, FILES, draft_docx)
