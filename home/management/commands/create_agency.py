from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator, validate_email
from django.db import transaction

from home.agencies import UNCHANGED, AgencySetup, AgencySetupError
from home.models import AgencyPage
from portal_site.text import ASCII_SLUG_RE


class Command(BaseCommand):
    help = (
        "Tạo (hoặc cập nhật) một cơ quan trong một bước: trang cơ quan, chuyên mục tin tức và thủ tục, "
        "thư mục tài liệu, nhóm biên tập viên và phê duyệt, phân quyền, quy trình duyệt, tên miền riêng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--slug", help="Định danh, ví dụ so-tu-phap")
        parser.add_argument("--name", help="Tên cơ quan, ví dụ “Sở Tư pháp”")
        parser.add_argument(
            "--sync-all",
            action="store_true",
            help="Rà soát lại nhóm, phân quyền, thư mục và quy trình duyệt của mọi cơ quan "
            "(sau khi đổi PORTAL_PARENT_AGENCY_MODERATES_CHILDREN)",
        )
        parser.add_argument("--parent", help="Định danh của cơ quan cấp trên (cơ quan trực thuộc)")
        parser.add_argument("--hostname", help="Tên miền riêng, ví dụ stp.tiengiang.gov.vn")
        parser.add_argument("--short-name", help="Tên viết tắt")
        parser.add_argument(
            "--kind", choices=[kind for kind, _ in AgencyPage.KIND_CHOICES], help="Loại cơ quan"
        )
        parser.add_argument("--email", help="Thư điện tử công vụ")
        parser.add_argument("--phone", help="Điện thoại")
        parser.add_argument("--address", help="Địa chỉ")
        parser.add_argument("--website", help="Trang thông tin riêng (http:// hoặc https://)")

    def handle(self, *args, slug=None, name=None, parent=None, hostname=None, sync_all=False, **options):
        if sync_all:
            return self._sync_all()
        if not slug or not name:
            raise CommandError("Cần có --slug và --name (hoặc --sync-all để rà soát mọi cơ quan).")
        slug, name = slug.strip(), name.strip()
        if not ASCII_SLUG_RE.match(slug):
            raise CommandError(
                f"Định danh “{slug}” không hợp lệ: chỉ chữ thường không dấu, số và dấu gạch nối, "
                "ví dụ so-tu-phap."
            )
        if not name:
            raise CommandError("Tên cơ quan không được để trống.")
        # Only the options given are applied, so updating one field leaves the others alone.
        fields = {
            field: options[option].strip()
            for option, field in [
                ("short_name", "short_name"),
                ("kind", "kind"),
                ("email", "email"),
                ("phone", "phone"),
                ("address", "address"),
                ("website", "website"),
            ]
            if options.get(option) is not None
        }
        self._validate(fields)

        setup = AgencySetup(
            slug,
            name,
            parent=parent.strip() if parent is not None else UNCHANGED,
            leaders=None,
            hostname=hostname or "",
            **fields,
        )
        try:
            page = setup.run()
        except AgencySetupError as exc:
            raise CommandError(f"Không tạo gì cả. {exc}") from None

        label = f"“{page.title}” ({slug})"
        if setup.status == "created":
            self.stdout.write(self.style.SUCCESS(f"Đã tạo cơ quan {label}: {', '.join(setup.changed)}."))
        else:
            if setup.changed:
                self.stdout.write(f"Cơ quan {label} đã tồn tại; đã cập nhật: {', '.join(setup.changed)}.")
            else:
                self.stdout.write(f"Cơ quan {label} đã tồn tại; không có gì thay đổi.")
            self.stdout.write(f"Giữ nguyên: {', '.join(setup.kept)}.")
        self.stdout.write(f"Địa chỉ trang: {page.full_url or page.url}")

    def _sync_all(self):
        """Parents first (tree order), so that sub-agencies see their parents' groups."""
        agencies = list(AgencyPage.objects.order_by("path"))
        changed = 0
        for done, agency in enumerate(agencies, start=1):
            setup = AgencySetup(agency.slug, agency.title, parent=UNCHANGED, page=agency)
            with transaction.atomic():
                setup.run()
            if setup.changed:
                changed += 1
                self.stdout.write(f"{agency.title}: {', '.join(setup.changed)}")
            if done % 10 == 0 or done == len(agencies):
                self.stderr.write(f"Cơ quan: {done}/{len(agencies)}")
        self.stdout.write(
            self.style.SUCCESS(f"Đã rà soát {len(agencies)} cơ quan; {changed} cơ quan có thay đổi.")
        )

    def _validate(self, fields):
        if fields.get("email"):
            try:
                validate_email(fields["email"])
            except ValidationError:
                raise CommandError(f"Thư điện tử “{fields['email']}” không hợp lệ.") from None
        if fields.get("website"):
            try:
                URLValidator(schemes=["http", "https"])(fields["website"])
            except ValidationError:
                raise CommandError(f"Địa chỉ web “{fields['website']}” không hợp lệ.") from None
        for field, limit in [("short_name", 50), ("phone", 50), ("address", 255)]:
            if len(fields.get(field, "")) > limit:
                raise CommandError(f"Giá trị của --{field.replace('_', '-')} dài quá {limit} ký tự.")
