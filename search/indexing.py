"""Keeping the search index in step with publishing.

Each change to a page updates two copies of its entry: the database copy
(`SearchDocument`, the fallback; written in the same transaction as the change) and the
engine's index (after the transaction commits). When the engine cannot be reached the
change still succeeds for the editor: a `PendingIndexUpdate` row records the page, and
`sync_search_index` applies it later. Bulk writers (the content import) wrap their work in
`deferred_indexing()`, which indexes everything they published once, in bulk, at the end.
"""

import logging
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from functools import reduce
from operator import or_

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils.html import strip_tags

from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from . import types
from .documents import document_source
from .engine import EngineError, get_engine
from .models import PendingIndexUpdate, SearchDocument

logger = logging.getLogger(__name__)

DATABASE_FIELDS = [f.name for f in SearchDocument._meta.concrete_fields if not f.primary_key]
# Pages per bulk request and per database batch when a whole subtree changes.
SUBTREE_CHUNK = 500

# Each model says what else it gives the public search: `search_summary_field` (the field shown
# as the result's summary; else the page's search description) and `search_text_fields` (text
# its search_fields, which serve Wagtail's admin search, leave out).


def indexed_models():
    """The installed page models that are search results (apps may be missing)."""
    models = []
    for label in types.model_labels():
        try:
            models.append(apps.get_model(label))
        except LookupError:
            continue
    return models


def page_type(page):
    return types.kind_of(page.specific_class._meta.label) if page.specific_class else None


def is_searchable(page):
    """Live, public and of an indexed type."""
    return bool(page.live and page_type(page) and not page.get_view_restrictions().exists())


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_plain(item) for item in value.values())
    text = str(value)
    return strip_tags(text) if "<" in text else text


def _search_field_texts(obj, fields, skip=()):
    """Text of every SearchField of `obj`, following RelatedFields (clustered children)."""
    for field in fields:
        if isinstance(field, index.SearchField) and field.field_name not in skip:
            yield _plain(field.get_value(obj))
        elif isinstance(field, index.RelatedFields) and field.field_name not in skip:
            related = field.get_value(obj)
            if related is None:
                continue
            children = related.all() if hasattr(related, "all") else [related]
            for child in children:
                yield from _search_field_texts(child, field.fields)


def _summary(page):
    name = getattr(page, "search_summary_field", None)
    value = getattr(page, name, None) if name else None
    if isinstance(value, str) and value.strip():
        return name, _plain(value)
    return None, page.search_description or ""


def agency_paths():
    """{tree path: slug} of every agency, for building many documents without a query
    per page."""
    from home.models import AgencyPage

    return dict(AgencyPage.objects.values_list("path", "slug"))


def agency_chain(page, agencies_by_path=None):
    """Slugs of the agency owning the page and every agency above it, nearest first."""
    from home.models import AgencyPage, ancestor_paths

    if agencies_by_path is None:
        agencies = AgencyPage.objects.ancestor_of(page, inclusive=True).order_by("-depth")
        return list(agencies.values_list("slug", flat=True))
    paths = ancestor_paths(page.path, inclusive=True)
    return [agencies_by_path[path] for path in paths if path in agencies_by_path]


def _extra_texts(page):
    for path in getattr(page, "search_text_fields", ()):
        if "." in path:
            relation, name = path.split(".")
            related = getattr(page, relation, None)
            for child in related.all() if related is not None else []:
                yield _plain(getattr(child, name, ""))
        else:
            yield _plain(getattr(page, path, ""))


def _old_codes(page):
    related = getattr(page, "old_codes", None)
    return [alias.code for alias in related.all()] if related is not None else []


def _sector(page):
    sector = getattr(page, "sector", None)
    if sector is None:
        return None, None
    return getattr(sector, "slug", None) or str(sector.pk), str(sector)


def _keywords(page):
    """A page's "how people say it" wordings: its `keywords` text, one per line."""
    value = getattr(page, "keywords", None)
    return [line.strip() for line in value.splitlines() if line.strip()] if isinstance(value, str) else []


def _life_events(page):
    """(slugs, names) of the page's life events (a `life_events` relation to rows with a
    slug and a name), read from the prefetched rows when there are some."""
    related = getattr(page, "life_events", None)
    if related is None or not hasattr(related, "all"):
        return [], []
    events = list(related.all())
    return [event.slug for event in events], [event.name for event in events]


