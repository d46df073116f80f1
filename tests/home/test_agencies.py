"""Setting up agencies (create_agency, import_content), their own hostnames, the directory with
its exports, dissolved agencies, the publishing report and the demo accounts."""

import csv
import datetime
import io
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Site,
    WorkflowPage,
)

import pytest

from home.models import AgencyAccess, AgencyLeader, AgencyPage
from tests.factories import StandardPageFactory

# Every app registers its agency section (home/structure.py: register_agency_section).
AGENCY_SECTIONS = {"tin-tuc", "thu-tuc", "van-ban", "gop-y-du-thao", "hoi-dap"}


@pytest.fixture(autouse=True)
def forget_cached_sites():
    """Wagtail caches the sites' root paths; a Site rolled back with its test must not outlive it."""
    yield
    Site.clear_site_root_paths_cache()


def create_agency(*args):
    out = io.StringIO()
    call_command("create_agency", *args, stdout=out)
    return out.getvalue()


def db_snapshot():
    return (
        Page.objects.count(),
        Group.objects.count(),
        Collection.objects.count(),
        Site.objects.count(),
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
    )


# --- create_agency ----------------------------------------------------------------------


def test_create_agency_makes_page_sections_groups_permissions_workflow_and_site(portal_sections):
    out = create_agency(
        "--slug",
        "so-tu-phap",
        "--name",
        "Sở Tư pháp",
        "--email",
        "stp@tiengiang.gov.vn",
        "--phone",
        "0273 3872 395",
        "--hostname",
        "STP.example.gov.vn",
    )
    assert "Đã tạo cơ quan “Sở Tư pháp”" in out
    agency = AgencyPage.objects.get(slug="so-tu-phap")
    assert agency.live and agency.email == "stp@tiengiang.gov.vn"
    assert agency.get_parent().pk == portal_sections["co-quan"].pk
    assert {child.slug for child in agency.get_children()} == AGENCY_SECTIONS

    access = AgencyAccess.objects.get(agency=agency)
    assert access.editors.name == "Sở Tư pháp – Biên tập viên"
    assert access.moderators.name == "Sở Tư pháp – Phê duyệt"
    editor_perms = set(
        GroupPagePermission.objects.filter(group=access.editors).values_list(
            "page_id", "permission__codename"
        )
    )
    assert editor_perms == {(agency.pk, "add_page"), (agency.pk, "change_page")}
    moderator_codenames = set(
        GroupPagePermission.objects.filter(group=access.moderators, page=agency).values_list(
            "permission__codename", flat=True
        )
    )
    assert "publish_page" in moderator_codenames
    for group in (access.editors, access.moderators):
        assert group.permissions.filter(codename="access_admin").exists()
        collection_perms = GroupCollectionPermission.objects.filter(group=group)
        assert {perm.collection_id for perm in collection_perms} == {agency.collection_id}
        assert {perm.permission.codename for perm in collection_perms} == {
            "add_document",
            "change_document",
            "choose_document",
            "add_image",
            "change_image",
            "choose_image",
        }

    workflow = WorkflowPage.objects.get(page=agency).workflow
    assert workflow == access.workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [access.moderators]

    site = Site.objects.get(root_page=agency)
    assert site.hostname == "stp.example.gov.vn" and site.port == 80


def test_create_agency_twice_changes_nothing_and_says_what_it_left_alone(portal_sections):
    create_agency("--slug", "so-tu-phap", "--name", "Sở Tư pháp", "--phone", "0273 3872 395")
    before, revisions = db_snapshot(), AgencyPage.objects.get().revisions.count()
    out = create_agency("--slug", "so-tu-phap", "--name", "Sở Tư pháp")
    assert "đã tồn tại; không có gì thay đổi" in out
    assert "Giữ nguyên:" in out and "quy trình duyệt" in out
    assert db_snapshot() == before
    agency = AgencyPage.objects.get()
    assert agency.revisions.count() == revisions
    assert agency.phone == "0273 3872 395"  # an option not given is left alone


