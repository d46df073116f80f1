"""Demo files for the demo register (content.json): small real PDF and DOCX files, written by hand.

`load_demo` calls build_files(target_dir) and imports content.json with --files-dir target_dir.
Both formats are written here without python-docx (a development tool only) or a PDF library:
a DOCX is a zip of three XML parts, a PDF a handful of objects and a cross-reference table.
The PDFs use a standard font, whose encoding lacks most Vietnamese letters, so their text is
written without diacritics (the search folds them anyway); the DOCX files keep them. One PDF
is an image only, like a scanned paper, which the text extraction logs as having no text.
The texts are illustrations for the demo, not the documents' real wording; the master plan's
aims follow the seed article on Quyết định 2665/QĐ-UBND.
"""

import io
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

from anyascii import anyascii

# Fixed dates make the files byte-identical on every run, so re-loading the demo changes nothing.
FIXED_DATE = (2025, 1, 2, 8, 0, 0)

NATIONAL_HEADER = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]

MASTER_PLAN = [
    "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG",
    "Số: 2665/QĐ-UBND",
    *NATIONAL_HEADER,
    "QUYẾT ĐỊNH",
    "Phê duyệt Quy hoạch tổng thể phát triển Công nghệ thông tin tỉnh Tiền Giang đến năm 2020",
    "Điều 1. Phê duyệt Quy hoạch tổng thể phát triển Công nghệ thông tin tỉnh Tiền Giang đến năm 2020 "
    "với mục tiêu đẩy mạnh việc ứng dụng và phát triển công nghệ thông tin nhằm phục vụ sự nghiệp "
    "công nghiệp hóa, hiện đại hóa; đưa công nghệ thông tin trở thành động lực phát triển kinh tế - xã hội.",
    "Đến năm 2010: đầu tư hạ tầng máy tính cho các cơ quan, đơn vị nhà nước từ cấp huyện trở lên, kết nối "
    "mạng LAN và mạng WAN; nâng cấp cổng thông tin điện tử của tỉnh đảm bảo cung cấp dịch vụ hành chính "
    "công mức độ 1 và 2; triển khai hệ thống thư điện tử tại cơ quan nhà nước các cấp.",
    "Đến năm 2015: đầu tư hạ tầng máy tính cho 90% cơ quan, đơn vị nhà nước cấp xã, phường, thị trấn; "
    "trang bị đồng bộ các phần mềm ứng dụng; hoàn thành cơ sở dữ liệu và các hệ thống thông tin quản lý.",
    "Đến năm 2020: nâng cấp cổng thông tin điện tử của tỉnh đảm bảo 100% cung cấp dịch vụ hành chính công "
    "mức độ 3, hướng tới hoàn thiện các dịch vụ hành chính công ở mức độ 4 phục vụ người dân "
    "và doanh nghiệp.",
    "Điều 2. Quy hoạch nêu phương án phát triển, vốn đầu tư, danh mục công trình, dự án dự kiến đầu tư "
    "đến năm 2020 và các giải pháp, cơ chế thực hiện quy hoạch.",
]


def _body(heading, *paragraphs):
    return [*NATIONAL_HEADER, heading, *paragraphs]


