import time

from django.core.management.base import BaseCommand, CommandError

from portal_site.progress import Progress
from search.engine import EngineError
from search.rebuild import rebuild


class Command(BaseCommand):
    help = (
        "Build a fresh search index from the live, public pages, swap the alias to it "
        "atomically and delete the old one; also refreshes the database copy."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=1000, help="Documents per bulk request.")
        parser.add_argument(
            "--engine-only",
            action="store_true",
            help="Leave the database copy (the fallback, kept current on every publish) alone.",
        )

    def handle(self, *args, chunk_size, engine_only, **options):
        started = time.monotonic()
        progress = Progress(self.stdout)
        try:
            report = rebuild(
                chunk_size=chunk_size, progress=progress.counting("pages"), database=not engine_only
            )
        except EngineError as error:
            raise CommandError(f"Search engine unavailable, index not rebuilt: {error}") from error
        progress.finish()
        elapsed = time.monotonic() - started
        for kind, count in sorted(report.counts.items()):
            self.stdout.write(f"  {kind}: {count}")
        rate = report.total / elapsed if elapsed else 0
        if report.index:
            self.stdout.write(
                f"Indexed {report.total} pages into {report.index} on {report.engine} "
                f"(alias {report.alias}; removed {len(report.removed)} old index(es))."
            )
        else:
            self.stdout.write(
                f"No search engine configured: refreshed the database copy only ({report.total} pages)."
            )
        if report.failures:
            self.stdout.write(self.style.WARNING(f"{report.failures} document(s) rejected; see the log."))
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {elapsed:.1f} s ({rate:.0f} pages/s; engine {report.engine_seconds:.1f} s, "
                f"database copy {report.database_seconds:.1f} s)."
            )
        )
