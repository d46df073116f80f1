"""Every query the public search sends, built with elasticsearch-dsl.

No query type that parses user syntax is used (no `query_string`): the user's text only
ever reaches `match`-family queries and `term`, so `title:(a OR b)`, `*`, `~` or an
unbalanced quote are plain words. The scoring follows domain.md §4:

* a query with diacritics is trusted: the accented fields score three times the folded
  ones; a query without them matches the folded fields;
* adjacent syllables (most Vietnamese words have two) score as a unit through phrase
  clauses and shingles;
* title > code > summary > body, and an exact procedure code outranks everything;
* procedures rank above news for a query that asks for a procedure;
* typo tolerance only on long syllables, where a single edit rarely makes another word;
* synonyms (citizens' words for official terms) become extra clauses here, at query
  time, so that an editor's change works without reindexing.
"""

import functools
import re
from dataclasses import dataclass, field

from elasticsearch.dsl import A, Q, Search

from .text import HIGHLIGHT_END, HIGHLIGHT_START, CleanQuery, fold, normalize_for_search

PAGE_SIZE_DEFAULT = 10
PAGE_SIZE_MAX = 50
MAX_RESULT_WINDOW = 10_000
# With fewer hits than this, the search also looks for a "did you mean" title.
SUGGEST_BELOW = 3

# Facet name -> indexed field. The agency facet counts a page under its own agency and
# every agency above it, so that a district's count includes its communes.
FACET_FIELDS = {
    "type": "type",
    "agency": "agencies",
    "sector": "sector",
    "level": "level",
    "life_event": "life_events",
}
FACET_SIZES = {"type": 10, "agency": 50, "sector": 50, "level": 4, "life_event": 30}

# A procedure's "how people say it" keywords weigh between its title and its summary.
TITLE_BOOST, KEYWORDS_BOOST, SUMMARY_BOOST, BODY_BOOST = 6, 4, 2, 1
CODE_BOOST = 200
# Syllables shorter than 6 letters get no typo tolerance: in Vietnamese one edit of a
# short syllable is usually another real word (dan/dân/đàn, hoa/hòa ...).
FUZZINESS = "AUTO:6,9"
# Words that mark a query as a request for an administrative procedure (folded).
PROCEDURE_CUES = (
    "thu tuc",
    "dang ky",
    "cap lai",
    "cap doi",
    "cap giay",
    "cap phep",
    "giay phep",
    "giay chung nhan",
    "ho so",
    "to khai",
    "le phi",
    "chung thuc",
    "xac nhan",
    "gia han",
    "xin ",
    "lam ",
)
PROCEDURE_WEIGHT = 2.0
# Words around the name of what is sought ("thủ tục ... ở đâu"), folded; removed to find
# the name itself, which then may equal a page title exactly. Single syllables only at either
# end (they can be part of a name: "cải cách", "lâm nghiệp"); the question phrases wherever
# they stand ("đăng ký kết hôn ở đâu", "làm lý lịch tư pháp mất bao lâu").
FILLERS = (
    "thu tuc",
    "lam the nao de",
    "lam the nao",
    "nhu the nao",
    "o dau",
    "can nhung gi",
    "can giay to gi",
    "can gi",
    "huong dan",
    "cach",
    "xin",
    "lam",
    "muon",
    "toi muon",
    "the nao",
)
QUESTION_PHRASES = (
    "lam the nao de",
    "lam the nao",
    "nhu the nao",
    "the nao",
    "ra sao",
    "o dau",
    "tai dau",
    "can nhung giay to gi",
    "can giay to gi",
    "can nhung gi",
    "can dieu kien gi",
    "can gi",
    "mat bao lau",
    "bao lau",
    "het bao nhieu tien",
    "mat bao nhieu tien",
    "bao nhieu tien",
    "het bao nhieu",
    "la gi",
)
# A query that is all of one of these is a whole keyword of a procedure's: it names that
# procedure almost as surely as its title.
EXACT_KEYWORD_BOOST = 40
EXACT_TITLE_BOOST = 60
RESCORE_WINDOW = 50
_CODE = re.compile(r"^\d+(?:\.\d+)+$")
_WORD = re.compile(r"\w+")