def build_source(page, agencies_by_path=None):
    """The engine document of a specific, searchable page."""
    summary_field, summary = _summary(page)
    # Read by name into fields of their own, so not in the body too.
    skip = {"title", summary_field, "code", "keywords", "life_events"}
    texts = [*_search_field_texts(page, page.get_search_fields(), skip), *_extra_texts(page)]
    body = " ".join(text for text in texts if text)
    chain = agency_chain(page, agencies_by_path)
    sector, sector_name = _sector(page)
    level = getattr(page, "level", None)
    date = getattr(page, "date", None)
    kind = page_type(page)
    life_events, life_event_names = _life_events(page)
    return document_source(
        type=kind,
        title=page.title,
        url=page.get_url() or page.url_path,
        summary=summary,
        body=body,
        code=getattr(page, "code", None) or None,
        number=getattr(page, "number", None) or None,
        old_codes=_old_codes(page),
        agency=chain[0] if chain else None,
        agencies=chain,
        sector=sector,
        sector_name=sector_name,
        level=int(level) if isinstance(level, int | str) and str(level).isdigit() else None,
        date=date if kind in ("news", "document") else None,  # a document's date is its issue date
        published_at=page.last_published_at or page.first_published_at,
        keywords=_keywords(page),
        life_events=life_events,
        life_event_names=life_event_names,
    )


# -- applying changes ---------------------------------------------------------------------


def _record_pending(page_id, reason, error):
    pending, created = PendingIndexUpdate.objects.get_or_create(
        page_id=page_id, defaults={"reason": reason, "error": str(error)[:2000]}
    )
    if not created:
        pending.reason = reason
        pending.error = str(error)[:2000]
        pending.attempts += 1
        pending.save()
    logger.warning("search index: page %s queued for sync (%s): %s", page_id, reason, error)


def _send(page_id, source, reason):
    """Apply one page's state to the engine; record it for later on failure."""
    engine = get_engine()
    if engine is None:
        return
    try:
        if source is None:
            engine.delete_document(page_id)
        else:
            engine.index_document(page_id, source)
    except EngineError as error:
        _record_pending(page_id, reason, error)


def update_page(page, reason="publish"):
    """Bring one page's entries in line with its current state."""
    page = page.specific
    if page_type(page) is None or page.pk in _being_deleted:
        return
    source = build_source(page) if is_searchable(page) else None
    if source is None:
        SearchDocument.objects.filter(page_id=page.pk).delete()
    else:
        SearchDocument.from_source(page.pk, source).save()
    transaction.on_commit(lambda: _send(page.pk, source, reason))


def remove_page(page_id, reason="delete"):
    SearchDocument.objects.filter(page_id=page_id).delete()
    transaction.on_commit(lambda: _send(page_id, None, reason))


def searchable_querysets(within=None, pks=None):
    """One queryset per indexed model of its live, public pages (under `within`, itself
    included, when given; among `pks` when given), with clustered children, tags and sector
    loaded in bulk: a document reads them all, and per page that was several queries each."""
    for model in indexed_models():
        queryset = model.objects.live().public().order_by("path")
        if within is not None:
            queryset = queryset.descendant_of(within, inclusive=True)
        if pks is not None:
            queryset = queryset.filter(pk__in=pks)
        related = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
        if hasattr(model, "tags"):
            related.append("tags")
        if any(field.name == "life_events" for field in model._meta.many_to_many):
            related.append("life_events")
        if any(field.name == "sector" for field in model._meta.concrete_fields):
            queryset = queryset.select_related("sector")
        yield queryset.prefetch_related(*related)


def save_database_copies(batch):
    """Upsert the database copies of a batch of (page id, source) and index them for
    Wagtail's search."""
    rows = [SearchDocument.from_source(page_id, source) for page_id, source in batch]
    with transaction.atomic():
        SearchDocument.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["page"], update_fields=DATABASE_FIELDS
        )
        get_search_backend().add_bulk(SearchDocument, rows)


def update_subtree(page, reason):
    """The page and all its descendants (moves, privacy and slug changes affect them
    all), in bulk: moving a district with thousands of pages costs a few queries per
    model and one engine request per SUBTREE_CHUNK pages, not several per page."""
    agencies = agency_paths()
    sources = [
        (descendant.pk, build_source(descendant, agencies))
        for queryset in searchable_querysets(within=page)
        for descendant in queryset.iterator(chunk_size=SUBTREE_CHUNK)
    ]
    indexed = Page.objects.descendant_of(page, inclusive=True).type(*indexed_models())
    gone = sorted(set(indexed.values_list("pk", flat=True)) - {pk for pk, _ in sources} - _being_deleted)
    _apply_in_bulk(sources, gone, reason)


