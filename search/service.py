"""Running a search: on the engine when one is configured and answers, otherwise on the
database copy of the index through Wagtail's database search backend.

Both paths return the same `SearchOutcome`, which the HTML page and the JSON API render.
"""

import datetime
import html
import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.models import Case, F, Sum, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.safestring import mark_safe

from wagtail.search.models import IndexEntry
from wagtail.search.query import Or, PlainText

from portal_site import fragments

from . import answers, types
from .documents import SCHEMA_VERSION
from .engine import EngineError, get_engine
from .models import SearchDocument, SearchedPage, Synonym
from .queries import (
    FACET_FIELDS,
    SUGGEST_BELOW,
    Expansion,
    SearchParams,
    build_facets,
    build_search,
    core_words,
    did_you_mean_search,
    expand_synonyms,
    suggest_search,
)
from .telex import decode_query
from .text import HIGHLIGHT_END, HIGHLIGHT_START, fold, normalize_for_search

logger = logging.getLogger(__name__)

SNIPPET_LENGTH = 180
_WORD = re.compile(r"\w+")


@dataclass
class SearchOutcome:
    params: SearchParams
    backend: str  # "engine" or "database"
    engine: str | None = None
    count: int = 0
    results: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    suggestion: str | None = None
    # True when an engine is configured but could not answer (the page says so).
    engine_failed: bool = False
    # The page id of the first result (counted for "most searched"; not part of the results).
    first_page_id: int | None = None
    # When the search found little: {"life_events": [...], "popular": [...]}, for the page's
    # help block and the API (see few_results_help).
    few_results: dict | None = None
    # The key the engine's answer is kept under (search.answers), or None when it is not kept.
    kept: tuple | None = None

    @property
    def num_pages(self):
        return max(1, -(-self.count // self.params.page_size))


def level_label(level):
    """The procedure app's own wording for a level when it has one."""
    from django.apps import apps

    try:
        choices = dict(apps.get_model("procedures", "ProcedurePage")._meta.get_field("level").choices or [])
    except LookupError:
        choices = {}
    return str(choices.get(level, f"Mức độ {level}"))


def life_event_names():
    """{slug: name} of the procedures app's life events (none when the app is missing)."""
    from django.apps import apps

    try:
        model = apps.get_model("procedures", "LifeEvent")
    except LookupError:
        return {}
    return dict(model.objects.values_list("slug", "name"))


def synonym_pairs():
    """(colloquial, official) pairs, from the fragment cache: saving a synonym makes it stale."""
    return fragments.get_or_build(
        "search-synonyms", (), lambda: list(Synonym.objects.values_list("colloquial", "official"))
    )


def search(params):
    """Search with `params`; never raises for engine trouble."""
    decoded = None
    if params.query:
        params.synonyms = expand_synonyms(params.query, synonym_pairs())
        decoded = decode_query(params.query.text)
        if decoded:
            # Telex/VNI keystrokes: search the decoded words too, and offer them.
            params.synonyms.append(Expansion(normalize_for_search(decoded), fold(decoded), 1.0))
    engine = get_engine()
    outcome = None
    if engine is not None:
        try:
            outcome = answers.get_or_search(engine.alias, params, lambda: _engine_search(engine, params))
        except EngineError as error:
            logger.warning("search: engine failed, answering from the database: %s", error)
            outcome = database_search(params)
            outcome.engine_failed = True
    if outcome is None:
        outcome = database_search(params)
    if decoded:
        outcome.suggestion = decoded
    if params.query and params.page == 1 and outcome.count < SUGGEST_BELOW:
        outcome.few_results = few_results_help()
    return outcome


# -- few or no results: life events and the most-searched procedures ------------------------

POPULAR_SIZE = 5
POPULAR_DAYS = 90


def record_search(params, outcome):
    """Count a citizen's search whose first result is a procedure ("most searched"). Called by
    the search page only: the JSON API serves scripts and type-ahead clients, and counting there
    would put a row update on every API call."""
    if params.query and params.page == 1 and outcome.results and outcome.results[0]["type"] == "procedure":
        count_search(outcome.first_page_id)


def count_search(page_id):
    """One more search today whose first result was this page (a procedure)."""
    if page_id is None:
        return
    today = timezone.localdate()
    try:
        # In a transaction of its own only: inside a caller's, set_config would turn off
        # synchronous_commit for all of it, and a failure would abort it (the ORM's savepoint
        # below does not).
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            _count_search_postgresql(page_id, today)
            return
        with transaction.atomic():
            counter = SearchedPage.objects.filter(page_id=page_id, day=today)
            if not counter.update(count=F("count") + 1):
                SearchedPage.objects.bulk_create(
                    [SearchedPage(page_id=page_id, day=today, count=1)], ignore_conflicts=True
                )
    except DatabaseError as error:  # a counter is not worth failing a search for
        logger.warning("search: could not count a search for page %s: %s", page_id, error)


def _count_search_postgresql(page_id, day):
    # One statement, so one round trip: an upsert, and set_config(..., true) turns off
    # synchronous_commit for its transaction only. A count lost in a crash does not matter;
    # waiting for the WAL flush, on every search, does (the ORM took four round trips: BEGIN,
    # SET LOCAL, UPDATE, COMMIT).
    table = connection.ops.quote_name(SearchedPage._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (page_id, day, count) "  # noqa: S608 (the model's own table)
            "SELECT %s, %s, 1 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS unflushed "
            f"ON CONFLICT (page_id, day) DO UPDATE SET count = {table}.count + 1",
            [page_id, day],
        )


def popular_procedures(size=POPULAR_SIZE):
    """[{"title", "url"}] of the live procedures most often found first in the last
    POPULAR_DAYS days; the featured procedures while nothing has been counted."""
    since = timezone.localdate() - datetime.timedelta(days=POPULAR_DAYS)
    ranked = (
        SearchedPage.objects.filter(
            day__gte=since, page_id__in=SearchDocument.objects.filter(type="procedure")
        )
        .values("page_id")
        .annotate(total=Sum("count"))
        .order_by("-total", "page_id")[:size]
    )
    order = [row["page_id"] for row in ranked]
    documents = SearchDocument.objects.in_bulk(order)
    found = [{"title": documents[pk].title, "url": documents[pk].url} for pk in order if pk in documents]
    if found:
        return found
    from django.apps import apps

    try:
        model = apps.get_model("procedures", "ProcedurePage")
    except LookupError:
        return []
    featured = model.objects.live().public().filter(featured=True).order_by("title")[:size]
    return [{"title": page.title, "url": page.get_url()} for page in featured]


def few_results_help():
    """What the search offers when it found little: the life events, which lead to procedures
    without knowing their names, and the procedures people search for most.

    Kept in the fragment cache: editing a life event or publishing makes it stale, and the
    fragments' expiry (5 minutes) brings in what the day's counts have changed."""
    return fragments.get_or_build("search-few-results", (), _few_results_help)


def _few_results_help():
    from django.apps import apps

    try:
        life_events = apps.get_model("procedures", "LifeEvent").links()
    except LookupError:
        life_events = []
    return {"life_events": life_events, "popular": popular_procedures()}


def suggest(query, size=8):
    """Type-ahead suggestions: [{"title", "url", "type"}]."""
    if not query:
        return []
    engine = get_engine()
    if engine is not None:
        try:
            response = engine.search(suggest_search(query, size))
            return [{"title": hit.display_title, "url": hit.url, "type": hit.type} for hit in response]
        except EngineError as error:
            logger.warning("search: engine failed for suggestions: %s", error)
    folded = " ".join(_WORD.findall(query.folded))
    if not folded:
        return []
    rows = SearchDocument.objects.filter(title_folded__icontains=folded).order_by("title")[:size]
    return [{"title": row.title, "url": row.url, "type": row.type} for row in rows]


# -- engine ---------------------------------------------------------------------------------


def render_snippet(fragment):
    """Escape a highlighted fragment and turn only the engine's markers into <mark>."""
    escaped = html.escape(fragment, quote=False)
    marked = escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_END, "</mark>")
    return mark_safe(re.sub(r"</mark>(\s+)<mark>", r"\1", marked))  # noqa: S308 (escaped above)


def _engine_search(engine, params):
    engine.require_schema(SCHEMA_VERSION)
    # The page of hits and the counts in one round trip: the hits request may skip pages
    # that cannot reach the top, the counting one does not score.
    counting = build_facets(params)
    response, *counted = engine.msearch(build_search(params), *(search for search, _ in counting))
    results = []
    for hit in response:
        highlight = getattr(hit.meta, "highlight", None)
        fragment = None
        if highlight is not None:
            for name in ("body", "body.folded", "summary", "summary.folded"):
                if name in highlight:
                    fragment = highlight[name][0]
                    break
            if fragment is None:
                fragment = next(iter(highlight.to_dict().values()))[0]
        results.append(
            _result(
                kind=hit.type,
                title=hit.display_title,
                url=hit.url,
                code=getattr(hit, "code", None),
                agency=getattr(hit, "agency", None),
                level=getattr(hit, "level", None),
                date=getattr(hit, "date", None),
                snippet=render_snippet(fragment or getattr(hit, "summary", "")[:SNIPPET_LENGTH]),
            )
        )
    count = counted[0].hits.total.value
    facets, sectors = {}, {}
    for answer, (_, names) in zip(counted, counting, strict=True):
        aggregations = answer.aggregations.to_dict()
        for name in names:
            buckets = aggregations[name]["buckets"]
            facets[name] = [(bucket["key"], bucket["doc_count"]) for bucket in buckets]
            if name == "sector":
                sectors = {
                    bucket["key"]: bucket["label"]["buckets"][0]["key"]
                    for bucket in buckets
                    if bucket["label"]["buckets"]
                }
    facets = {name: facets[name] for name in FACET_FIELDS}  # in the facets' order
    outcome = SearchOutcome(
        params=params,
        backend="engine",
        engine=engine.name,
        count=count,
        results=results,
        facets=label_facets(facets, params, sectors),
        first_page_id=int(response[0].meta.id) if len(response) else None,
    )
    if params.query and count < SUGGEST_BELOW:
        outcome.suggestion = _did_you_mean(engine, params, results)
    return outcome


def _did_you_mean(engine, params, results):
    response = engine.search(did_you_mean_search(params.query))
    if not len(response):
        return None
    title = response[0].display_title
    if fold(title) == params.query.folded or (results and results[0]["title"] == title):
        return None
    return title


def _result(*, kind, title, url, code, agency, level, date, snippet):
    result = {"type": kind, "title": title, "url": url}
    if kind == "procedure":
        result["code"] = code
    elif kind == "document":
        result["number"] = code  # search.documents keeps a document's number in `code`
    result.update(
        agency=agency,
        level=level,
        date=str(date)[:10] if date else None,
        snippet=snippet,
    )
    return result


def label_facets(counts, params, sector_names=None):
    """Facet (value, count) pairs as [{"value", "label", "count", "selected"}]."""
    from home.models import AgencyPage

    labels = {"type": types.type_labels()}
    # Every agency's name, from the fragment cache (publishing makes it stale): the facet names
    # a few dozen of them on every search.
    labels["agency"] = fragments.get_or_build(
        "search-agency-titles", (), lambda: dict(AgencyPage.objects.values_list("slug", "title"))
    )
    if sector_names is None:  # the database fallback: names from its own copy
        sector_slugs = [value for value, _ in counts.get("sector", [])]
        sector_names = dict(
            SearchDocument.objects.filter(sector__in=sector_slugs)
            .exclude(sector_name="")
            .values_list("sector", "sector_name")
            .distinct()
        )
    labels["sector"] = sector_names
    labels["life_event"] = fragments.get_or_build("search-life-event-names", (), life_event_names)
    facets = {}
    for name, pairs in counts.items():
        selected = getattr(params, name)
        facets[name] = [
            {
                "value": value,
                "label": level_label(value) if name == "level" else labels[name].get(value, str(value)),
                "count": count,
                "selected": str(value) == str(selected) if selected is not None else False,
            }
            for value, count in pairs
        ]
    return facets


# -- database fallback ----------------------------------------------------------------------


def _filtered(queryset, params, skip=None):
    for name, value in params.filters.items():
        if name == skip:
            continue
        if name == "agency":
            queryset = queryset.filter(agencies__contains=f" {value} ")
        elif name == "life_event":
            queryset = queryset.filter(life_events__contains=f" {value} ")
        else:
            queryset = queryset.filter(**{name: value})
    return queryset


def _wordings(params):
    """The word lists the fallback looks for, a page matching when it holds every word
    of one: the query, each rewording (a synonym's official term, decoded Telex), and
    each of these without filler words ("thủ tục ... ở đâu")."""
    texts = [params.query.folded] + [expansion.rewritten for expansion in params.synonyms]
    found = []
    for text in texts:
        for variant in (text, core_words(text)):
            words = _WORD.findall(variant)
            if words and words not in found:
                found.append(words)
    return found


def _matching(queryset, groups, operator):
    """`queryset` narrowed to the documents whose pre-folded text holds every word of one
    of the word lists in `groups` (operator "and") or any of their words ("or"), using the full-text
    index that Wagtail's database search backend keeps for SearchDocument.

    The index is asked in a subquery, so that the database neither sends the matching ids to
    Python nor re-runs the match once per candidate row (Wagtail's own query on SQLite takes
    about a second per query at 5,000 pages): the count, the page of results and each facet are
    one SQL query apiece. Databases other than SQLite and PostgreSQL use the backend's `search()`.
    """
    if operator == "or":
        groups = [sorted({word for words in groups for word in words})]
    if connection.vendor not in ("sqlite", "postgresql"):
        query = Or([PlainText(" ".join(words), operator=operator) for words in groups])
        found = queryset.search(query, order_by_relevance=False)
        return queryset.filter(pk__in=[row.pk for row in found])
    table = IndexEntry._meta.db_table
    content_type = ContentType.objects.get_for_model(SearchDocument).pk
    # Values are bound parameters; the table name comes from the model, words are \w+ only, which
    # holds no operator of either query syntax.
    if connection.vendor == "postgresql":
        join = " & " if operator == "and" else " | "
        expression = " | ".join("(" + join.join(words) + ")" for words in groups)
        config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG", "simple")
        matches = RawSQL(  # noqa: S611
            f"SELECT CAST(object_id AS INTEGER) FROM {table} WHERE content_type_id = %s "  # noqa: S608
            "AND (title || body) @@ to_tsquery(%s::regconfig, %s)",
            [content_type, config, expression],
        )
        return queryset.filter(pk__in=matches)
    expression = " OR ".join(
        "(" + f" {operator.upper()} ".join(f'"{word}"' for word in words) + ")" for words in groups
    )
    matches = RawSQL(  # noqa: S611
        f"SELECT CAST(object_id AS INTEGER) FROM {table} WHERE content_type_id = %s AND id IN "  # noqa: S608
        f"(SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s)",
        [content_type, expression],
    )
    return queryset.filter(pk__in=matches)


def _ranked(queryset, phrases):
    """A whole phrase (the query or a rewording of it) as the title first, then in the
    title, then titles holding more of the words, then newest."""
    exact = [When(title_folded=phrase, then=Value(20)) for phrase in phrases]
    within = [When(title_folded__contains=phrase, then=Value(10)) for phrase in phrases]
    score = Case(*exact, *within, default=Value(0))
    for word in {word for phrase in phrases for word in phrase.split()}:
        score = score + Case(When(title_folded__contains=word, then=Value(1)), default=Value(0))
    return queryset.annotate(rank=score).order_by("-rank", "-published_at", "-pk")


def database_search(params):
    base = SearchDocument.objects.all()
    groups = _wordings(params) if params.query else []
    if params.query and not groups:
        return SearchOutcome(params=params, backend="database", facets=_empty_facets())
    words = sorted({word for group in groups for word in group})

    operator = "and"
    if len(words) > 1 and not _matching(base, groups, "and").exists():
        operator = "or"  # nothing has every word of any wording: show what has some

    def run(queryset):
        return _matching(queryset, groups, operator) if groups else queryset

    results = run(_filtered(base, params))
    count = results.count()
    if groups:
        phrases = [" ".join(group) for group in groups]
        phrases += [" ".join(_WORD.findall(fold(expansion.official))) for expansion in params.synonyms]
        ordered = _ranked(results, phrases)
    else:
        ordered = results.order_by("-published_at", "-pk")
    start = (params.page - 1) * params.page_size
    rows = list(ordered[start : start + params.page_size]) if start < count else []
    counts = {}
    for name, field_name in FACET_FIELDS.items():
        pairs = _count_values(run(_filtered(base, params, skip=name)), field_name)
        if name in ("agency", "life_event"):  # space-separated lists of slugs
            pairs = _roll_up_agencies(pairs)
        counts[name] = sorted(pairs, key=lambda pair: (-pair[1], str(pair[0])))
        counts[name] = [(value, count) for value, count in counts[name] if value not in ("", None)]
    return SearchOutcome(
        params=params,
        backend="database",
        count=count,
        results=[_db_result(row, words) for row in rows],
        facets=label_facets(counts, params),
        first_page_id=rows[0].page_id if rows else None,
    )


def _count_values(queryset, field_name):
    from django.db.models import Count

    rows = queryset.order_by().values(field_name).annotate(n=Count("pk"))
    return [(row[field_name], row["n"]) for row in rows]


def _roll_up_agencies(pairs):
    """Counts per agency chain (" commune district province ") -> counts per agency."""
    totals = {}
    for chain, count in pairs:
        for slug in (chain or "").split():
            totals[slug] = totals.get(slug, 0) + count
    return list(totals.items())


def _empty_facets():
    return {name: [] for name in FACET_FIELDS}


def _db_result(row, words):
    return _result(
        kind=row.type,
        title=row.title,
        url=row.url,
        code=row.code or None,
        agency=row.agency or None,
        level=row.level,
        date=row.date.isoformat() if row.date else None,
        snippet=python_snippet(row.text, row.text_folded, words),
    )


def python_snippet(text, text_folded, words, length=SNIPPET_LENGTH):
    """A window of `text` around the first matched word, matches in <mark>, escaped.

    `text_folded` is `fold(text)`, one character per character of `text`, so positions
    found in the folded text are positions in the original.
    """
    spans = []
    for word in set(words):
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text_folded):
            spans.append(match.span())
    spans.sort()
    start = 0
    if spans:
        start = max(0, spans[0][0] - length // 3)
        space = text.rfind(" ", 0, start)
        start = space + 1 if start and space != -1 else start
    end = min(len(text), start + length)
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_start < cursor or span_end > end:
            continue
        pieces.append(html.escape(text[cursor:span_start], quote=False))
        pieces.append(f"<mark>{html.escape(text[span_start:span_end], quote=False)}</mark>")
        cursor = span_end
    pieces.append(html.escape(text[cursor:end], quote=False))
    snippet = "".join(pieces)
    snippet = re.sub(r"</mark>(\s+)<mark>", r"\1", snippet)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + snippet + suffix)  # noqa: S308 (every piece escaped)
