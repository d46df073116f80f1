import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal_site.importing import ImportFailed, run_import
from portal_site.progress import Progress


class Command(BaseCommand):
    help = "Nhập cơ quan, thủ tục hành chính và tin tức từ tệp JSON (contracts.md §1)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp JSON cần nhập")
        parser.add_argument("--files-dir", help="Thư mục chứa tệp biểu mẫu (forms[].filename)")

    def handle(self, *args, file, files_dir=None, **options):
        path = Path(file)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"Không tìm thấy tệp {path}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"Tệp {path} không phải văn bản UTF-8.") from None
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"Tệp {path} không phải JSON hợp lệ: dòng {exc.lineno}, cột {exc.colno}: {exc.msg}."
            ) from None
        if files_dir and not Path(files_dir).is_dir():
            raise CommandError(f"Không tìm thấy thư mục biểu mẫu {files_dir}.")

        started = time.monotonic()
        try:
            results = run_import(data, files_dir=files_dir, progress=Progress(sys.stderr))
        except ImportFailed as exc:
            raise CommandError(f"Không nhập gì cả. Lỗi: {exc}") from None

        for key, counts in results.items():
            self.stdout.write(f"{key}: {counts}")
        if all(c.created == 0 and c.updated == 0 for c in results.values()):
            self.stdout.write("Không có thay đổi: nội dung trong tệp đã có sẵn trên cổng.")
        self.stdout.write(self.style.SUCCESS(f"Nhập xong trong {time.monotonic() - started:.1f} giây."))