def test_create_agency_updates_only_what_changed(portal_sections):
    create_agency("--slug", "so-tu-phap", "--name", "Sở Tư pháp", "--phone", "0273 3872 395")
    agency = AgencyPage.objects.get()
    agency.leaders = [AgencyLeader(name="Phạm Quốc Bảo", title="Giám đốc")]
    agency.save_revision().publish()

    out = create_agency(
        "--slug", "so-tu-phap", "--name", "Sở Tư pháp tỉnh", "--email", "stp@tiengiang.gov.vn"
    )
    assert "đã tồn tại; đã cập nhật: thông tin cơ quan (tên, thư điện tử công vụ)" in out
    agency = AgencyPage.objects.get()
    assert agency.title == "Sở Tư pháp tỉnh" and agency.email == "stp@tiengiang.gov.vn"
    assert agency.phone == "0273 3872 395"
    assert [leader.name for leader in agency.leaders.all()] == ["Phạm Quốc Bảo"]
    access = AgencyAccess.objects.get()
    assert access.editors.name == "Sở Tư pháp tỉnh – Biên tập viên"
    assert agency.collection.name == "Sở Tư pháp tỉnh"
    assert Group.objects.filter(name__startswith="Sở Tư pháp").count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--parent", "khong-co"], "Không có cơ quan cấp trên “khong-co”"),
        (["--hostname", "http://stp.example.gov.vn"], "Tên miền “http://stp.example.gov.vn” không hợp lệ"),
        (["--hostname", "stp .gov.vn"], "không hợp lệ"),
        (["--hostname", "cong.example.gov.vn"], "đã được dùng"),
        (["--email", "không phải thư"], "Thư điện tử “không phải thư” không hợp lệ"),
    ],
)
def test_bad_input_is_refused_with_a_vietnamese_message_and_nothing_written(portal_sections, args, message):
    Site.objects.create(hostname="cong.example.gov.vn", root_page=portal_sections["tin-tuc"])
    before = db_snapshot()
    with pytest.raises(CommandError, match=message):
        create_agency("--slug", "so-moi", "--name", "Sở Mới", *args)
    assert db_snapshot() == before
    assert not AgencyPage.objects.filter(slug="so-moi").exists()


def test_invalid_slug_is_refused(portal_sections):
    with pytest.raises(CommandError, match="Định danh “Sở Mới” không hợp lệ"):
        create_agency("--slug", "Sở Mới", "--name", "Sở Mới")


def test_agency_cannot_be_put_under_its_own_sub_agency(make_agency):
    make_agency("ubnd-huyen-chau-thanh", "Ủy ban nhân dân huyện Châu Thành")
    make_agency("ubnd-xa-long-hung", "Ủy ban nhân dân xã Long Hưng", parent="ubnd-huyen-chau-thanh")
    with pytest.raises(CommandError, match="vòng lặp"):
        create_agency("--slug", "ubnd-huyen-chau-thanh", "--name", "UBND", "--parent", "ubnd-xa-long-hung")


def test_communes_with_the_same_name_get_distinct_groups(make_agency):
    make_agency("ubnd-huyen-a", "Ủy ban nhân dân huyện A")
    make_agency("ubnd-huyen-b", "Ủy ban nhân dân huyện B")
    one = make_agency("ubnd-xa-tan-phu-a", "Ủy ban nhân dân xã Tân Phú", parent="ubnd-huyen-a")
    two = make_agency("ubnd-xa-tan-phu-b", "Ủy ban nhân dân xã Tân Phú", parent="ubnd-huyen-b")
    assert one.access.editors != two.access.editors
    assert two.access.editors.name == "Ủy ban nhân dân xã Tân Phú (ubnd-xa-tan-phu-b) – Biên tập viên"


