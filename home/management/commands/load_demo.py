import importlib
import json
import secrets
import sys
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home.models import PortalSettings
from home.structure import ensure_child, ensure_portal_sections, home_page
from portal_site.importing import ImportFailed, run_import
from portal_site.progress import Progress

DEMO_ADMIN = "admin"
# Two demo agencies each get an editor and a moderator (agency slug, account prefix, display name).
DEMO_AGENCY_ACCOUNTS = [
    ("so-tu-phap", "stp", "Sở Tư pháp"),
    ("ubnd-huyen-chau-thanh", "chauthanh", "UBND huyện Châu Thành"),
]
# The README's password, used only where PORTAL_DEMO_PUBLISHED_PASSWORDS is on (dev.py, test.py).
# Anywhere else, production included (`make serve`), each new account gets a random password,
# printed once: a portal reachable by others must not open to a password anyone can read.
DEMO_PUBLISHED_PASSWORD = "TienGiang@2026"  # noqa: S105 (a published demo account)

INTRO_TEXT = (
    "Tiền Giang là tỉnh thuộc vùng Đồng bằng sông Cửu Long, nằm trải dọc bờ Bắc sông Tiền, "
    "trung tâm hành chính đặt tại thành phố Mỹ Tho. Từ ngày 01/7/2025, tỉnh Tiền Giang và tỉnh "
    "Đồng Tháp hợp nhất thành tỉnh Đồng Tháp (Nghị quyết số 202/2025/QH15); nội dung minh họa của "
    "cổng phản ánh tổ chức bộ máy của tỉnh Tiền Giang trong nửa đầu năm 2025."
)


class Command(BaseCommand):
    help = (
        "Nạp nội dung minh họa (cơ quan, thủ tục, tin tức) và tài khoản quản trị; chạy lại không tạo trùng."
    )

    def handle(self, *args, **options):
        self._portal_structure()
        data, files_dir = self._collect()
        try:
            results = run_import(data, files_dir=files_dir, progress=Progress(sys.stderr))
        except ImportFailed as exc:
            raise CommandError(f"Nội dung minh họa không hợp lệ: {exc}") from None
        for key, counts in results.items():
            self.stdout.write(f"{key}: {counts}")
        self._accounts()

    def _portal_structure(self):
        home = home_page()
        if home.title != "Cổng thông tin điện tử tỉnh Tiền Giang":
            home.title = "Cổng thông tin điện tử tỉnh Tiền Giang"
            home.intro = "Tra cứu thủ tục hành chính, tải biểu mẫu, đọc tin tức của mọi cơ quan trong tỉnh."
            home.save_revision().publish()
        ensure_portal_sections()
        from home.models import StandardPage

        ensure_child(home, StandardPage, "gioi-thieu", "Giới thiệu", intro=INTRO_TEXT)
        ensure_child(
            home,
            StandardPage,
            "lien-he",
            "Liên hệ",
            intro="Văn phòng Ủy ban nhân dân tỉnh Tiền Giang, số 23 đường 30/4, Phường 1, thành phố Mỹ Tho "
            "(địa chỉ minh họa). Điện thoại: 0273 3873 186. Thư điện tử: vpubnd@tiengiang.gov.vn.",
        )
        portal = PortalSettings.load()
        if not portal.address:
            portal.responsible_person = "Chánh Văn phòng Ủy ban nhân dân tỉnh (dữ liệu minh họa)"
            portal.address = (
                "Số 23 đường 30/4, Phường 1, thành phố Mỹ Tho, tỉnh Tiền Giang (địa chỉ minh họa)"
            )
            portal.phone = "0273 3873 186"
            portal.email = "banbientap@tiengiang.gov.vn"
            portal.save()

    def _collect(self):
        """Merge every app's demo/content.json; let apps build their demo files (forms) into one folder."""
        merged = {}
        files_dir = Path(tempfile.mkdtemp(prefix="portal-demo-files-"))
        for config in apps.get_app_configs():
            content = Path(config.path) / "demo" / "content.json"
            if not content.is_file():
                continue
            for key, entries in json.loads(content.read_text(encoding="utf-8")).items():
                merged.setdefault(key, []).extend(entries)
            try:
                demo_module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError:
                continue
            if hasattr(demo_module, "build_files"):
                demo_module.build_files(files_dir)
        return merged, str(files_dir)

    def _accounts(self):
        User = get_user_model()
        self.published = getattr(settings, "PORTAL_DEMO_PUBLISHED_PASSWORDS", False)
        username = DEMO_ADMIN
        password = self._new_password()
        if User.objects.filter(username=username).exists():
            password = None
        else:
            User.objects.create_superuser(username, "admin@tiengiang.gov.vn", password)
        self.stdout.write(self.style.SUCCESS("Tài khoản quản trị minh họa (http://127.0.0.1:8000/admin/):"))
        if not self.published:
            self.stdout.write("  Mật khẩu ngẫu nhiên, chỉ in ra một lần: hãy lưu lại.")
        self._login("quản trị cổng", username, password)
        self._agency_accounts(User)

    def _new_password(self):
        return DEMO_PUBLISHED_PASSWORD if self.published else secrets.token_urlsafe(12)

    def _login(self, role, username, password):
        """Print a login; an account that already existed keeps its password, printed only if published."""
        if password is None and self.published:
            password = DEMO_PUBLISHED_PASSWORD
        shown = password if password is not None else "(tài khoản đã có, mật khẩu giữ nguyên)"
        self.stdout.write(f"  {role}: {username} / {shown}")

    def _agency_accounts(self, User):
        """Editor and moderator accounts of two demo agencies, with e-mails so notifications reach them."""
        from home.models import AgencyAccess

        for slug, prefix, label in DEMO_AGENCY_ACCOUNTS:
            access = (
                AgencyAccess.objects.filter(agency__slug=slug).select_related("editors", "moderators").first()
            )
            if access is None:
                continue
            for role, group, first_name in (
                ("bientap", access.editors, "Biên tập viên"),
                ("pheduyet", access.moderators, "Phê duyệt"),
            ):
                username = f"{prefix}.{role}"
                user = User.objects.filter(username=username).first()
                password = None
                if user is None:
                    password = self._new_password()
                    user = User.objects.create_user(
                        username,
                        f"{username}@example.org",
                        password,
                        first_name=first_name,
                        last_name=label,
                    )
                user.groups.add(group)
                self._login(f"{first_name.lower()} {label}", username, password)