@dataclass
class SearchParams:
    """Validated search input; `query` is already cleaned."""

    query: CleanQuery
    type: str | None = None
    agency: str | None = None
    sector: str | None = None
    level: int | None = None
    life_event: str | None = None
    page: int = 1
    page_size: int = PAGE_SIZE_DEFAULT
    synonyms: list = field(default_factory=list)  # Expansion objects from expand_synonyms

    @property
    def filters(self):
        return {name: getattr(self, name) for name in FACET_FIELDS if getattr(self, name)}


def _minimum_should_match(words):
    # All of one to three syllables; three of four; 75% of longer queries.
    return "3<75%" if len(words) > 3 else "100%"


def core_words(folded):
    """The folded query without the filler words around it: "thu tuc dang ky khai sinh o
    dau" -> "dang ky khai sinh". Question phrases go wherever they stand, single fillers
    only at either end, and always leaving two syllables at least: the same syllables can
    be part of a name ("cai cach hanh chinh", "lam nghiep")."""
    words = _WORD.findall(folded)
    for phrase in sorted((p.split() for p in QUESTION_PHRASES), key=len, reverse=True):
        size = len(phrase)
        position = 0
        while position <= len(words) - size:
            if words[position : position + size] == phrase and len(words) - size >= 2:
                words = words[:position] + words[position + size :]
            else:
                position += 1
    fillers = sorted((filler.split() for filler in FILLERS), key=len, reverse=True)
    trimmed = True
    while trimmed and words:
        trimmed = False
        for filler in fillers:
            size = len(filler)
            if len(words) < size + 2:
                continue
            if words[:size] == filler:
                words, trimmed = words[size:], True
            elif words[-size:] == filler:
                words, trimmed = words[:-size], True
    return " ".join(words)


def is_procedure_like(query, synonyms=()):
    folded = f" {query.folded} "
    if synonyms or any(_CODE.match(word) for word in folded.split()):
        return True
    return any(f" {cue}" in folded for cue in PROCEDURE_CUES)


def _fields(suffix, title=TITLE_BOOST, summary=SUMMARY_BOOST, body=BODY_BOOST):
    fields = [
        f"title{suffix}^{title}",
        f"keywords{suffix}^{KEYWORDS_BOOST}",
        f"summary{suffix}^{summary}",
        f"life_event_names{suffix}^{summary}",
    ]
    return fields + [f"body{suffix}^{body}"] if body else fields


def _phrase_clauses(accented, folded, strength):
    """Phrase matches (one syllable of slop) on title, summary and body."""
    clauses = [
        Q(
            "match_phrase",
            **{"title.folded": {"query": folded, "slop": 1, "boost": 6 * strength}},
        ),
        Q(
            "match_phrase",
            **{"keywords.folded": {"query": folded, "slop": 1, "boost": 5 * strength}},
        ),
        Q(
            "match_phrase",
            **{"summary.folded": {"query": folded, "slop": 1, "boost": 4 * strength}},
        ),
        Q(
            "match_phrase",
            **{"body.folded": {"query": folded, "slop": 1, "boost": 2 * strength}},
        ),
    ]
    if accented is not None:
        clauses.append(
            Q(
                "match_phrase",
                title={"query": accented, "slop": 1, "boost": 10 * strength},
            )
        )
        clauses.append(
            Q(
                "match_phrase",
                body={"query": accented, "slop": 1, "boost": 2 * strength},
            )
        )
    return clauses


def _all_words(text, msm, boost, scoring):
    """Pages holding (enough of) the folded words anywhere. Scoring weighs title, summary
    and body as one blended field; counting asks the copy of all three in `text`, which
    matches the same pages (same analyser, same minimum) from one posting list per word."""
    if not scoring:
        return Q("match", text={"query": text, "minimum_should_match": msm})
    return Q(
        "multi_match",
        query=text,
        fields=_fields(".folded"),
        type="cross_fields",
        minimum_should_match=msm,
        boost=boost,
    )