def test_commune_collection_sits_in_its_district_collection_when_districts_moderate(settings, make_agency):
    district = make_agency("ubnd-huyen-chau-thanh", "Ủy ban nhân dân huyện Châu Thành")
    commune = make_agency("ubnd-xa-long-hung", "Ủy ban nhân dân xã Long Hưng", parent="ubnd-huyen-chau-thanh")
    assert commune.collection.get_parent() == district.collection

    settings.PORTAL_PARENT_AGENCY_MODERATES_CHILDREN = False
    make_agency("ubnd-xa-long-hung", "Ủy ban nhân dân xã Long Hưng", parent="ubnd-huyen-chau-thanh")
    commune.collection.refresh_from_db()
    assert commune.collection.get_parent() == Collection.get_first_root_node()


def test_import_content_sets_up_access_and_hostname(tmp_path, portal_sections):
    data = {"agencies": [{"slug": "so-tu-phap", "name": "Sở Tư pháp", "hostname": "stp.example.gov.vn"}]}
    path = tmp_path / "agencies.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    call_command("import_content", str(path), stdout=io.StringIO())
    agency = AgencyPage.objects.get()
    assert agency.access.moderators.name == "Sở Tư pháp – Phê duyệt"
    assert Site.objects.get(hostname="stp.example.gov.vn").root_page_id == agency.pk


def test_import_content_refuses_a_bad_hostname_naming_the_entry(tmp_path, portal_sections):
    data = {"agencies": [{"slug": "so-tu-phap", "name": "Sở Tư pháp", "hostname": "stp_example"}]}
    path = tmp_path / "agencies.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match='agencies\\[0\\] slug so-tu-phap: trường "hostname"'):
        call_command("import_content", str(path), stdout=io.StringIO())
    assert not AgencyPage.objects.exists()


def test_agency_page_made_in_the_admin_gets_its_groups_and_workflow(admin_client, portal_sections):
    directory = portal_sections["co-quan"]
    url = reverse("wagtailadmin_pages:add", args=["home", "agencypage", directory.pk])
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    data = nested_form_data(
        {
            "title": "Sở Y tế",
            "slug": "so-y-te",
            "kind": "so-nganh",
            "functions": rich_text(""),
            "leaders": inline_formset([]),
            "action-publish": "1",
        }
    )
    assert admin_client.post(url, data).status_code == 302
    agency = AgencyPage.objects.get(slug="so-y-te")
    assert agency.access.editors.name == "Sở Y tế – Biên tập viên"
    assert WorkflowPage.objects.get(page=agency).workflow == agency.access.workflow
    assert {child.slug for child in agency.get_children()} == AGENCY_SECTIONS


# --- own hostname -----------------------------------------------------------------------


def test_agency_is_served_on_its_own_hostname_with_its_menu_and_the_portal_frame(client, make_agency):
    make_agency("so-tu-phap", "Sở Tư pháp", hostname="stp.example.gov.vn", email="stp@tiengiang.gov.vn")
    response = client.get("/", HTTP_HOST="stp.example.gov.vn")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Sở Tư pháp" in html
    menu = html[html.index('class="main-nav') :]
    menu = menu[: menu.index("</nav>")]
    assert 'href="/tin-tuc/"' in menu and 'href="/thu-tuc/"' in menu
    assert "Cổng thông tin điện tử tỉnh Tiền Giang" in html  # the portal's header and footer
    assert client.get("/tin-tuc/", HTTP_HOST="stp.example.gov.vn").status_code == 200
    # The portal keeps serving it under the directory too.
    assert client.get("/co-quan/so-tu-phap/").status_code == 200


# --- directory and exports ----------------------------------------------------------------


