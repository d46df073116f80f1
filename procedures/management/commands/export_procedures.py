import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from portal_site.progress import Progress
from procedures.exporting import export_procedures


class Command(BaseCommand):
    help = (
        "Xuất thủ tục hành chính ra tệp JSON cùng định dạng với import_content; "
        "tệp biểu mẫu được chép vào thư mục biểu mẫu."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp JSON cần ghi")
        parser.add_argument(
            "--files-dir",
            help="Thư mục chép tệp biểu mẫu vào (mặc định: <tên tệp>-bieu-mau cạnh tệp JSON)",
        )

    def handle(self, *args, file, files_dir=None, **options):
        path = Path(file)
        files_dir = Path(files_dir) if files_dir else path.with_name(f"{path.stem}-bieu-mau")
        entries = export_procedures(files_dir, progress=Progress(sys.stderr))
        path.write_text(json.dumps({"procedures": entries}, ensure_ascii=False, indent=2), encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã xuất {len(entries)} thủ tục vào {path}; biểu mẫu trong {files_dir}. "
                f"Nhập lại bằng: manage.py import_content {path} --files-dir {files_dir}"
            )
        )
