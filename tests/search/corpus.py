"""A small Vietnamese corpus for relevance tests: real procedure names with the
distractors that make Vietnamese search hard (shared syllables, folded homographs,
news that merely mention a procedure, old and new tone placement)."""

import datetime

from search.documents import document_source

# slug -> (name, parent slug)
AGENCIES = {
    "ubnd-tinh": ("Ủy ban nhân dân tỉnh Tiền Giang", None),
    "so-tu-phap": ("Sở Tư pháp", "ubnd-tinh"),
    "so-xay-dung": ("Sở Xây dựng", "ubnd-tinh"),
    "ubnd-huyen-chau-thanh": ("UBND huyện Châu Thành", "ubnd-tinh"),
    "ubnd-xa-long-hung": ("UBND xã Long Hưng", "ubnd-huyen-chau-thanh"),
}


def agency_chain(slug):
    chain = []
    while slug:
        chain.append(slug)
        slug = AGENCIES[slug][1]
    return chain


PROCEDURES = [
    # (id, code, title, agency, sector, level, summary, body)
    (
        1,
        "1.001193",
        "Đăng ký khai sinh",
        "ubnd-xa-long-hung",
        "ho-tich",
        2,
        "Thủ tục đăng ký khai sinh cho trẻ em tại Ủy ban nhân dân cấp xã.",
        "Người đi đăng ký khai sinh nộp tờ khai theo mẫu và giấy chứng sinh. "
        "Trường hợp không có giấy chứng sinh thì nộp văn bản của người làm chứng. "
        "Lệ phí: miễn lệ phí đăng ký khai sinh đúng hạn.",
    ),
    (
        2,
        "1.000656",
        "Đăng ký khai tử",
        "ubnd-xa-long-hung",
        "ho-tich",
        2,
        "Đăng ký việc tử cho người chết tại Ủy ban nhân dân cấp xã.",
        "Hồ sơ gồm tờ khai đăng ký khai tử theo mẫu, giấy báo tử hoặc giấy tờ thay thế "
        "giấy báo tử do cơ quan có thẩm quyền cấp. Thời hạn: ngay trong ngày.",
    ),
    (
        3,
        "1.000894",
        "Đăng ký kết hôn",
        "ubnd-xa-long-hung",
        "ho-tich",
        2,
        "Đăng ký kết hôn giữa công dân Việt Nam với nhau tại cấp xã.",
        "Hai bên nam, nữ nộp tờ khai đăng ký kết hôn và xuất trình giấy tờ tùy thân.",
    ),
    (
        4,
        "1.009974",
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "so-xay-dung",
        "xay-dung",
        3,
        "Cấp giấy phép xây dựng cho hộ gia đình, cá nhân xây dựng nhà ở riêng lẻ.",
        "Hồ sơ đề nghị cấp giấy phép xây dựng gồm đơn đề nghị, bản sao giấy tờ chứng minh "
        "quyền sử dụng đất và bản vẽ thiết kế xây dựng.",
    ),
    (
        5,
        "2.000720",
        "Đăng ký thành lập hộ kinh doanh",
        "ubnd-huyen-chau-thanh",
        "ho-kinh-doanh",
        3,
        "Cá nhân, thành viên hộ gia đình đăng ký thành lập hộ kinh doanh.",
        "Giấy đề nghị đăng ký hộ kinh doanh, bản sao giấy tờ pháp lý của cá nhân đối với "
        "các thành viên hộ gia đình đăng ký hộ kinh doanh.",
    ),
    (
        6,
        "1.004222",
        "Đăng ký thường trú",
        "ubnd-xa-long-hung",
        "cu-tru",
        4,
        "Công dân đăng ký thường trú tại chỗ ở hợp pháp.",
        "Tờ khai thay đổi thông tin cư trú; giấy tờ chứng minh chỗ ở hợp pháp.",
    ),
    (
        7,
        "1.012345",
        "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi",
        "ubnd-tinh",
        "can-cuoc",
        4,
        "Cấp thẻ căn cước lần đầu cho công dân Việt Nam.",
        "Công dân đến cơ quan quản lý căn cước để thu nhận thông tin sinh trắc học.",
    ),
    (
        8,
        "1.003003",
        "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        "ubnd-huyen-chau-thanh",
        "dat-dai",
        3,
        "Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở cho hộ gia đình, cá nhân.",
        "Đơn đăng ký đất đai, tài sản gắn liền với đất; giấy tờ về quyền sử dụng đất.",
    ),
    (
        9,
        "1.004873",
        "Cấp giấy xác nhận tình trạng hôn nhân",
        "ubnd-xa-long-hung",
        "ho-tich",
        2,
        "Xác nhận tình trạng hôn nhân để kết hôn hoặc sử dụng vào mục đích khác.",
        "Tờ khai cấp giấy xác nhận tình trạng hôn nhân theo mẫu.",
    ),
    (
        10,
        "2.000815",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        "ubnd-xa-long-hung",
        "chung-thuc",
        2,
        "Chứng thực bản sao từ bản chính do cơ quan có thẩm quyền của Việt Nam cấp.",
        "Người yêu cầu chứng thực xuất trình bản chính và bản sao cần chứng thực.",
    ),
    (
        11,
        "1.001695",
        "Đăng ký khai sinh có yếu tố nước ngoài",
        "so-tu-phap",
        "ho-tich",
        2,
        "Đăng ký khai sinh cho trẻ em có cha hoặc mẹ là người nước ngoài.",
        "Tờ khai đăng ký khai sinh, giấy chứng sinh, văn bản thỏa thuận chọn quốc tịch.",
    ),
    (
        12,
        "2.000635",
        "Cấp bản sao trích lục hộ tịch",
        "so-tu-phap",
        "ho-tich",
        2,
        "Cấp bản sao trích lục hộ tịch đã đăng ký trong cơ sở dữ liệu hộ tịch.",
        "Người yêu cầu nộp tờ khai cấp bản sao trích lục hộ tịch.",
    ),
    (
        13,
        "1.003459",
        "Cấp phép hoạt động trong phạm vi bảo vệ công trình thủy lợi",
        "so-xay-dung",
        "thuy-loi",
        3,
        "Cấp phép cho các hoạt động trong phạm vi bảo vệ công trình thủy lợi.",
        "Đơn đề nghị cấp phép, bản đồ vị trí khu vực hoạt động trong công trình thủy lợi.",
    ),
]

