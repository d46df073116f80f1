"""What a citizen sees of the register: a document's page and the register's listings."""

import datetime
import re

import pytest

from legal_documents.models import LegalDocumentPage, status_on
from tests.queries import warm_queries

from .conftest import register_of

TODAY = datetime.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("status", "effective", "expires", "expected"),
    [
        ("hieu-luc", "2020-01-01", None, "hieu-luc"),
        ("hieu-luc", "2026-07-01", None, "chua-hieu-luc"),  # effective date still ahead
        ("hieu-luc", "2020-01-01", "2026-06-01", "het-hieu-luc"),  # expired today
        ("hieu-luc", "2020-01-01", "2026-06-02", "hieu-luc"),
        ("chua-hieu-luc", "2026-05-01", None, "hieu-luc"),  # its date has come
        ("chua-hieu-luc", None, None, "chua-hieu-luc"),
        ("het-hieu-luc-mot-phan", "2020-01-01", None, "het-hieu-luc-mot-phan"),
        ("het-hieu-luc", "2027-01-01", None, "het-hieu-luc"),  # repealed before it took effect
    ],
)
def test_status_follows_the_dates(status, effective, expires, expected):
    def day(value):
        return datetime.date.fromisoformat(value) if value else None

    assert status_on(status, day(effective), day(expires), TODAY) == expected


def test_document_page_shows_its_metadata_files_and_head_metadata(
    client, make_document, plan_pdf, plan_docx, cntt
):
    page = make_document(
        "2665/QĐ-UBND",
        issued="2009-12-01",
        effective="2009-12-15",
        signer="Nguyễn Văn A",
        signer_title="Chủ tịch",
        status="het-hieu-luc",
        sector=cntt,
        summary="Phê duyệt Quy hoạch tổng thể phát triển Công nghệ thông tin đến năm 2020",
        files=[plan_pdf, plan_docx],
    )
    assert page.url == "/co-quan/van-phong-ubnd-tinh/van-ban/2665-qd-ubnd/"
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for shown in (
        '<th scope="row">Số ký hiệu</th><td>2665/QĐ-UBND</td>',
        "<td>Quyết định</td>",
        "<td>Ủy ban nhân dân tỉnh Tiền Giang</td>",
        "<td>Chủ tịch Nguyễn Văn A</td>",
        ">01/12/2009</time>",
        ">15/12/2009</time>",
        "<td>Hết hiệu lực</td>",
        "<td>Công nghệ thông tin</td>",
        "Phê duyệt Quy hoạch tổng thể",
    ):
        assert shown in html, shown
    # Files with their format and size, downloaded from the document store.
    assert re.search(r'download>Toàn văn</a> <span class="meta">\(PDF, [\d,.]+\xa0(byte|KB)\)', html)
    assert re.search(r'Toàn văn \(Word\)</a> <span class="meta">\(DOCX, ', html)
    # Dublin Core metadata in the head: title, creator, date, identifier.
    assert f'<meta name="DC.title" content="{page.title}">' in html
    assert '<meta name="DC.creator" content="Ủy ban nhân dân tỉnh Tiền Giang">' in html
    assert '<meta name="DC.date" content="2009-12-01">' in html
    assert '<meta name="DC.identifier" content="2665/QĐ-UBND">' in html
    assert html.count('name="DC.date"') == 1


def test_a_document_not_yet_in_force_says_so_until_its_date(client, make_document):
    future = datetime.date.today() + datetime.timedelta(days=30)
    page = make_document("45/QĐ-UBND", issued=datetime.date.today(), effective=future)
    html = client.get(page.url).content.decode()
    assert "Chưa có hiệu lực" in html and "Còn hiệu lực" not in html
    expired = make_document("46/QĐ-UBND", issued="2020-01-01", expires=datetime.date.today())
    assert "<td>Hết hiệu lực</td>" in client.get(expired.url).content.decode()


