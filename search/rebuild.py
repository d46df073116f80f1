"""A full rebuild: a fresh versioned index, loaded in bulk, then the alias swapped.

Searches keep using the old index (through the alias) until the swap, which is one
atomic `_aliases` request, so there is no moment without results.
"""

import itertools
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.models import Page
from wagtail.search.models import IndexEntry

from .documents import index_body
from .engine import EngineError, get_engine
from .indexing import agency_paths, build_source, indexed_models, save_database_copies, searchable_querysets
from .models import PendingIndexUpdate, SearchDocument


@dataclass
class RebuildReport:
    engine: str | None = None
    alias: str | None = None
    index: str | None = None
    removed: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    total: int = 0
    failures: int = 0
    engine_seconds: float = 0.0
    database_seconds: float = 0.0


def searchable_pages():
    """Live, public pages of the indexed types, in tree order."""
    return Page.objects.live().public().type(*indexed_models()).order_by("path")


def rebuild(chunk_size=1000, progress=None, database=True):
    """Rebuild the engine index (when configured) and the database copy from the
    live, public pages."""
    agencies = agency_paths()
    sources = (
        (page.pk, build_source(page, agencies))
        for queryset in searchable_querysets()
        for page in queryset.iterator(chunk_size=chunk_size)
    )
    total = searchable_pages().count()
    return load(sources, total, chunk_size=chunk_size, progress=progress, database=database)


def load(sources, total, chunk_size=1000, progress=None, database=True):
    """Load (page id, document) pairs into a fresh index and swap the alias to it;
    replace the database copy with the same documents. A failure leaves the alias (and
    so the live search) on the previous index and removes the half-built one."""
    engine = get_engine()
    try:
        return _load(engine, sources, total, chunk_size, progress, database)
    except EngineError:
        if engine is not None:
            for name in engine.own_indices() if _safe(engine) else []:
                if name not in engine.indices_behind_alias():
                    engine.delete_index(name)
        raise


def _safe(engine):
    try:
        engine.health()
    except EngineError:
        return False
    return True


def _load(engine, sources, total, chunk_size, progress, database):
    started_at = timezone.now()
    report = RebuildReport()
    if engine is not None:
        report.engine, report.alias = engine.name, engine.alias  # probes: fails early
        report.index = engine.new_index_name()
        body = index_body(report.index)
        # No refreshes and no fsync per request while loading; restored before the swap.
        body["settings"]["refresh_interval"] = "-1"
        body["settings"]["translog"] = {"durability": "async"}
        engine.create_index(report.index, body)
    # Wagtail's index of the database copy is refilled from scratch: inserting is much
    # cheaper than the backend's add_bulk updating existing entries one by one. The backend
    # has no public call that empties one model's entries (reset_indexes() empties every
    # model's, the admin's page search too), hence the queryset on its IndexEntry model.
    if database:
        IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(SearchDocument)).delete()

    def send(operations):
        began = time.monotonic()
        failures = engine.bulk(operations, index=report.index, chunk_size=chunk_size)
        return len(failures), time.monotonic() - began

    def settle(request):
        if request is not None:
            failures, seconds = request.result()  # re-raises an engine error here
            report.failures += failures
            report.engine_seconds += seconds

    seen = set()
    pairs = iter(sources)
    in_flight = None
    # The engine loads one batch while Python builds the next and writes the database
    # copy, so building documents does not add to the engine's time. Not the helpers'
    # parallel_bulk: it reads the documents in its own thread, away from this thread's
    # database connection (and a test's transaction).
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-bulk") as sender:
        while batch := list(itertools.islice(pairs, chunk_size)):
            for page_id, source in batch:
                seen.add(page_id)
                report.counts[source["type"]] = report.counts.get(source["type"], 0) + 1
            report.total += len(batch)
            if engine is not None:
                operations = [line for pk, source in batch for line in ({"index": {"_id": str(pk)}}, source)]
                settle(in_flight)
                in_flight = sender.submit(send, operations)
            if database:
                began = time.monotonic()
                save_database_copies(batch)
                report.database_seconds += time.monotonic() - began
            if progress:
                progress(report.total, total)
        settle(in_flight)

    if engine is not None:
        began = time.monotonic()
        engine.update_index_settings(
            report.index, {"index": {"refresh_interval": "1s", "translog.durability": "request"}}
        )
        engine.refresh(report.index)
        previous = engine.own_indices()
        engine.point_alias(report.index)
        for name in previous:
            if name != report.index:
                engine.delete_index(name)
                report.removed.append(name)
        report.engine_seconds += time.monotonic() - began
        # Changes recorded before this rebuild started are part of it now.
        PendingIndexUpdate.objects.filter(created_at__lt=started_at).delete()

    if database:
        began = time.monotonic()
        remove_stale_database_copies(seen)
        report.database_seconds += time.monotonic() - began
    return report


def remove_stale_database_copies(seen):
    existing = set(SearchDocument.objects.values_list("page_id", flat=True))
    stale = sorted(existing - seen)
    for start in range(0, len(stale), 500):
        # Django sends post_delete for each row, so Wagtail drops their index entries too.
        SearchDocument.objects.filter(page_id__in=stale[start : start + 500]).delete()