NEWS = [
    # (id, title, agency, date, summary, body)
    (
        101,
        "Hướng dẫn người dân đăng ký khai sinh trực tuyến",
        "so-tu-phap",
        datetime.date(2026, 10, 2),
        "Sở Tư pháp hướng dẫn đăng ký khai sinh trên Cổng dịch vụ công.",
        "Người dân có thể đăng ký khai sinh trực tuyến tại nhà. Thủ tục đăng ký khai sinh "
        "được thực hiện toàn trình.",
    ),
    (
        102,
        "Trường THPT tổ chức kê khai thông tin học sinh đầu năm",
        "ubnd-huyen-chau-thanh",
        datetime.date(2026, 9, 5),
        "Học sinh kê khai thông tin cá nhân trước ngày khai giảng.",
        "Nhà trường đề nghị phụ huynh hướng dẫn học sinh kê khai đầy đủ. Sinh hoạt đầu khóa "
        "diễn ra sau lễ khai giảng.",
    ),
    (
        103,
        "Chủ tịch UBND huyện đối thoại với các hộ kinh doanh",
        "ubnd-huyen-chau-thanh",
        datetime.date(2026, 8, 20),
        "Chủ tịch UBND huyện lắng nghe ý kiến của hộ kinh doanh cá thể.",
        "Buổi đối thoại có sự tham dự của hơn 100 hộ kinh doanh; chủ tịch trả lời nhiều kiến nghị.",
    ),
    (
        104,
        "Uỷ ban nhân dân tỉnh họp phiên thường kỳ tháng 10",
        "ubnd-tinh",
        datetime.date(2026, 10, 30),
        "Uỷ ban nhân dân tỉnh Tiền Giang đánh giá tình hình kinh tế - xã hội.",
        "Phiên họp bàn về công tác thuỷ lợi, phòng chống hạn mặn và giải ngân vốn đầu tư.",
    ),
    (
        105,
        "Ủy ban nhân dân tỉnh chỉ đạo bảo đảm an toàn công trình thủy lợi",
        "ubnd-tinh",
        datetime.date(2026, 7, 14),
        "Ủy ban nhân dân tỉnh Tiền Giang yêu cầu kiểm tra hệ thống thủy lợi trước mùa mưa.",
        "Các địa phương rà soát công trình thủy lợi xung yếu và phương án hòa giải tranh chấp.",
    ),
    (
        106,
        "Nhiều người vẫn quen gọi giấy chứng tử",
        "so-tu-phap",
        datetime.date(2026, 6, 1),
        "Một số người dân hỏi về cách làm giấy chứng tử cho người thân.",
        "Cán bộ tư pháp giải thích: giấy chứng tử nay là trích lục khai tử.",
    ),
    (
        107,
        "Tiến độ chi trả tiền lương tháng 9",
        "ubnd-tinh",
        datetime.date(2026, 9, 30),
        "Báo cáo tiến độ chi trả tiền lương và phụ cấp.",
        "Tiền lương được chi trả đúng tiến độ cho cán bộ, công chức.",
    ),
    (
        108,
        "Tiền Giang đẩy mạnh chuyển đổi số",
        "ubnd-tinh",
        datetime.date(2026, 10, 15),
        "Tỉnh Tiền Giang triển khai nhiều giải pháp chuyển đổi số.",
        "Người dân Tiền Giang sử dụng dịch vụ công trực tuyến ngày càng nhiều.",
    ),
    (
        109,
        "Người dân xã Long Hưng nhận sổ đỏ",
        "ubnd-xa-long-hung",
        datetime.date(2026, 5, 10),
        "Trao giấy chứng nhận cho 20 hộ dân.",
        "Các hộ dân phấn khởi khi nhận sổ đỏ sau nhiều năm chờ đợi.",
    ),
]