def update_pages(page_ids, reason):
    """Bulk counterpart of `update_page` for any set of pages (those a content import
    published): a few queries per SUBTREE_CHUNK pages, one engine request per chunk."""
    agencies = agency_paths()
    page_ids = sorted(set(page_ids) - _being_deleted)
    sources, gone = [], []
    for start in range(0, len(page_ids), SUBTREE_CHUNK):
        chunk = page_ids[start : start + SUBTREE_CHUNK]  # bounded: SQLite limits query parameters
        found = [
            (page.pk, build_source(page, agencies))
            for queryset in searchable_querysets(pks=chunk)
            for page in queryset.iterator(chunk_size=SUBTREE_CHUNK)
        ]
        indexed = Page.objects.filter(pk__in=chunk).type(*indexed_models()).values_list("pk", flat=True)
        gone.extend(sorted(set(indexed) - {pk for pk, _ in found}))
        sources.extend(found)
    _apply_in_bulk(sources, gone, reason)


def _apply_in_bulk(sources, gone, reason):
    """Write the database copies of (page id, source) pairs and drop those of `gone`
    now; send both to the engine in bulk once the transaction commits."""
    for start in range(0, len(sources), SUBTREE_CHUNK):
        save_database_copies(sources[start : start + SUBTREE_CHUNK])
    # Django sends post_delete for each row, so Wagtail drops their index entries too.
    SearchDocument.objects.filter(page_id__in=gone).delete()
    if sources or gone:
        transaction.on_commit(lambda: _send_many(sources, gone, reason))


def _send_many(sources, gone, reason):
    """Bulk counterpart of `_send`: pages of a failed request are recorded for later."""
    engine = get_engine()
    if engine is None:
        return
    items = list(sources) + [(pk, None) for pk in gone]
    for start in range(0, len(items), SUBTREE_CHUNK):
        chunk = items[start : start + SUBTREE_CHUNK]
        operations = []
        for pk, source in chunk:
            if source is None:
                operations.append({"delete": {"_id": str(pk)}})
            else:
                operations.extend([{"index": {"_id": str(pk)}}, source])
        try:
            failed = engine.bulk(operations, require_alias=True)
        except EngineError as error:
            failed = {pk: error for pk, _ in chunk}
        for pk, error in failed.items():
            _record_pending(int(pk), reason, error)


def sync_pending(progress=None):
    """Apply every recorded update; returns (fixed, still_failing)."""
    engine = get_engine()
    fixed = failing = 0
    for pending in PendingIndexUpdate.objects.all():
        page = Page.objects.filter(pk=pending.page_id).specific().first()
        source = build_source(page) if page is not None and is_searchable(page) else None
        try:
            if engine is not None:
                if source is None:
                    engine.delete_document(pending.page_id)
                else:
                    engine.index_document(pending.page_id, source)
        except EngineError as error:
            pending.attempts += 1
            pending.error = str(error)[:2000]
            pending.save(update_fields=["attempts", "error", "updated_at"])
            failing += 1
            continue
        if source is None:
            SearchDocument.objects.filter(page_id=pending.page_id).delete()
        else:
            SearchDocument.from_source(pending.page_id, source).save()
        pending.delete()
        fixed += 1
        if progress:
            progress(pending, source)
    return fixed, failing


# -- deferring updates during bulk writes (the content import) ----------------------------


class _Deferred:
    """What the receivers saw inside `deferred_indexing`: pages, and subtree roots whose
    whole subtree changed (moves, slugs, privacy)."""

    def __init__(self):
        self.pages, self.subtrees = set(), set()

    def page_ids(self):
        ids = set(self.pages)
        paths = sorted(Page.objects.filter(pk__in=self.subtrees).values_list("path", flat=True))
        for start in range(0, len(paths), SUBTREE_CHUNK):
            # A tree path starts with its ancestors' paths (treebeard's materialised path).
            within = reduce(or_, (Q(path__startswith=path) for path in paths[start : start + SUBTREE_CHUNK]))
            ids.update(Page.objects.filter(within).values_list("pk", flat=True))
        return ids