def text_query(query, synonyms=(), scoring=True):
    """The query for non-empty user text (filters are added by the caller).

    With `scoring=False` it is the same set of pages without the scoring extras, for
    counting and facets: clauses that can only match pages another clause already
    matches (the accented words) are left out, and the folded words use `text`.
    """
    accented, folded = query.accented, query.folded
    words = folded.split()
    msm = _minimum_should_match(words)
    trusted = query.has_diacritics
    core = core_words(folded)
    weight = 1 if not trusted else 0.5
    should = [
        _all_words(folded, msm, weight, scoring),
        # The last word may be unfinished ("khai si"): prefix match on the title grams.
        Q(
            "multi_match",
            query=folded,
            type="bool_prefix",
            fields=["suggest", "suggest._2gram", "suggest._3gram"],
            operator="and",
            boost=2,
        ),
        Q("term", codes={"value": query.text, "boost": CODE_BOOST}),
    ]
    if any(len(word) >= 6 for word in words):
        # Typo tolerance on titles and summaries only: fuzzy expansion over every body
        # is the most expensive clause and adds little.
        should.append(
            Q(
                "multi_match",
                query=folded,
                fields=["title.folded^3"],
                fuzziness=FUZZINESS,
                prefix_length=1,
                minimum_should_match=msm,
                boost=0.3,
            )
        )
    for word in words:
        if _CODE.match(word):
            should.append(Q("term", codes={"value": word, "boost": CODE_BOOST}))
    if trusted and scoring:
        # Each accented word is also its folded word, so this only ranks; on the title,
        # keywords and summary, where an accent tells a name apart, not over every body.
        should.append(
            Q(
                "multi_match",
                query=accented,
                fields=_fields("", body=None),
                type="cross_fields",
                minimum_should_match=msm,
                boost=3,
            )
        )
    # The query (without filler words) is a page's whole title: it names that page.
    if core and core != folded:
        # Without the filler words, the rest alone must match: "mất bao lâu" need not.
        should.append(_all_words(core, _minimum_should_match(core.split()), weight, scoring))
    for name in {folded, core} - {""}:
        should.append(Q("term", **{"title.exact": {"value": name, "boost": EXACT_TITLE_BOOST}}))
        should.append(Q("term", **{"keywords.exact": {"value": name, "boost": EXACT_KEYWORD_BOOST}}))
    for expansion in synonyms:
        should.extend(_synonym_clauses(expansion, words))
    return Q("bool", should=should, minimum_should_match=1)


def adjacent_syllables(query):
    """Titles and summaries holding the query's syllables side by side: one shingle term
    per pair or triple of syllables."""
    return Q("multi_match", query=query.folded, fields=["title.shingles^6", "summary.shingles^3"])


def ranks_adjacency_first(query):
    """Whether shingles score in the first pass rather than only in the rescore window.

    For a query of two or three syllables (usually one word: "tiền giang", "hộ kinh
    doanh") its syllables are common and side by side is all that tells the page about it
    from the pages that merely use them; without that in the first pass such a page need
    not reach the window at all. Shingles of longer queries match so widely that the first
    pass would slow down for little gain, so they only rescore.
    """
    return 2 <= len(query.folded.split()) <= 3


def proximity_query(query, synonyms=()):
    """Adjacent syllables as a unit (phrases, and shingles unless the first pass scored
    them), or None for a one-word query.

    Phrase clauses are the costliest part of the scoring, so they rescore only the best
    hits of `text_query` instead of running over every match."""
    accented, folded = query.accented, query.folded
    if len(folded.split()) < 2 and not synonyms:
        return None
    should = [] if ranks_adjacency_first(query) else [adjacent_syllables(query)]
    should.extend(_phrase_clauses(accented if query.has_diacritics else None, folded, strength=1))
    core = core_words(folded)
    if core != folded and len(core.split()) > 1:
        should.append(Q("match_phrase", **{"title.folded": {"query": core, "boost": 10}}))
    for expansion in synonyms:
        official = fold(expansion.official)
        weight = min(1.0, 1.5 * expansion.coverage)
        phrase = {"query": official, "slop": 1, "boost": 2 * weight}
        should.append(Q("match_phrase", **{"body.folded": phrase}))
    return Q("bool", should=should)


def rescorers(query, synonyms=()):
    """Second-pass scoring of the best RESCORE_WINDOW hits: adjacent syllables, then
    procedures weighted up for a query that asks for one.

    The weighting multiplies, so it cannot be part of the first pass without hiding the
    score bounds the engine uses to skip pages that cannot reach the top (a
    `function_score` there made broad queries score every match).
    """
    found = []
    proximity = proximity_query(query, synonyms)
    if proximity is not None:
        found.append({"window_size": RESCORE_WINDOW, "query": {"rescore_query": proximity.to_dict()}})
    if is_procedure_like(query, synonyms):
        procedure = Q("constant_score", filter=Q("term", type="procedure"), boost=PROCEDURE_WEIGHT)
        found.append(
            {
                "window_size": RESCORE_WINDOW,
                "query": {"rescore_query": procedure.to_dict(), "score_mode": "multiply"},
            }
        )
    return found