# filename -> lines of text (the first lines are the document's header)
FILES = {
    "qd-2665-qd-ubnd.docx": MASTER_PLAN,
    "qd-2665-qd-ubnd.pdf": MASTER_PLAN,
    "kh-125-kh-ubnd-chuyen-doi-so-2025.pdf": _body(
        "KẾ HOẠCH Chuyển đổi số tỉnh Tiền Giang năm 2025",
        "Mục tiêu: 100% thủ tục hành chính đủ điều kiện được cung cấp dưới hình thức dịch vụ công trực "
        "tuyến toàn trình; 80% hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng.",
        "Nhiệm vụ: phát triển hạ tầng số, dữ liệu số, nền tảng số dùng chung; "
        "bảo đảm an toàn thông tin mạng.",
    ),
    "qd-2050-qd-ubnd-danh-muc-tthc.docx": _body(
        "QUYẾT ĐỊNH Công bố danh mục thủ tục hành chính lĩnh vực hộ tịch",
        "Công bố kèm theo Quyết định này danh mục thủ tục hành chính lĩnh vực hộ tịch thuộc thẩm quyền giải "
        "quyết của Ủy ban nhân dân cấp xã: đăng ký khai sinh, đăng ký kết hôn, đăng ký khai tử.",
    ),
    "nq-15-2024-nq-hdnd-le-phi.pdf": _body(
        "NGHỊ QUYẾT Quy định mức thu lệ phí hộ tịch trên địa bàn tỉnh",
        "Miễn lệ phí đăng ký khai sinh, khai tử đúng hạn; mức thu lệ phí đăng ký kết hôn do Hội đồng nhân "
        "dân tỉnh quy định.",
    ),
    "ct-08-ct-ubnd-cai-cach-hanh-chinh.docx": _body(
        "CHỈ THỊ Về đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng của người dân",
        "Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân cấp huyện, cấp xã thực hiện nghiêm việc "
        "tiếp nhận, giải quyết hồ sơ đúng hạn; công khai xin lỗi khi trễ hạn.",
    ),
    "tb-312-tb-stttt-bao-tri.pdf": _body(
        "THÔNG BÁO Bảo trì hệ thống Cổng thông tin điện tử tỉnh",
        "Hệ thống tạm ngừng phục vụ từ 22 giờ đến 24 giờ để nâng cấp; thông tin được đăng trước ít nhất 7 "
        "ngày làm việc.",
    ),
    "hd-45-hd-stp-chung-thuc.docx": _body(
        "HƯỚNG DẪN Thực hiện chứng thực bản sao điện tử từ bản chính",
        "Ủy ban nhân dân cấp xã thực hiện chứng thực bản sao điện tử từ bản chính giấy tờ, "
        "văn bản bằng tiếng Việt.",
    ),
    "bc-210-bc-syt-phong-chong-dich.pdf": _body(
        "BÁO CÁO Tình hình phòng, chống dịch bệnh sốt xuất huyết",
        "Số ca mắc giảm so với cùng kỳ; đề nghị các địa phương duy trì chiến dịch diệt lăng quăng.",
    ),
    # An image only, as a scanned paper: no text to extract.
    "cv-1520-ubnd-ban-quet.pdf": None,
}


LINES_PER_PAGE = 55


def pdf_bytes(lines):
    """A PDF showing `lines` (folded to ASCII, wrapped, 55 to a page) in Helvetica."""
    wrapped = []
    for line in lines:
        words, current = anyascii(line).split(), ""
        for word in words:
            if current and len(current) + 1 + len(word) > 90:
                wrapped.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
        wrapped.append(current)
    pages = [wrapped[start : start + LINES_PER_PAGE] for start in range(0, len(wrapped), LINES_PER_PAGE)] or [
        []
    ]
    # Objects: 1 catalog, 2 page tree, 3 font, then a page and its content stream for each page.
    kids = " ".join(f"{4 + 2 * n} 0 R" for n in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode("ascii"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for n, page_lines in enumerate(pages):
        text = "".join(f"({_pdf_string(line)}) Tj T*\n" for line in page_lines)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * n} 0 R >>".encode("ascii")
        )
        objects.append(_stream(f"BT /F1 10 Tf 50 800 Td 13 TL\n{text}ET".encode("ascii")))
    return _pdf(objects)


def scan_pdf_bytes():
    """A one-page PDF holding only a grey image, like a scanned paper."""
    width, height = 120, 170
    pixels = bytes(200 + (x * y) % 40 for y in range(height) for x in range(width))
    image = zlib.compress(pixels, 9)
    content = b"q 495 0 0 700 50 70 cm /Im1 Do Q"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
            _stream(
                image,
                f"/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray "
                "/BitsPerComponent 8 /Filter /FlateDecode".encode("ascii"),
            ),
            _stream(content),
        ]
    )


def _pdf_string(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _stream(data, extra=b""):
    return b"<< " + extra + b" /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"


def _pdf(objects):
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)


def docx_bytes(lines):
    """A DOCX with one paragraph per line (the first four centred and bold, as a header)."""
    paragraphs = []
    for position, line in enumerate(lines):
        style = '<w:pPr><w:jc w:val="center"/></w:pPr>' if position < 5 else ""
        bold = "<w:rPr><w:b/></w:rPr>" if position < 5 else ""
        paragraphs.append(
            f'<w:p>{style}<w:r>{bold}<w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{''.join(paragraphs)}</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELATIONSHIPS),
            ("word/document.xml", document),
        ):
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED_DATE), data.encode("utf-8"))
    return out.getvalue()


def file_bytes(filename):
    lines = FILES[filename]
    if lines is None:
        return scan_pdf_bytes()
    return pdf_bytes(lines) if filename.endswith(".pdf") else docx_bytes(lines)


def build_files(files_dir):
    """Write every demo document file into files_dir."""
    folder = Path(files_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for filename in FILES:
        (folder / filename).write_bytes(file_bytes(filename))
