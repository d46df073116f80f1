import re

import pytest

from procedures.catalogue import Catalogue
from procedures.models import FormDownload, ProcedureForm, RequiredDocument, Sector

SECTIONS = [
    "Trình tự thực hiện",
    "Cách thức thực hiện",
    "Thành phần hồ sơ",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
    "Đối tượng thực hiện",
    "Cơ quan thực hiện",
    "Kết quả thực hiện",
    "Yêu cầu, điều kiện thực hiện",
    "Căn cứ pháp lý",
    "Biểu mẫu",
]


def test_detail_page_shows_every_section_fee_level_and_contact(client, birth_registration, make_procedure):
    make_procedure("1.000656", "Thủ tục đăng ký khai tử")
    response = client.get(birth_registration.url)
    assert response.status_code == 200
    html = response.content.decode()
    for heading in SECTIONS:
        assert re.search(rf"<h2 id=\"\w+\">{re.escape(heading)}</h2>", html), heading
    assert "Miễn lệ phí đăng ký khai sinh đúng hạn" in html
    assert "1.001193" in html and "2.000986" in html
    assert 'class="badge badge--level-2"' in html and "Thông tin và biểu mẫu tải về" in html
    assert "Dịch vụ công trực tuyến toàn trình" in html
    assert "60/2014/QH13" in html
    assert "Bản chính: 1" in html
    # The agency's contact and a related procedure of the same sector.
    assert "stp@tiengiang.gov.vn" in html and "0273 3872 395" in html
    assert "Thủ tục đăng ký khai tử" in html
    # Last-updated date as dd/mm/yyyy, the procedure stylesheet, the download label.
    assert re.search(r"Cập nhật lần cuối: \d{2}/\d{2}/\d{4}", html)
    assert "procedures/procedures.css" in html
    assert "(DOCX, " in html


def test_form_download_works_and_is_counted_without_personal_data(client, birth_registration):
    document = birth_registration.forms.first().document
    html = client.get(birth_registration.url).content.decode()
    assert document.url in html
    for _ in range(2):
        response = client.get(document.url, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"PK\x03\x04")
    counter = FormDownload.objects.get(document=document)
    assert counter.count == 2
    assert {field.name for field in FormDownload._meta.fields} == {"id", "document", "day", "count"}


def test_forms_of_unpublished_procedures_are_refused_anonymously(
    client, django_user_model, birth_registration
):
    document = birth_registration.forms.first().document
    birth_registration.unpublish()
    assert client.get(document.url).status_code == 404
    assert not FormDownload.objects.exists()
    editor = django_user_model.objects.create_superuser("bientap", "bt@tiengiang.gov.vn", "matkhau")
    client.force_login(editor)
    assert client.get(document.url).status_code == 200


