"""Benchmark: import N synthetic procedures, then render the catalogue over them.

    .venv/bin/python bench/procedures_bench.py [--count 10000] [--catalogue-only DIR]

Runs against a fresh SQLite database in a temporary folder (test settings), so it never touches
the development database; --catalogue-only reuses the folder of an earlier run and only
measures the catalogue. Prints the import's wall time and peak memory, and for several
catalogue URLs the median render time and the number of SQL queries.
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECTORS = [
    "Hộ tịch",
    "Chứng thực",
    "Đất đai",
    "Hoạt động xây dựng",
    "Thành lập và hoạt động doanh nghiệp",
    "Giáo dục trung học",
    "Khám bệnh, chữa bệnh",
    "Lao động",
    "Bảo trợ xã hội",
    "Lưu thông hàng hóa trong nước",
]
AGENCIES = [(f"co-quan-{n:02d}", f"Cơ quan thử nghiệm số {n:02d}") for n in range(1, 21)]
CAPS = ["Cấp tỉnh", "Cấp huyện", "Cấp xã"]
FORM = "to-khai-dang-ky-khai-sinh.docx"


def synthetic(count):
    procedures = []
    for n in range(count):
        level = n % 4 + 1
        entry = {
            "code": f"{n % 3 + 1}.{n:06d}",
            "name": f"Thủ tục thử nghiệm số {n:05d} về {SECTORS[n % len(SECTORS)].lower()}",
            "agency": AGENCIES[n % len(AGENCIES)][0],
            "sector": SECTORS[n % len(SECTORS)],
            "level": level,
            "implementation_level": CAPS[n % len(CAPS)],
            "steps": "Bước 1: Nộp hồ sơ.\n\nBước 2: Kiểm tra hồ sơ.\n\nBước 3: Trả kết quả.",
            "methods": "Trực tiếp, trực tuyến hoặc qua dịch vụ bưu chính.",
            "documents": ["Đơn đề nghị theo mẫu", "Bản sao giấy tờ tùy thân"],
            "processing_time": "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            "fees": "Theo Nghị quyết của Hội đồng nhân dân tỉnh",
            "applicants": "Công dân Việt Nam",
            "result": "Văn bản của cơ quan có thẩm quyền",
            "conditions": "Không",
            "legal_basis": ["Luật Hộ tịch số 60/2014/QH13"],
            "forms": [{"title": "Tờ khai", "filename": FORM}] if level == 2 else [],
            "online_service": {3: "mot-phan", 4: "toan-trinh"}.get(level, ""),
        }
        procedures.append(entry)
    return {"procedures": procedures}


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5, help="renders per catalogue URL")
    parser.add_argument("--catalogue-only", metavar="DIR", help="folder of an earlier run to measure again")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    args = parser.parse_args()

    workdir = Path(args.catalogue_only or tempfile.mkdtemp(prefix="procedures-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.pop("ELASTICSEARCH_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal_site.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    from home.agencies import setup_agency
    from home.structure import ensure_portal_sections
    from portal_site.importing import run_import
    from portal_site.progress import Progress
    from procedures.demo import FORMS, form_docx

    print(f"Thư mục tạm: {workdir}")
    call_command("migrate", verbosity=0)
    if args.catalogue_only:
        measure_catalogue(args)
        return
    ensure_portal_sections()
    for slug, name in AGENCIES:
        setup_agency(slug=slug, name=name)
    files = workdir / "forms"
    files.mkdir()
    (files / FORM).write_bytes(form_docx(*FORMS[FORM]))
    data = synthetic(args.count)

    if args.tracemalloc:
        tracemalloc.start()
    rss_before = rss_mb()
    started = time.perf_counter()
    results = run_import(data, files_dir=str(files), progress=Progress(sys.stderr))
    elapsed = time.perf_counter() - started
    print(
        f"\nNhập {args.count} thủ tục: {elapsed:.1f} s ({args.count / elapsed:.1f} thủ tục/giây); "
        f"{results['procedures']}"
    )
    print(f"Bộ nhớ tiến trình (RSS tối đa): {rss_before:.0f} MB trước → {rss_mb():.0f} MB sau")
    if args.tracemalloc:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"Cấp phát Python tối đa (tracemalloc): {peak / 1024 / 1024:.0f} MB")

    started = time.perf_counter()
    results = run_import(data, files_dir=str(files))
    print(f"Nhập lại (không đổi): {time.perf_counter() - started:.1f} s; {results['procedures']}")

    measure_catalogue(args)


def measure_catalogue(args):
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from procedures.models import ProcedurePage

    count = ProcedurePage.objects.live().count()
    client = Client()
    urls = [
        "/thu-tuc-hanh-chinh/",
        "/thu-tuc-hanh-chinh/?level=2&sort=code",
        "/thu-tuc-hanh-chinh/?sector=ho-tich&cap=xa",
        f"/thu-tuc-hanh-chinh/?page={count // 20}",
        "/co-quan/co-quan-01/thu-tuc/",
    ]
    client.get(urls[0])  # warm caches (site root paths, templates)
    print(f"\nDanh mục {count} thủ tục (trung vị của {args.repeat} lần):")
    for url in urls:
        timings = []
        for _ in range(args.repeat):
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        print(f"  {url:50} {statistics.median(timings) * 1000:7.1f} ms  {len(queries):3d} truy vấn SQL")


if __name__ == "__main__":
    main()