PAGES = [
    # (id, title, agency, summary, body)
    (
        201,
        "Sở Tư pháp",
        "so-tu-phap",
        "Cơ quan chuyên môn tham mưu về hộ tịch, chứng thực, lý lịch tư pháp.",
        "Địa chỉ: số 1 đường Hùng Vương, phường Mỹ Tho.",
    ),
    (
        202,
        "Giới thiệu tỉnh Tiền Giang",
        "ubnd-tinh",
        "Tiền Giang là tỉnh thuộc vùng đồng bằng sông Cửu Long.",
        "Thành phố Mỹ Tho là trung tâm hành chính của tỉnh.",
    ),
]


def source(kind, folder, page_id, title, agency, summary, body, **fields):
    """(id, source) of one corpus entry at /`folder`/`page_id`/."""
    return page_id, document_source(
        type=kind,
        title=title,
        url=f"/{folder}/{page_id}/",
        summary=summary,
        body=body,
        agency=agency,
        agencies=agency_chain(agency),
        **fields,
    )


def documents():
    """(id, source) of every corpus entry."""
    published = datetime.datetime(2026, 1, 1, 8, 0, tzinfo=datetime.UTC)
    for page_id, code, title, agency, sector, level, summary, body in PROCEDURES:
        yield source(
            "procedure",
            "thu-tuc",
            page_id,
            title,
            agency,
            summary,
            body,
            code=code,
            sector=sector,
            sector_name=sector,
            level=level,
            published_at=published + datetime.timedelta(days=page_id),
        )
    for page_id, title, agency, date, summary, body in NEWS:
        published_at = datetime.datetime.combine(date, datetime.time(8), tzinfo=datetime.UTC)
        yield source(
            "news", "tin-tuc", page_id, title, agency, summary, body, date=date, published_at=published_at
        )
    for page_id, title, agency, summary, body in PAGES:
        yield source("page", "trang", page_id, title, agency, summary, body, published_at=published)