def test_forms_in_a_private_collection_are_refused_anonymously(client, birth_registration):
    from wagtail.models import CollectionViewRestriction

    document = birth_registration.forms.first().document
    CollectionViewRestriction.objects.create(
        collection=document.collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    response = client.get(document.url)
    assert response.status_code == 302
    assert "/login" in response["Location"] or "login" in response["Location"]
    assert not FormDownload.objects.exists()


def test_forms_of_private_procedures_are_refused_anonymously(client, birth_registration):
    from wagtail.models import PageViewRestriction

    document = birth_registration.forms.first().document
    PageViewRestriction.objects.create(page=birth_registration, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(document.url).status_code == 404


@pytest.fixture
def catalogue(agency, make_agency, make_procedure, hotich):
    """27 procedures: 22 Hộ tịch at Sở Tư pháp (levels 1–2), 5 Xây dựng at a district."""
    district = make_agency("ubnd-huyen-chau-thanh", "Ủy ban nhân dân huyện Châu Thành", kind="ubnd-huyen")
    building = Sector.objects.create(name="Hoạt động xây dựng")
    for number in range(22):
        make_procedure(f"1.{number + 100:06d}", f"Thủ tục hộ tịch {number:02d}", level=1)
    for number in range(5):
        make_procedure(
            f"2.{number + 500:06d}",
            f"Cấp giấy phép xây dựng {number}",
            parent_agency=district,
            sector=building,
            implementation_level="huyen",
            level=3,
            online_service="mot-phan",
            national_portal_url="https://dichvucong.gov.vn/",
        )
    return {"district": district, "building": building}


def test_portal_catalogue_lists_every_agency_with_counts(client, portal_sections, catalogue):
    response = client.get("/thu-tuc-hanh-chinh/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tìm thấy 27 thủ tục." in html
    assert "Hộ tịch (22)" in html and "Hoạt động xây dựng (5)" in html
    assert "Sở Tư pháp (22)" in html and "Ủy ban nhân dân huyện Châu Thành (5)" in html
    assert "Mức độ 3 (5)" in html and "Cấp Huyện (5)" in html
    assert "Dịch vụ công trực tuyến một phần (5)" in html
    assert "Trang 1 / 2" in html


def test_filters_narrow_the_list_and_keep_counts_of_the_other_facets(client, portal_sections, catalogue):
    html = client.get("/thu-tuc-hanh-chinh/?sector=hoat-dong-xay-dung&level=3").content.decode()
    assert "Tìm thấy 5 thủ tục." in html
    assert "Cấp giấy phép xây dựng 0" in html and "Thủ tục hộ tịch" not in html
    # The sector facet is counted with the other filters (level 3) only.
    assert "Hộ tịch (" not in html
    html = client.get("/thu-tuc-hanh-chinh/?agency=so-tu-phap").content.decode()
    assert "Tìm thấy 22 thủ tục." in html
    html = client.get("/thu-tuc-hanh-chinh/?cap=huyen&online=mot-phan").content.decode()
    assert "Tìm thấy 5 thủ tục." in html
    html = client.get("/thu-tuc-hanh-chinh/?online=khong").content.decode()
    assert "Tìm thấy 22 thủ tục." in html


def test_agency_catalogue_lists_only_its_own_subtree(client, catalogue):
    html = client.get("/co-quan/ubnd-huyen-chau-thanh/thu-tuc/").content.decode()
    assert "Tìm thấy 5 thủ tục." in html
    assert "Thủ tục hộ tịch" not in html


def test_sorting_and_pagination_keep_the_filters_in_the_url(client, portal_sections, catalogue):
    html = client.get("/thu-tuc-hanh-chinh/?sector=ho-tich&sort=code").content.decode()
    assert html.index("1.000100") < html.index("1.000101")
    assert 'href="?sector=ho-tich&amp;sort=code&amp;page=2"' in html
    page_two = client.get("/thu-tuc-hanh-chinh/?sort=name&page=2").content.decode()
    assert "Trang 2 / 2" in page_two
    assert page_two.index("Thủ tục hộ tịch 15") < page_two.index("Thủ tục hộ tịch 21")


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5", ""])
def test_bad_page_numbers_never_fail(client, portal_sections, catalogue, page):
    response = client.get(f"/thu-tuc-hanh-chinh/?page={page}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query",
    ["level=9", "level=abc", "sector=khong-co", "agency=khong-co", "cap=quan", "sort=ngay", "online=x"],
)
def test_bad_filter_values_get_a_vietnamese_message_and_400(client, portal_sections, catalogue, query):
    response = client.get(f"/thu-tuc-hanh-chinh/?{query}")
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()


def test_catalogue_query_count_does_not_grow(
    client, portal_sections, catalogue, make_procedure, django_assert_max_num_queries, monkeypatch
):
    # Warm the caches as a real server would be (site root paths, fragments), before each count:
    # publishing the 30 procedures makes the cached fragments stale.
    client.get("/thu-tuc-hanh-chinh/?sector=ho-tich")
    with django_assert_max_num_queries(25) as small:
        client.get("/thu-tuc-hanh-chinh/?sector=ho-tich")
    budget = len(small.captured_queries)  # counted now: the next request clears Django's query log
    for number in range(30):
        make_procedure(f"1.{number + 300:06d}", f"Thủ tục bổ sung {number:02d}")
    monkeypatch.setattr(Catalogue, "page_size", 50)
    client.get("/thu-tuc-hanh-chinh/?sector=ho-tich")
    with django_assert_max_num_queries(budget):
        html = client.get("/thu-tuc-hanh-chinh/?sector=ho-tich").content.decode()
    assert html.count('class="procedure-list__title"') == 50


def test_detail_page_queries_do_not_grow_with_the_number_of_forms(
    client, birth_registration, form_document, django_assert_max_num_queries
):
    url = birth_registration.url
    client.get(url)  # warm caches (site root paths, renditions)
    with django_assert_max_num_queries(100) as one_form:
        assert client.get(url).status_code == 200
    birth_registration.forms.add(ProcedureForm(title="Mẫu thứ hai", document=form_document))
    birth_registration.forms.add(ProcedureForm(title="Mẫu thứ ba", document=form_document))
    birth_registration.required_documents.add(RequiredDocument(name="Tờ khai bổ sung", form=form_document))
    birth_registration.save_revision().publish()
    client.get(url)
    # Django resets its query log at each request, so count by the log positions.
    with django_assert_max_num_queries(one_form.final_queries - one_form.initial_queries):
        response = client.get(url)
    assert response.content.decode().count("Mẫu thứ") == 2
