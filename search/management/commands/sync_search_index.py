from django.core.management.base import BaseCommand

from search.engine import get_engine
from search.indexing import sync_pending
from search.models import PendingIndexUpdate


class Command(BaseCommand):
    help = (
        "Apply index updates that failed while the search engine was unreachable "
        "(publishing, unpublishing, moves, deletions, privacy changes)."
    )

    def handle(self, *args, **options):
        pending = PendingIndexUpdate.objects.count()
        if not pending:
            self.stdout.write("Nothing to sync: no pending index updates.")
            return
        if get_engine() is None:
            self.stdout.write("No search engine configured (ELASTICSEARCH_URL is unset); nothing sent.")
        self.stdout.write(f"{pending} pending index update(s).")

        def report(entry, source):
            action = "indexed" if source is not None else "removed"
            self.stdout.write(f"  page {entry.page_id} ({entry.reason}): {action}")

        fixed, failing = sync_pending(progress=report)
        self.stdout.write(self.style.SUCCESS(f"Fixed {fixed} page(s)."))
        if failing:
            self.stdout.write(
                self.style.WARNING(f"{failing} still failing (engine unreachable?); run again later.")
            )
