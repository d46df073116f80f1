"""What the page benchmarks (news, documents, agencies) share: a throwaway SQLite portal under
the test settings, and a timed GET that counts its SQL queries."""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(folder, db=None):
    """Django on a SQLite portal in `folder` (or the kept file `db`), migrated, with no engine and
    no admin search index: the benchmarks measure reading pages, not indexing."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal_site.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db or folder / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ.pop("ELASTICSEARCH_URL", None)
    import django

    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = str(folder / "media")
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def print_header():
    print(f"{'trang':<34} {'truy vấn':>7} {'lần đầu':>9} {'TB (ms)':>9} {'max (ms)':>9}")


def timed(client, url, repeat):
    """(first request's seconds, `repeat` warm requests' seconds, queries of the last one, its
    response) for a GET that must answer 200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    response = client.get(url)
    cold = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
    return cold, timings, len(queries), response


def measure(client, label, url, repeat):
    """One row: the queries of a warm request, the first (cold) time, the mean and worst of
    `repeat` warm ones. Returns the query count."""
    cold, timings, queries, _ = timed(client, url, repeat)
    print(
        f"{label:<34} {queries:>7} {cold * 1000:>9.0f} "
        f"{statistics.mean(timings) * 1000:>9.1f} {max(timings) * 1000:>9.1f}  {url}"
    )
    return queries
