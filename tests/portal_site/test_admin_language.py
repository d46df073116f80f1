"""The Wagtail admin speaks Vietnamese: the portal's catalogue in LOCALE_PATHS fills Wagtail's gaps."""

import gettext
import importlib.util
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

import pytest

LOCALE_DIR = Path(settings.BASE_DIR) / "portal_site" / "locale"
MESSAGES = LOCALE_DIR / "vi" / "LC_MESSAGES"
ENGLISH_LABELS = {
    "Dashboard",
    "Pages",
    "Documents",
    "Images",
    "Snippets",
    "Reports",
    "Settings",
    "Help",
    "Save draft",
    "Publish",
    "Edit",
    "Delete",
    "Add child page",
    "Sign in",
    "Log out",
}


def load_catalogue_tool():
    spec = importlib.util.spec_from_file_location("update_catalogue", LOCALE_DIR / "update_catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class VisibleText(HTMLParser):
    """Text an editor sees or hears: text nodes, labels in attributes, and the JSON props of React widgets."""

    ATTRIBUTES = ("aria-label", "title", "placeholder", "data-w-tooltip-content-value")

    def __init__(self):
        super().__init__()
        self.units, self.in_script, self.in_json = [], False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self.in_script, self.in_json = True, "json" in (attrs.get("type") or "")
        self.units += [attrs[name].strip() for name in self.ATTRIBUTES if attrs.get(name)]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.in_script = self.in_json = False

    def handle_data(self, data):
        if self.in_json:
            self.units += [
                label.strip()
                for label in re.findall(r'"label": ("(?:[^"\\]|\\.)*")', data)
                for label in [json.loads(label)]
            ]
        elif not self.in_script and data.strip():
            self.units.append(" ".join(data.split()))


def visible_text(response):
    assert response.status_code == 200
    parser = VisibleText()
    parser.feed(response.content.decode())
    return parser.units


def assert_vietnamese(units, *expected):
    for label in expected:
        assert label in units or f"{label} - Wagtail" in units, f"{label!r} not shown"
    english = ENGLISH_LABELS.intersection(units)
    assert not english, f"English left: {sorted(english)}"


@pytest.mark.django_db
def test_login_page_is_vietnamese(client):
    response = client.get("/admin/login/")
    units = visible_text(response)
    assert_vietnamese(
        units, "Đăng nhập", "Đăng nhập vào trang quản trị", "Quên mật khẩu?", "Tên đăng nhập", "Mật khẩu"
    )
    assert "Sign in" not in response.content.decode()
    assert "Password" not in units


@pytest.mark.django_db
def test_dashboard_and_sidebar_menu_are_vietnamese(admin_client, home):
    units = visible_text(admin_client.get("/admin/"))
    assert_vietnamese(
        units, "Bảng điều khiển", "Trang", "Tài liệu", "Hình ảnh", "Báo cáo", "Cài đặt", "Trợ giúp"
    )


@pytest.mark.django_db
def test_page_explorer_is_vietnamese(admin_client, home):
    units = visible_text(admin_client.get(f"/admin/pages/{home.id}/"))
    assert_vietnamese(units, "Thêm trang con", "Sửa", "Trạng thái", "Sắp xếp thứ tự menu")


@pytest.mark.django_db
def test_page_editor_is_vietnamese(admin_client, home):
    units = visible_text(admin_client.get(f"/admin/pages/{home.id}/edit/"))
    assert_vietnamese(
        units, "Nội dung", "Quảng bá", "Tiêu đề", "Lưu nháp", "Xuất bản", "Đường dẫn rút gọn", "Xem trước"
    )


@pytest.mark.django_db
def test_documents_index_is_vietnamese(admin_client):
    units = visible_text(admin_client.get("/admin/documents/"))
    assert_vietnamese(units, "Tài liệu", "Thêm tài liệu", "Thao tác hàng loạt", "Thêm vào thư mục")
    assert "Documents" not in units


@pytest.mark.django_db
def test_javascript_catalogue_is_vietnamese(admin_client):
    catalogue = admin_client.get("/admin/jsi18n/").content.decode()
    for english, vietnamese in [("Page explorer", "Duyệt trang"), ("Dashboard", "Bảng điều khiển")]:
        assert json.dumps(english) + ": " + json.dumps(vietnamese) in catalogue


@pytest.mark.django_db
def test_form_errors_are_vietnamese(admin_client):
    units = visible_text(admin_client.post("/admin/collections/add/", {"name": ""}))
    assert "Không thể tạo thư mục do có lỗi." in units
    assert "Trường này là bắt buộc." in units


@pytest.mark.django_db
def test_failed_login_message_is_vietnamese(client, admin_user):
    units = visible_text(client.post("/admin/login/", {"username": admin_user.username, "password": "sai"}))
    assert "Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại." in units


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_catalogue_covers_every_wagtail_message(domain):
    """After a Wagtail upgrade this fails until update_catalogue.py is run and the new messages translated."""
    tool = load_catalogue_tool()
    ours = {tool.key(entry): tool.translation(entry) for entry in tool.parse(MESSAGES / f"{domain}.po")}
    missing = []
    for app in tool.APPS:
        template = tool.WAGTAIL / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if template.exists():
            missing += [entry.msgid for entry in tool.parse(template) if not ours.get(tool.key(entry))]
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogue_matches_source(domain):
    """Django reads only the .mo files: they must be recompiled whenever the .po changes."""
    tool = load_catalogue_tool()
    with open(MESSAGES / f"{domain}.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in tool.parse(MESSAGES / f"{domain}.po"):
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        found = compiled._catalog.get((key, 0) if entry.msgid_plural else key)
        assert found == tool.translation(entry), f"stale .mo for {entry.msgid!r}"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_translations_keep_placeholders(domain):
    placeholder = re.compile(r"%\(\w+\)[sdif]|%[sd]|\{\w*\}")
    tool = load_catalogue_tool()
    for entry in tool.parse(MESSAGES / f"{domain}.po"):
        sources = [entry.msgid_plural, entry.msgid] if entry.msgid_plural else [entry.msgid]
        wanted = [sorted(set(placeholder.findall(text))) for text in sources]
        assert sorted(set(placeholder.findall(tool.translation(entry)))) in wanted, entry.msgid


@pytest.mark.django_db
def test_wagtail_default_groups_and_workflow_have_vietnamese_names():
    from django.contrib.auth.models import Group

    from wagtail.models import Workflow

    names = set(Group.objects.values_list("name", flat=True))
    assert {"Biên tập viên (toàn cổng)", "Phê duyệt viên (toàn cổng)"} <= names
    assert not {"Editors", "Moderators"} & names
    assert Workflow.objects.filter(name="Phê duyệt của Ban Biên tập cổng").exists()