@pytest.fixture
def directory(make_agency):
    make_agency(
        "so-tu-phap",
        "Sở Tư pháp",
        email="stp@tiengiang.gov.vn",
        phone="0273 3872 395",
        address="Số 20 đường Lê Lợi, Phường 1, Mỹ Tho",
        leaders=[
            {
                "name": "Phạm Quốc Bảo",
                "title": "Giám đốc",
                "email": "pqbao.stp@tiengiang.gov.vn",
                "phone": "0273 3872 395",
            },
        ],
    )
    make_agency("ubnd-huyen-chau-thanh", "Ủy ban nhân dân huyện Châu Thành", kind="ubnd-huyen")
    make_agency(
        "ubnd-xa-long-hung",
        "Ủy ban nhân dân xã Long Hưng",
        parent="ubnd-huyen-chau-thanh",
        kind="ubnd-xa",
        email="longhung@tiengiang.gov.vn",
    )
    make_agency("so-tai-chinh", "Sở Tài chính")
    make_agency(
        "so-ke-hoach-va-dau-tu",
        "Sở Kế hoạch và Đầu tư",
        valid_to=datetime.date(2025, 2, 28),
        email="skhdt@tiengiang.gov.vn",
    )
    return AgencyPage.objects.get(slug="so-tu-phap").get_parent()


def test_directory_lists_current_agencies_with_contacts_and_leaders(client, directory):
    html = client.get("/co-quan/").content.decode()
    assert "pqbao.stp@tiengiang.gov.vn" in html and "Phạm Quốc Bảo" in html
    assert "Số 20 đường Lê Lợi" in html
    assert "Sở Kế hoạch và Đầu tư" not in html
    district, commune = html.index("huyện Châu Thành</a>"), html.index("xã Long Hưng</a>")
    assert district < commune and "<ul" in html[district:commune]


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?q=tu+phap", "Sở Tư pháp", "Sở Tài chính"),
        ("?q=LONG+HƯNG", "xã Long Hưng", "Sở Tư pháp"),
        ("?loai=ubnd-xa", "xã Long Hưng", "Sở Tài chính"),
        ("?giai_the=on", "Sở Kế hoạch và Đầu tư", "không-có"),
    ],
)
def test_directory_filters_by_name_kind_and_dissolved(client, directory, query, shown, hidden):
    html = client.get(f"/co-quan/{query}").content.decode()
    assert shown in html
    assert f">{hidden}</a>" not in html


def test_directory_refuses_an_unknown_kind_with_a_vietnamese_message(client, directory):
    response = client.get("/co-quan/?loai=khong-co")
    assert response.status_code == 400
    assert "Loại cơ quan “khong-co” không có trong danh sách." in response.content.decode()


@pytest.mark.parametrize("export", ["csv", "vcard", "vcard4"])
def test_exports_refuse_bad_filters_instead_of_exporting_everything(client, directory, export):
    response = client.get(f"/co-quan/xuat/{export}/?loai=khong-co")
    assert response.status_code == 400
    assert "Loại cơ quan “khong-co” không có trong danh sách." in response.content.decode()


def test_csv_export_opens_in_a_spreadsheet(client, directory):
    response = client.get("/co-quan/xuat/csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    agencies = {row["Cơ quan"] for row in rows}
    assert "Sở Tư pháp" in agencies and "Sở Kế hoạch và Đầu tư" not in agencies
    leader = next(row for row in rows if row["Họ và tên"] == "Phạm Quốc Bảo")
    assert leader["Chức vụ"] == "Giám đốc" and leader["Thư điện tử"] == "pqbao.stp@tiengiang.gov.vn"
    commune = next(row for row in rows if row["Cơ quan"] == "Ủy ban nhân dân xã Long Hưng")
    assert commune["Trực thuộc"] == "Ủy ban nhân dân huyện Châu Thành"
    assert commune["Thư điện tử"] == "longhung@tiengiang.gov.vn"

    dissolved = client.get("/co-quan/xuat/csv/?giai_the=on").content.decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(dissolved)) if r["Cơ quan"] == "Sở Kế hoạch và Đầu tư")
    assert row["Tình trạng"] == "Giải thể/sáp nhập từ 28/02/2025"


