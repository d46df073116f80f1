"""Import benchmark: `import_content` of N news items for one agency on a fresh database.

    .venv/bin/python bench/import_bench.py [--items 400] [--profile FILE] [--keep]
    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/import_bench.py

Builds a throw-away SQLite portal in a temporary folder (production settings unless
DJANGO_SETTINGS_MODULE says otherwise), runs `migrate`, and,
when ELASTICSEARCH_URL is set, builds an empty index under its own prefix (so that the import's
engine updates have somewhere to go). Then it writes an import file with one agency and
--items news items (each with two tags and a three-paragraph body) and times
`import_content` on it, then a second, unchanged run of the same file. Prints the time of
each and the time per item; with the engine, checks that every item is in the index.
--profile FILE writes a cProfile of the first run (read it with `python -m pstats FILE`).
The temporary folder and the index are removed at the end unless --keep.
Target (issue 12, item 7): 400 news items in under 10 s.
"""

import argparse
import cProfile
import datetime
import io
import json
import os
import shutil
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOPICS = ["Chuyển đổi số", "Cải cách hành chính", "Nông nghiệp", "Y tế", "Giáo dục", "Du lịch", "Giao thông"]
PARAGRAPH = (
    "Sáng nay, Sở Tư pháp tỉnh Tiền Giang tổ chức hội nghị triển khai nhiệm vụ cải cách hành chính, "
    "đẩy mạnh giải quyết thủ tục trên môi trường điện tử và nâng cao chất lượng phục vụ người dân."
)


def import_file(folder, items):
    """The import file: one agency and `items` news items of it, as contracts.md §1 describes."""
    start = datetime.date(2026, 10, 1)
    data = {
        "agencies": [
            {
                "slug": "so-tu-phap",
                "name": "Sở Tư pháp",
                "email": "stp@tiengiang.gov.vn",
                "phone": "0273 3872 395",
                "address": "Số 2 đường Hùng Vương, Phường 1, thành phố Mỹ Tho",
            }
        ],
        "news": [
            {
                "slug": f"tin-thu-nghiem-{n}",
                "title": f"Tin thử nghiệm số {n}: hội nghị về cải cách hành chính",
                "date": (start - datetime.timedelta(days=n % 700)).isoformat(),
                "agency": "so-tu-phap",
                "summary": f"Tóm tắt tin thử nghiệm số {n} dùng để đo thời gian nhập nội dung.",
                "body": "\n\n".join([PARAGRAPH] * 3),
                "tags": [TOPICS[n % len(TOPICS)], TOPICS[(n + 1 + n // 7 % 5) % len(TOPICS)]],
            }
            for n in range(items)
        ],
    }
    path = folder / "import.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def setup(folder):
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    # The production settings, as a province runs the import (DEBUG off: no query log).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal_site.settings.production")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = f"bench-import-{os.getpid()}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = str(folder / "media")
    call_command("migrate", verbosity=0)
    from search.engine import get_engine

    engine = get_engine()
    if engine is not None:
        from search.rebuild import rebuild

        rebuild()  # an empty index behind the alias, as on a portal that indexed before
    return engine


def timed_import(path, profile=None):
    from django.core.management import call_command
    from django.db import connection

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    out = io.StringIO()
    profiler = cProfile.Profile() if profile else None
    started, cpu_started = time.perf_counter(), time.process_time()
    with redirect_stdout(out), connection.execute_wrapper(count):
        if profiler:
            profiler.enable()
        call_command("import_content", str(path), stdout=out)
        if profiler:
            profiler.disable()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if profiler:
        profiler.dump_stats(profile)
    return elapsed, cpu, queries, out.getvalue().strip().splitlines()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=400)
    parser.add_argument("--profile", help="write a cProfile of the first import to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and the index")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="import-bench-"))
    engine = None
    try:
        engine = setup(folder)
        path = import_file(folder, args.items)
        label = f"engine {engine.name}" if engine else "no engine (database search only)"
        print(f"import_content, {args.items} news items, fresh SQLite database, {label}")
        for run in ("first run: ", "second run:"):
            elapsed, cpu, queries, lines = timed_import(
                path, args.profile if run.startswith("first") else None
            )
            # CPU time too: on a shared machine the wall-clock time also measures the neighbours.
            print(
                f"  {run} {elapsed:6.2f} s, CPU {cpu:6.2f} s  ({elapsed / args.items * 1000:.1f} ms and "
                f"{queries / args.items:.0f} SQL queries per item)"
            )
            print("    " + "\n    ".join(lines))
        if engine is not None:
            from news.models import NewsPage
            from search.models import PendingIndexUpdate

            engine.refresh()
            indexed = engine.count()
            pending, news = PendingIndexUpdate.objects.count(), NewsPage.objects.count()
            print(f"  engine: {indexed} documents indexed ({news} news pages), {pending} pending")
    finally:
        if engine is not None and not args.keep:
            for name in engine.own_indices():
                engine.delete_index(name)
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