def test_replacing_and_amending_documents_are_shown_on_both_pages(client, make_document):
    old = make_document("2665/QĐ-UBND", issued="2009-12-01")
    amended = make_document("2050/QĐ-UBND", issued="2023-08-14")
    new = make_document(
        "1205/QĐ-UBND", issued="2021-05-18", relations=[("thay-the", old), ("sua-doi", amended)]
    )
    html = client.get(new.url).content.decode()
    assert f'Thay thế văn bản: <a href="{old.url}">' in html
    assert f'Sửa đổi, bổ sung văn bản: <a href="{amended.url}">' in html
    assert f'Bị thay thế bởi: <a href="{new.url}">' in client.get(old.url).content.decode()
    assert f'Được sửa đổi, bổ sung bởi: <a href="{new.url}">' in client.get(amended.url).content.decode()
    # An unpublished replacement is not shown.
    new.unpublish()
    assert "Bị thay thế bởi" not in client.get(old.url).content.decode()


def titles_in(html):
    return re.findall(r'<h2 class="register-list__title"><a href="[^"]+">([^<]+)</a>', html)


def test_portal_register_lists_every_agency_newest_issued_first(client, make_agency, make_document):
    health = make_agency("so-y-te", "Sở Y tế")
    make_document("1/QĐ-UBND", issued="2019-03-01", summary="Văn bản cũ nhất")
    make_document("2/QĐ-SYT", issued="2025-01-02", agency=health, summary="Văn bản mới nhất")
    make_document("3/QĐ-UBND", issued="2022-07-07", summary="Văn bản ở giữa")
    html = client.get("/van-ban/").content.decode()
    assert [t.split(" ", 4)[-1] for t in titles_in(html)] == [
        "văn bản mới nhất",
        "văn bản ở giữa",
        "văn bản cũ nhất",
    ]
    assert "Tìm thấy 3 văn bản." in html
    assert 'Ban hành <time datetime="2025-01-02">02/01/2025</time>' in html

    # The agency's own register, in its subsite, lists only its documents.
    own = client.get(register_of(health).url).content.decode()
    assert [t.split(" ", 4)[-1] for t in titles_in(own)] == ["văn bản mới nhất"]


def test_register_is_paginated_with_a_constant_number_of_queries(client, make_document):
    for n in range(45):
        make_document(f"{n + 1}/QĐ-UBND", issued=datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    first = client.get("/van-ban/").content.decode()
    assert len(titles_in(first)) == 20 and "Trang 1 / 3" in first
    assert titles_in(first)[0].startswith("Quyết định số 45/QĐ-UBND")
    last = client.get("/van-ban/?page=3").content.decode()
    assert len(titles_in(last)) == 5 and titles_in(last)[-1].startswith("Quyết định số 1/QĐ-UBND")
    assert warm_queries(client, "/van-ban/") == warm_queries(client, "/van-ban/?page=2&type=quyet-dinh")


def test_document_page_and_register_stay_within_the_query_budget(client, make_document, plan_pdf):
    page = make_document("2665/QĐ-UBND", files=[plan_pdf])
    assert warm_queries(client, page.url) <= 12
    assert warm_queries(client, "/van-ban/") <= 12


def test_the_register_is_in_the_menu_and_the_sitemap(client, make_document):
    make_document("2665/QĐ-UBND")
    home = client.get("/").content.decode()
    assert 'href="/van-ban/"' in home
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/van-ban/</loc>" in sitemap
    assert LegalDocumentPage.objects.get().url in sitemap


def test_home_page_shows_the_newest_documents(client, make_document):
    make_document("7/QĐ-UBND", issued="2025-05-05", summary="Ban hành quy chế mới nhất")
    html = client.get("/").content.decode()
    assert 'id="latest-documents-title">Văn bản mới</h2>' in html
    assert "Quyết định số 7/QĐ-UBND ban hành quy chế mới nhất" in html
    assert "05/05/2025" in html