def test_csv_export_neutralises_formulas(client, make_agency):
    make_agency("so-a", '=HYPERLINK("http://x")')
    rows = list(csv.reader(io.StringIO(client.get("/co-quan/xuat/csv/").content.decode("utf-8-sig"))))
    assert rows[1][0].startswith("'=")


def parse_vcards(text):
    """Unfold (RFC 6350 §3.2) and split into cards of {property name: [(params, value)]}."""
    assert "\n" not in text.replace("\r\n", "")  # CRLF line endings only
    unfolded = text.replace("\r\n ", "")
    cards, card = [], None
    for line in unfolded.split("\r\n"):
        if not line:
            continue
        name_part, _, value = line.partition(":")
        name, *params = name_part.split(";")
        if line == "BEGIN:VCARD":
            card = {}
        elif line == "END:VCARD":
            cards.append(card)
        else:
            card.setdefault(name.upper(), []).append((params, value))
    return cards


@pytest.mark.parametrize(("route", "version"), [("vcard", "3.0"), ("vcard4", "4.0")])
def test_vcard_export_has_one_card_per_agency_and_leader(client, directory, route, version):
    response = client.get(f"/co-quan/xuat/{route}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    text = response.content.decode("utf-8")
    for physical_line in text.split("\r\n"):
        assert len(physical_line.encode("utf-8")) <= 75
    cards = parse_vcards(text)
    assert all(card["VERSION"][0][1] == version for card in cards)
    names = [card["FN"][0][1] for card in cards]
    # 4 current agencies + 1 leader; the dissolved one is left out by default.
    assert len(cards) == 5 and len(set(names)) == 5
    assert len({card["UID"][0][1] for card in cards}) == 5
    leader = next(card for card in cards if card["FN"][0][1] == "Phạm Quốc Bảo")
    assert leader["N"][0][1] == "Phạm;Bảo;Quốc;;"
    assert leader["ORG"][0][1] == "Sở Tư pháp"
    assert leader["TITLE"][0][1] == "Giám đốc"
    assert leader["EMAIL"][0][1] == "pqbao.stp@tiengiang.gov.vn"
    agency = next(card for card in cards if card["FN"][0][1] == "Sở Tư pháp")
    assert agency["TEL"][0][1] == "0273 3872 395"
    assert agency["ADR"][0][1] == ";;Số 20 đường Lê Lợi\\, Phường 1\\, Mỹ Tho;;;;Việt Nam"
    assert agency["URL"][0][1] == "http://localhost/co-quan/so-tu-phap/"
    if version == "4.0":
        assert agency["KIND"][0][1] == "org" and leader["KIND"][0][1] == "individual"


def test_vcard_export_follows_the_filters(client, directory):
    cards = parse_vcards(client.get("/co-quan/xuat/vcard/?loai=ubnd-xa").content.decode())
    assert [card["FN"][0][1] for card in cards] == ["Ủy ban nhân dân xã Long Hưng"]


# --- agencies that change -------------------------------------------------------------------


def test_pages_of_a_dissolved_agency_are_marked_historical_and_point_to_the_successor(client, make_agency):
    successor = make_agency("so-khoa-hoc-va-cong-nghe", "Sở Khoa học và Công nghệ")
    old = make_agency(
        "so-thong-tin-va-truyen-thong", "Sở Thông tin và Truyền thông", valid_to=datetime.date(2025, 2, 28)
    )
    old.successor = successor
    old.save_revision().publish()
    StandardPageFactory(parent=old, title="Giới thiệu chung", slug="gioi-thieu-chung")

    html = client.get("/co-quan/so-thong-tin-va-truyen-thong/gioi-thieu-chung/").content.decode()
    assert "Đây là trang lưu trữ của Sở Thông tin và Truyền thông" in html
    assert "28/02/2025" in html
    assert 'href="/co-quan/so-khoa-hoc-va-cong-nghe/"' in html
    current = client.get("/co-quan/so-khoa-hoc-va-cong-nghe/").content.decode()
    assert "trang lưu trữ" not in current
    assert client.get("/co-quan/so-thong-tin-va-truyen-thong/tin-tuc/").status_code == 200


# --- accountability ------------------------------------------------------------------------


def test_publishing_report_counts_pages_per_agency_per_month(admin_client, make_agency):
    agency = make_agency("so-tu-phap", "Sở Tư pháp")
    page = StandardPageFactory(parent=agency, title="Tin A", slug="tin-a", publish=False)
    for _ in range(3):
        page.save_revision(log_action=True).publish()
    PageLogEntry.objects.filter(page=page, action="wagtail.publish").update(
        timestamp=datetime.datetime(2025, 3, 10, 9, tzinfo=datetime.UTC)
    )
    response = admin_client.get(reverse("agency_publishing_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xuất bản theo cơ quan" in html
    assert "03/2025" in html

    export = admin_client.get(reverse("agency_publishing_report") + "?export=csv")
    content = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == ["Cơ quan", "Tháng", "Số lượt xuất bản"]
    assert ["Sở Tư pháp", "03/2025", "3"] in rows


def test_publishing_report_is_for_portal_administrators(client, agency):
    user = get_user_model().objects.create_user("bientap", "bientap@example.org", "mat-khau-thu")
    user.groups.add(agency.access.moderators)
    client.force_login(user)
    assert client.get(reverse("agency_publishing_report")).status_code == 302


# --- demo ------------------------------------------------------------------------------------


def test_demo_prints_agency_accounts_and_is_idempotent(home):
    out = io.StringIO()
    call_command("load_demo", stdout=out, stderr=io.StringIO())
    call_command("load_demo", stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    for username in ("stp.bientap", "stp.pheduyet", "chauthanh.bientap", "chauthanh.pheduyet"):
        assert f"{username} / " in text
        user = get_user_model().objects.get(username=username)
        assert user.email and user.groups.count() == 1
    editor = get_user_model().objects.get(username="stp.bientap")
    assert editor.groups.get() == AgencyPage.objects.get(slug="so-tu-phap").access.editors


def test_directory_pages_top_level_agencies_and_keeps_sub_agencies_with_them(client, directory):
    from home.models import AgencyIndexPage

    AgencyIndexPage.roots_per_page = 2
    try:
        first = client.get("/co-quan/").content.decode()
        second = client.get("/co-quan/?page=2").content.decode()
        odd = client.get("/co-quan/?page=abc")
    finally:
        AgencyIndexPage.roots_per_page = 50
    # Roots by title: Sở Tài chính, Sở Tư pháp | Ủy ban nhân dân huyện Châu Thành (with its commune).
    assert "Sở Tài chính" in first and "Trang 1 / 2" in first and "huyện Châu Thành" not in first
    assert "huyện Châu Thành" in second and "xã Long Hưng" in second and "Sở Tư pháp</a>" not in second
    assert odd.status_code == 200


def test_only_portal_administrators_create_agencies_in_the_admin(client, agency):
    from tests.factories import agency_user

    client.force_login(agency_user(agency, "moderators"))
    response = client.get(reverse("wagtailadmin_pages:add", args=["home", "agencypage", agency.pk]))
    assert response.status_code == 302
    assert AgencyPage.objects.count() == 1


def test_agency_slugs_are_unique_across_the_portal(make_agency):
    from django.core.exceptions import ValidationError

    district = make_agency("ubnd-huyen-chau-thanh", "Ủy ban nhân dân huyện Châu Thành")
    duplicate = AgencyPage(title="Sở Tư pháp (trùng)", slug="ubnd-huyen-chau-thanh")
    with pytest.raises(ValidationError, match="đã được một cơ quan khác dùng"):
        district.add_child(instance=duplicate)


def test_sync_all_applies_a_changed_sub_agency_setting_to_existing_agencies(settings, make_agency):
    district = make_agency("ubnd-huyen-chau-thanh", "Ủy ban nhân dân huyện Châu Thành")
    commune = make_agency("ubnd-xa-long-hung", "Ủy ban nhân dân xã Long Hưng", parent="ubnd-huyen-chau-thanh")
    task = commune.access.workflow.tasks.get().specific
    assert district.access.moderators in task.groups.all()

    settings.PORTAL_PARENT_AGENCY_MODERATES_CHILDREN = False
    out = io.StringIO()
    call_command("create_agency", "--sync-all", stdout=out, stderr=io.StringIO())
    assert "Đã rà soát 2 cơ quan; 2 cơ quan có thay đổi." in out.getvalue()
    assert list(task.groups.all()) == [commune.access.moderators]
    assert not GroupPagePermission.objects.filter(group=district.access.editors, page=district).exists()
    out = io.StringIO()
    call_command("create_agency", "--sync-all", stdout=out, stderr=io.StringIO())
    assert "0 cơ quan có thay đổi" in out.getvalue()


def test_create_agency_needs_slug_and_name(portal_sections):
    with pytest.raises(CommandError, match="Cần có --slug và --name"):
        create_agency("--slug", "so-moi")


def test_publishing_a_new_agency_title_renames_its_groups_workflow_and_collection(
    make_agency, django_user_model
):
    from home.models import AgencyAccess

    agency = make_agency("so-van-hoa", "Sở Văn hóa và Thể thao")
    access = AgencyAccess.objects.select_related("editors", "moderators", "workflow").get(agency=agency)
    editor = django_user_model.objects.create_user("vh.bientap")
    editor.groups.add(access.editors)
    agency.title = "Sở Văn hóa, Thể thao và Du lịch"
    agency.save_revision().publish()

    access = AgencyAccess.objects.select_related("editors", "moderators", "workflow").get(agency=agency)
    assert access.editors.name == "Sở Văn hóa, Thể thao và Du lịch – Biên tập viên"
    assert access.moderators.name == "Sở Văn hóa, Thể thao và Du lịch – Phê duyệt"
    assert access.workflow.name == "Duyệt tin bài – Sở Văn hóa, Thể thao và Du lịch"
    agency.refresh_from_db()
    assert agency.collection.name == "Sở Văn hóa, Thể thao và Du lịch"
    # The same groups, renamed: their members keep their rights.
    assert list(editor.groups.all()) == [access.editors]


def test_deleting_an_agency_removes_its_groups_and_disables_its_workflow(make_agency, django_user_model):
    from django.contrib.auth.models import Group

    from wagtail.models import Page, Workflow

    from home.models import AgencyAccess

    agency = make_agency("ubnd-xa-cu", "UBND xã Cũ")
    access = AgencyAccess.objects.get(agency=agency)
    groups, workflow = [access.editors_id, access.moderators_id], access.workflow
    editor = django_user_model.objects.create_user("xacu.bientap")
    editor.groups.add(access.editors)
    other = make_agency("ubnd-xa-moi", "UBND xã Mới")

    Page.objects.get(pk=agency.pk).delete()

    assert not Group.objects.filter(pk__in=groups).exists()
    assert not Workflow.objects.get(pk=workflow.pk).active
    assert not editor.groups.exists()  # the account stays; an admin may give it a new agency
    kept = AgencyAccess.objects.select_related("editors").get(agency=other)
    assert kept.editors.name == "UBND xã Mới – Biên tập viên" and kept.workflow.active


def test_renaming_through_create_agency_sets_up_once_and_reports_the_renamed_groups(make_agency, monkeypatch):
    import home.agencies as agencies

    make_agency("so-cong-thuong", "Sở Công thương")
    nested = []
    monkeypatch.setattr(agencies, "ensure_agency_access", lambda page: nested.append(page.pk))
    setup = agencies.AgencySetup("so-cong-thuong", "Sở Công Thương", parent=agencies.UNCHANGED)
    setup.run()
    assert nested == []  # the publish inside the set-up does not start a second one
    assert "nhóm “Sở Công Thương – Biên tập viên”" in setup.changed