def _synonym_clauses(expansion, words):
    """Clauses for an official term standing in for the citizen's words (`words`, folded):
    the term as a phrase, weighted by how much of the query the citizen's words made up (so
    that "đk" in "đk khai sinh" does not lift every "Đăng ký ..."), and the whole query with
    the words replaced."""
    folded = fold(expansion.official)
    weight = min(1.0, 1.5 * expansion.coverage)
    rewritten = expansion.rewritten
    clauses = [
        Q("match_phrase", **{"title.folded": {"query": folded, "slop": 1, "boost": 25 * weight}}),
        Q("match_phrase", **{"summary.folded": {"query": folded, "slop": 1, "boost": 5 * weight}}),
        Q("match_phrase", **{"title.folded": {"query": rewritten, "slop": 1, "boost": 10}}),
    ]
    # The rewritten query as words, where an official name stands (not the body: the citizen's
    # own words search it already). Left out when it only adds a word or two to a longer query
    # ("đổi" -> "thay đổi" in "chuyển đổi số Mỹ Tho"): then it finds the pages the query finds
    # and scores them alike, at the cost of another pass over every summary.
    if expansion.coverage >= 0.5 or not set(words) <= set(rewritten.split()):
        clauses.append(
            Q(
                "multi_match",
                query=rewritten,
                fields=_fields(".folded", body=None),
                type="cross_fields",
                minimum_should_match=_minimum_should_match(rewritten.split()),
                boost=2,
            )
        )
    return clauses


def _filter_clause(name, value):
    return Q("term", **{FACET_FIELDS[name]: value})


def build_search(params):
    """The page of hits: scoring, filters, rescoring, highlights; no count, no facets.

    Without an exact total the engine may skip pages that cannot reach the top (block-max
    WAND), which for a query of common syllables is most of them; `build_facets` counts
    them in a separate request that does not score.
    """
    # No filter on `live` or `public`: the index holds live, public pages only (a page leaves it
    # when unpublished or restricted), every document has both true, and the two filters cost
    # a third of a broad query's time.
    filters = [_filter_clause(name, value) for name, value in params.filters.items()]
    search = Search()
    if params.query:
        # A `should` beside `must` only ranks: it adds no pages the counts would miss.
        ranking = [adjacent_syllables(params.query)] if ranks_adjacency_first(params.query) else []
        search = search.query(
            Q("bool", must=[text_query(params.query, params.synonyms)], should=ranking, filter=filters)
        )
        rescore = rescorers(params.query, params.synonyms)
        if rescore:
            search = search.extra(rescore=rescore)
    else:
        # An empty query lists the newest content.
        search = search.query(Q("bool", filter=filters)).sort({"published_at": {"order": "desc"}})
    start = (params.page - 1) * params.page_size
    search = search.extra(from_=start, size=params.page_size, track_total_hits=False)
    search = search.source(
        [
            "type",
            "display_title",
            "title",
            "code",
            "agency",
            "level",
            "date",
            "url",
            "summary",
            "sector",
        ]
    )
    return _with_highlight(search, params)


def build_facets(params):
    """The counting requests, without scoring (size 0): [(Search, facet names read from its
    answer)]. The first gives the exact number of hits.

    Each facet's counts are computed with every *other* selected facet, so that choosing "Tin
    tức" still shows how many procedures there would be. The first request counts the hits
    with every selection and the facets not selected; each selected facet is counted by the
    request the search without that selection sends first. So the request for a filtered search
    is mostly one the unfiltered search has sent already, which the engine's request cache
    keeps until the index refreshes; and no facet needs a filter over every hit.
    """
    selected = params.filters
    found = [(_counting(params, selected), [name for name in FACET_FIELDS if name not in selected])]
    for name in selected:
        others = {other: value for other, value in selected.items() if other != name}
        found.append((_counting(params, others), [name]))
    return found


