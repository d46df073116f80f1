import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.models import AgencyPage
from legal_documents.exporting import export_documents
from portal_site.progress import Progress


class Command(BaseCommand):
    help = (
        "Xuất sổ văn bản ra tệp JSON cùng định dạng với import_content (khóa “documents”); "
        "tệp đính kèm được chép vào thư mục tệp."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp JSON cần ghi")
        parser.add_argument(
            "--files-dir", help="Thư mục chép tệp văn bản vào (mặc định: <tên tệp>-tep cạnh tệp JSON)"
        )
        parser.add_argument(
            "--agency", help="Chỉ xuất văn bản của cơ quan này (định danh) và cơ quan trực thuộc"
        )

    def handle(self, *args, file, files_dir=None, agency=None, **options):
        path = Path(file)
        files_dir = Path(files_dir) if files_dir else path.with_name(f"{path.stem}-tep")
        agency_page = None
        if agency:
            agency_page = AgencyPage.objects.filter(slug=agency).first()
            if agency_page is None:
                raise CommandError(f"Không có cơ quan “{agency}” trên cổng.")
        entries = export_documents(files_dir, agency=agency_page, progress=Progress(sys.stderr))
        path.write_text(json.dumps({"documents": entries}, ensure_ascii=False, indent=2), encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã xuất {len(entries)} văn bản vào {path}; tệp trong {files_dir}. "
                f"Nhập lại bằng: manage.py import_content {path} --files-dir {files_dir}"
            )
        )
