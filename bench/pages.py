"""What the page benchmarks (news, documents, agencies) share: a throwaway SQLite portal under
the test settings, its agencies and the listing under test (built, or kept from an earlier run),
and a timed GET that counts its SQL queries."""

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
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


def agency_sections(count, slug, progress):
    """The `slug` section of each of `count` new agencies, co-quan-00, co-quan-01, ... (set up in
    full by home.agencies.setup_agency: sections, groups, workflow)."""
    from home.agencies import setup_agency

    sections = []
    for n in range(count):
        agency, _ = setup_agency(slug=f"co-quan-{n:02d}", name=f"Cơ quan thử nghiệm số {n:02d}")
        sections.append(agency.get_children().get(slug=slug).specific)
        progress("Cơ quan", n + 1, count)
    return sections


def listing_parser(doc, agencies, repeat):
    """The options of a listing bench (news, documents) but what it counts: --agencies, --repeat,
    and --db for listing_portal."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=agencies)
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--db", type=Path, help="SQLite file to keep (and reuse) the built portal")
    return parser


@contextlib.contextmanager
def listing_portal(model_label, slug, noun, db, build):
    """A throwaway portal (setup_django in a temporary folder, or the kept SQLite file `db`) for the
    length of the block, with its `slug` listings of `model_label` pages. Gives (a test client, the
    portal-wide listing, agency co-quan-00's). When `db` holds such pages already they are reused;
    else `build()` makes them (and returns the two listings), and how long it took is printed."""
    with tempfile.TemporaryDirectory(prefix=f"{slug}-bench-") as folder:
        setup_django(Path(folder), db and db.resolve())
        from django.apps import apps
        from django.test import Client

        from home.structure import ensure_portal_sections

        model = apps.get_model(model_label)
        if model.objects.exists():
            portal = ensure_portal_sections()[slug].specific
            agency_listing = type(portal).objects.get(url_path__endswith=f"/co-quan-00/{slug}/")
            print(f"Dùng lại {model.objects.count()} {noun} trong {db}.\n")
        else:
            started = time.perf_counter()
            portal, agency_listing = build()
            print(f"Dựng {model.objects.count()} {noun} trong {time.perf_counter() - started:.0f} giây.\n")
        yield Client(), portal, agency_listing


def print_header():
    print(f"{'trang':<34} {'truy vấn':>7} {'lần đầu':>9} {'TB (ms)':>9} {'max (ms)':>9}")


def print_row(label, queries, cold, timings, url=""):
    """A row under print_header: `cold` is the first time in seconds (None: not measured), `timings`
    the warm ones."""
    first = "" if cold is None else f"{cold * 1000:.0f}"
    print(
        f"{label:<34} {queries:>7} {first:>9} "
        f"{statistics.mean(timings) * 1000:>9.1f} {max(timings) * 1000:>9.1f}  {url}".rstrip()
    )


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
    print_row(label, queries, cold, timings, url)
    return queries