def _counting(params, filters):
    """The hits of the query within `filters`, counted, and the facets not in `filters`."""
    matching = []
    if params.query:
        matching.append(text_query(params.query, params.synonyms, scoring=False))
    matching += [_filter_clause(name, value) for name, value in filters.items()]
    search = Search().query(Q("bool", filter=matching))
    for name, field_name in FACET_FIELDS.items():
        if name in filters:
            continue
        bucket = A("terms", field=field_name, size=FACET_SIZES[name])
        if name == "sector":
            bucket.bucket("label", A("terms", field="sector_name", size=1))  # the sector's name
        search.aggs.bucket(name, bucket)
    return search.extra(size=0, track_total_hits=True)


def _with_highlight(search, params):
    query = params.query
    options = {
        "pre_tags": [HIGHLIGHT_START],
        "post_tags": [HIGHLIGHT_END],
        "type": "unified",
        "fragment_size": 180,
        "number_of_fragments": 1,
    }
    search = search.highlight_options(**options)
    if not query:
        return search.highlight("summary", no_match_size=180)
    suffix = "" if query.has_diacritics else ".folded"
    text = query.accented if query.has_diacritics else query.folded
    phrases = [text, *(fold(e.official) if suffix else e.official for e in params.synonyms)]
    highlight_query = Q(
        "bool",
        should=[Q("match", **{f"summary{suffix}": phrase}) for phrase in phrases]
        + [Q("match", **{f"body{suffix}": phrase}) for phrase in phrases],
    ).to_dict()
    return search.highlight(f"summary{suffix}", highlight_query=highlight_query, no_match_size=180).highlight(
        f"body{suffix}", highlight_query=highlight_query
    )


def did_you_mean_search(query):
    """The best title for a query that found little: typo-tolerant on every syllable."""
    folded = query.folded
    return (
        Search()
        .query(
            Q(
                "bool",
                must=[
                    Q(
                        "match",
                        **{
                            "title.folded": {
                                "query": folded,
                                "fuzziness": "AUTO",
                                "prefix_length": 1,
                                "minimum_should_match": "75%",
                            }
                        },
                    )
                ],
                should=[Q("match", **{"title.shingles": folded})],
            )
        )
        .source(["display_title", "title"])
        .extra(size=1)
    )


def suggest_search(query, size=8):
    """Type-ahead: titles that start with (or contain) what was typed so far."""
    folded = query.folded
    return (
        Search()
        .query(
            Q(
                "bool",
                should=[
                    Q(
                        "multi_match",
                        query=folded,
                        type="bool_prefix",
                        fields=["suggest", "suggest._2gram", "suggest._3gram"],
                        operator="and",
                    ),
                    Q("prefix", codes={"value": query.text.lower(), "boost": 5}),
                ],
                minimum_should_match=1,
            )
        )
        .source(["display_title", "url", "type"])
        .extra(size=size)
    )


@dataclass(frozen=True)
class Expansion:
    """An official term found through a synonym, and the query rewritten with it."""

    official: str  # accented, normalised
    rewritten: str  # the folded query with the citizen's words replaced
    coverage: float  # share of the query's words that were the citizen's wording


def expand_synonyms(query, synonyms):
    """Expansions for every citizens' wording that occurs in the query.

    `synonyms` is an iterable of (colloquial, official) pairs; wordings are matched on
    whole folded words, so "so do" finds "sổ đỏ" and "cmnd" does not fire inside another
    word.
    """
    folded = _words(query.folded)
    found = []
    for colloquial, officials in synonyms:
        key = _folded_words(colloquial)
        if not key.strip() or key not in folded:
            continue
        # One row may name several official terms ("làm" -> "cấp; đăng ký").
        for official in (term.strip() for term in officials.split(";")):
            if not official:
                continue
            rewritten = folded.replace(key, _words(fold(official))).strip()
            coverage = len(key.split()) / len(folded.split())
            expansion = Expansion(normalize_for_search(official), rewritten, coverage)
            if expansion not in found:
                found.append(expansion)
    return found


def _words(text):
    """Words separated by single spaces and padded with one, for whole-word lookups."""
    return " " + " ".join(_WORD.findall(text)) + " "


@functools.lru_cache(maxsize=4096)
def _folded_words(text):
    # Every search compares the query with every wording of the vocabulary (a few hundred).
    return _words(fold(text))
