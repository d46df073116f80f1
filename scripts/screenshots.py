"""Screenshots of every page type at desktop (1366 px) and phone (360 px) widths.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--db FILE]   (or: make screenshots)

Builds a throwaway SQLite portal with the demo content in a temporary folder (test settings), or
reuses --db when it already holds it, serves it with Django's live server and photographs each
page type that tests/browser/pages.py lists (every page model, the tag listing, the search with
results, none and an error, the 404 and the admin sign-in) through Debian's Chromium, the browser
the tests use. Writes OUT/<type>-desktop.png and OUT/<type>-phone.png (the first screen of each).
With ELASTICSEARCH_URL set the search runs on the engine, under an index prefix of its own that
is deleted afterwards; without it, on the database.
"""

import argparse
import os
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 360, "height": 740}}


def setup_django(folder, db):
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal_site.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    # Playwright's sync API runs an event loop in this thread, which also builds the portal.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    os.environ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"
    import django

    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = str(folder / "media")
    settings.ELASTICSEARCH_INDEX_PREFIX = f"screenshots-{uuid.uuid4().hex[:8]}"
    settings.ALLOWED_HOSTS = ["*"]


def build_portal(quiet):
    from django.core.management import call_command

    from procedures.models import ProcedurePage

    call_command("migrate", interactive=False, verbosity=0)
    if not ProcedurePage.objects.live().exists():  # a --db from an earlier run has it already
        call_command("load_demo", stdout=quiet, stderr=quiet)


def file_name(name):
    """ "news.NewsPage" -> "news-newspage"; the other views keep their names."""
    return name.replace(".", "-").lower()


def photograph(base_url, out, progress):
    from playwright.sync_api import sync_playwright

    from tests.browser.pages import all_page_types

    types = [(name, path) for name, path in all_page_types() if path]
    done = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        for width_name, viewport in WIDTHS.items():
            context = browser.new_context(viewport=viewport, locale="vi-VN")
            page = context.new_page()
            for name, path in types:
                page.goto(base_url + path)
                page.screenshot(path=out / f"{file_name(name)}-{width_name}.png")
                done += 1
                progress("Chụp màn hình", done, len(types) * len(WIDTHS))
            context.close()
        browser.close()
    return [name for name, path in all_page_types() if not path]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--db", type=Path, help="SQLite file to keep (and reuse) the demo portal")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"no Chromium at {CHROMIUM}: scripts/system-packages.sh browser installs it")
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="portal-screenshots-") as tmp:
        folder = Path(tmp)
        setup_django(folder, args.db or folder / "portal.sqlite3")
        from django.conf import settings
        from django.contrib.staticfiles.handlers import StaticFilesHandler
        from django.core.management import call_command
        from django.test.testcases import LiveServerThread

        from portal_site.progress import Progress
        from search.engine import configured_urls, get_engine

        progress = Progress(sys.stderr)
        with open(os.devnull, "w") as quiet:
            # Built without the engine (no index yet to update page by page), then indexed whole.
            engine_urls, settings.ELASTICSEARCH_URL = settings.ELASTICSEARCH_URL, ""
            build_portal(quiet)
            settings.ELASTICSEARCH_URL = engine_urls
            if configured_urls():
                call_command("rebuild_search_index", stdout=quiet)
        server = LiveServerThread("localhost", StaticFilesHandler, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        try:
            missing = photograph(f"http://localhost:{server.port}", args.out, progress)
        finally:
            progress.finish()
            server.terminate()
            if (engine := get_engine()) is not None:
                for name in engine.own_indices():
                    engine.delete_index(name)
    print(f"Đã ghi ảnh chụp màn hình vào {args.out}")
    if missing:
        print("Chưa có trang minh họa cho: " + ", ".join(missing))


if __name__ == "__main__":
    main()