_deferred: ContextVar[_Deferred | None] = ContextVar("search_deferred", default=None)


@contextmanager
def deferred_indexing(reason="import"):
    """Index the pages published, moved or restricted inside the block once, in bulk, at
    its end, instead of page by page: the database copies in batches inside the caller's
    transaction, the engine in bulk requests after it commits (`update_pages`); failed
    requests are recorded for `sync_search_index` as usual. Wagtail's own (admin) search
    index is updated in bulk at the end too. Nothing is indexed if the block raises (its
    transaction is rolled back). Nested blocks leave the work to the outermost one."""
    if _deferred.get() is not None:
        yield
        return
    deferred = _Deferred()
    token = _deferred.set(deferred)
    try:
        with _wagtail_index_deferred() as saved:
            yield
    finally:
        _deferred.reset(token)
    update_pages(deferred.page_ids(), reason)
    _add_to_wagtail_index(saved)


@contextmanager
def _wagtail_index_deferred():
    """Stop modelsearch's per-save indexing (a task with two queries and an index write on
    every save, three saves per published page) and collect {model: pks} instead.

    Signal connections are process-wide, so saves from other threads of this process are
    collected too, and indexed at the end with the rest: this is for commands such as
    `import_content`, not for requests.
    """
    from modelsearch import index as modelsearch_index
    from modelsearch.signal_handlers import post_save_signal_handler

    models = [
        model
        for model in modelsearch_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    saved = defaultdict(set)

    def collect(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(collect, sender=model, weak=False, dispatch_uid="search.deferred_wagtail_index")
    try:
        yield saved
    finally:
        for model in models:
            post_save.disconnect(sender=model, dispatch_uid="search.deferred_wagtail_index")
            post_save.connect(post_save_signal_handler, sender=model)


def _add_to_wagtail_index(saved):
    from modelsearch.backends import get_search_backends_with_name

    backends = list(get_search_backends_with_name(with_auto_update=True))
    for model, pks in saved.items():
        pks = sorted(pks)
        for start in range(0, len(pks), SUBTREE_CHUNK):
            objects = list(model.get_indexed_objects().filter(pk__in=pks[start : start + SUBTREE_CHUNK]))
            for name, backend in backends:
                try:
                    backend.add_bulk(model, objects)
                except Exception:  # as modelsearch does: log for external services, raise for the database
                    logger.exception("Exception raised while adding %s objects to %r", model, name)
                    if not backend.catch_indexing_errors:
                        raise


# -- signal receivers (connected in SearchConfig.ready) -----------------------------------


def on_published(sender, instance, **kwargs):
    if (deferred := _deferred.get()) is not None:
        deferred.pages.add(instance.pk)
        return
    update_page(instance, "publish")


def on_unpublished(sender, instance, **kwargs):
    if (deferred := _deferred.get()) is not None:
        deferred.pages.add(instance.pk)
        return
    update_page(instance, "unpublish")


def on_moved(sender, instance, **kwargs):
    if (deferred := _deferred.get()) is not None:
        deferred.subtrees.add(instance.pk)
        return
    update_subtree(Page.objects.get(pk=instance.pk), "move")


def on_slug_changed(sender, instance, **kwargs):
    if (deferred := _deferred.get()) is not None:
        deferred.subtrees.add(instance.pk)
        return
    update_subtree(instance, "slug")


# Pages in the middle of being deleted: their restrictions go first, and reindexing
# them then would recreate rows that point at a page about to disappear.
_being_deleted = set()


def on_deleting(sender, instance, **kwargs):
    _being_deleted.add(instance.pk)


def on_deleted(sender, instance, **kwargs):
    _being_deleted.discard(instance.pk)
    remove_page(instance.pk, "delete")


def on_restriction_changed(sender, instance, **kwargs):
    if instance.page_id in _being_deleted:
        return
    if (deferred := _deferred.get()) is not None:
        deferred.subtrees.add(instance.page_id)
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        update_subtree(page, "privacy")


def connect_signals():
    from django.db.models.signals import post_delete, post_save, pre_delete

    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    page_published.connect(on_published, dispatch_uid="search.page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search.page_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search.post_page_move")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="search.page_slug_changed")
    pre_delete.connect(on_deleting, sender=Page, dispatch_uid="search.page_deleting")
    post_delete.connect(on_deleted, sender=Page, dispatch_uid="search.page_deleted")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_saved"
    )
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_deleted"
    )
