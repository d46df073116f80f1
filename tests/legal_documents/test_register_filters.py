"""The register's GET filters, their facets with counts, and bad values answered with a 400."""

import datetime
import re

import pytest

from .conftest import register_of


@pytest.fixture
def documents(make_agency, make_document, cntt):
    health = make_agency("so-y-te", "Sở Y tế")
    make_document("2665/QĐ-UBND", issued="2009-12-01", status="het-hieu-luc", sector=cntt)
    make_document(
        "125/KH-UBND",
        issued="2025-02-20",
        document_type="ke-hoach",
        sector=cntt,
        summary="Chuyển đổi số tỉnh Tiền Giang năm 2025",
    )
    make_document("15/2024/NQ-HĐND", issued="2024-07-12", document_type="nghi-quyet")
    make_document("210/BC-SYT", issued="2019-08-21", agency=health, document_type="bao-cao")
    future = datetime.date.today() + datetime.timedelta(days=10)
    make_document("45/QĐ-UBND", issued=datetime.date.today(), effective=future)
    return health


def numbers(html):
    return re.findall(r"Số ([^ ]+) · Ban hành", html)


def options(html, name):
    """{value: label with count} of one filter's select."""
    block = re.search(rf'<select id="filter-{name}" name="{name}">(.*?)</select>', html, re.S).group(1)
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', block))


def test_filters_narrow_the_register(client, documents):
    assert numbers(client.get("/van-ban/?type=ke-hoach").content.decode()) == ["125/KH-UBND"]
    assert numbers(client.get("/van-ban/?year=2009").content.decode()) == ["2665/QĐ-UBND"]
    assert numbers(client.get("/van-ban/?agency=so-y-te").content.decode()) == ["210/BC-SYT"]
    sector = client.get("/van-ban/?sector=cong-nghe-thong-tin").content.decode()
    assert numbers(sector) == ["125/KH-UBND", "2665/QĐ-UBND"]
    assert numbers(client.get("/van-ban/?status=het-hieu-luc").content.decode()) == ["2665/QĐ-UBND"]
    assert numbers(client.get("/van-ban/?status=chua-hieu-luc").content.decode()) == ["45/QĐ-UBND"]
    assert numbers(client.get("/van-ban/?q=chuyển+đổi+số").content.decode()) == ["125/KH-UBND"]
    assert numbers(client.get("/van-ban/?q=2665").content.decode()) == ["2665/QĐ-UBND"]
    combined = client.get("/van-ban/?type=quyet-dinh&status=hieu-luc").content.decode()
    assert numbers(combined) == []  # 2665 is repealed, 45 not yet in force
    assert "Không có văn bản nào phù hợp" in combined


def test_facets_count_what_each_choice_would_show(client, documents):
    html = client.get("/van-ban/").content.decode()
    assert options(html, "type") == {
        "quyet-dinh": "Quyết định (2)",
        "nghi-quyet": "Nghị quyết (1)",
        "ke-hoach": "Kế hoạch (1)",
        "bao-cao": "Báo cáo (1)",
    }
    assert options(html, "agency") == {
        "so-y-te": "Sở Y tế (1)",
        "van-phong-ubnd-tinh": "Văn phòng Ủy ban nhân dân tỉnh (4)",
    }
    assert options(html, "status") == {
        "hieu-luc": "Còn hiệu lực (3)",
        "het-hieu-luc": "Hết hiệu lực (1)",
        "chua-hieu-luc": "Chưa có hiệu lực (1)",
    }
    year = str(datetime.date.today().year)
    assert list(options(html, "year"))[-1] == "2009" and year in options(html, "year")
    assert options(html, "sector") == {"cong-nghe-thong-tin": "Công nghệ thông tin (2)"}
    # Counts follow the other filters.
    narrowed = client.get("/van-ban/?sector=cong-nghe-thong-tin").content.decode()
    assert options(narrowed, "type") == {"quyet-dinh": "Quyết định (1)", "ke-hoach": "Kế hoạch (1)"}


def test_agency_register_lists_its_own_documents(client, documents):
    html = client.get(register_of(documents).url).content.decode()
    assert numbers(html) == ["210/BC-SYT"]
    assert 'id="filter-agency"' not in html  # one agency: nothing to choose


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("type=thong-tu-lien-tich", "Loại văn bản", "không có loại văn bản này"),
        ("agency=khong-co", "Cơ quan ban hành", "không có cơ quan này"),
        ("agency=%3Cscript%3E", "Cơ quan ban hành", "không có cơ quan này"),
        ("year=20x5", "Năm ban hành", "năm ban hành phải là số từ 1900 đến 2100"),
        ("year=99999999999999999999999", "Năm ban hành", "năm ban hành phải là số từ 1900 đến 2100"),
        ("year=1800", "Năm ban hành", "năm ban hành phải là số từ 1900 đến 2100"),
        ("sector=khong-co", "Lĩnh vực", "không có lĩnh vực này"),
        ("status=con-hieu-luc", "Tình trạng hiệu lực", "không có tình trạng hiệu lực này"),
        ("q=%00", "Từ khóa", "chứa ký tự không hợp lệ"),
        ("q=" + "a" * 201, "Từ khóa", "dài quá 200 ký tự"),
        ("page=0", "Trang", "số trang phải là số nguyên từ 1 trở lên"),
        ("page=abc", "Trang", "số trang phải là số nguyên từ 1 trở lên"),
    ],
)
def test_bad_filter_values_answer_400_in_vietnamese(client, documents, query, field, message):
    response = client.get(f"/van-ban/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert f"{field}: giá trị" in html and message in html
    assert "<script>" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_a_bad_value_keeps_the_good_filters(client, documents):
    response = client.get("/van-ban/?type=ke-hoach&year=abc")
    assert response.status_code == 400
    assert numbers(response.content.decode()) == ["125/KH-UBND"]


def test_a_page_past_the_end_shows_the_last_page(client, documents):
    response = client.get("/van-ban/?page=99")
    assert response.status_code == 200
    assert len(numbers(response.content.decode())) == 5
