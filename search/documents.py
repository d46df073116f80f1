"""The search index: one elasticsearch-dsl `Document` for every searchable page.

Analysis uses only the `analysis-common` module (no ICU, domain.md §4.8). Text arrives
already NFC- and tone-normalised by `search.text`, so the engine only has to tokenise
(UAX #29 syllables), lowercase and, in the sub-fields, fold diacritics and build
shingles. Separate accented and folded fields let an exact diacritic match score above
a folded one.
"""

import unicodedata

from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    SearchAsYouType,
    Text,
    analyzer,
    normalizer,
    token_filter,
)

from .text import clean_indexed_text

vi_accented = analyzer("vi_accented", tokenizer="standard", filter=["lowercase"])
vi_folded = analyzer("vi_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
# Two- and three-syllable shingles (most Vietnamese words are two syllables) on folded
# text, so that adjacent syllables score as a unit with or without diacritics.
vi_shingle = token_filter(
    "vi_shingle",
    "shingle",
    min_shingle_size=2,
    max_shingle_size=3,
    output_unigrams=False,
)
vi_shingles = analyzer(
    "vi_shingles",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", vi_shingle],
)
code_normalizer = normalizer("code_normalizer", filter=["lowercase", "asciifolding"])


def vietnamese_text(shingles=True, exact=False, **kwargs):
    """An accented text field with a folded and (optionally) a shingled sub-field, and
    for titles the whole folded title as one keyword ("the query names this page")."""
    fields = {"folded": Text(analyzer=vi_folded)}
    if shingles:
        fields["shingles"] = Text(analyzer=vi_shingles)
    if exact:
        fields["exact"] = Keyword(normalizer=code_normalizer, ignore_above=512)
    return Text(analyzer=vi_accented, fields=fields, **kwargs)


class PageDocument(Document):
    """A live, public page as the public search sees it (the id is the page id)."""

    type = Keyword()  # "procedure", "news" or "page"
    title = vietnamese_text(exact=True, copy_to="text")
    # "How people say it" (a procedure's everyday wordings, one per value): scored between
    # the title and the summary.
    keywords = vietnamese_text(exact=True, copy_to="text")
    display_title = Keyword(index=False)  # the editor's spelling, for display
    code = Keyword(normalizer=code_normalizer)  # a procedure's current code or a document's number
    codes = Keyword(normalizer=code_normalizer)  # current and former codes, for lookups
    summary = vietnamese_text(copy_to="text")
    # No shingles on the body: they would double its indexing cost; phrase clauses
    # (match_phrase with slop) reward adjacent syllables there instead.
    body = vietnamese_text(shingles=False, copy_to="text")
    # Title, summary and body folded into one field, for *which* pages match (counts and
    # facets): one posting list per word instead of three makes that exhaustive pass
    # cheap, and a match on it is a match of the scoring query's cross_fields clause.
    text = Text(analyzer=vi_folded)
    agency = Keyword()  # slug of the agency whose subtree holds the page
    agencies = Keyword()  # that agency and every agency above it
    sector = Keyword()
    sector_name = Keyword()  # facet label
    life_events = Keyword()  # slugs of the procedure's life events (facet and filter)
    # Their names, searched like the summary: "có con nhỏ" finds the procedures of that event.
    life_event_names = vietnamese_text(shingles=False, copy_to="text")
    level = Integer()
    date = Date()  # news date; publication date for other pages
    published_at = Date()
    url = Keyword(index=False)
    live = Boolean()
    public = Boolean()
    # Type-ahead: search_as_you_type builds 2/3-gram and edge-prefix sub-fields.
    suggest = SearchAsYouType(analyzer=vi_folded, max_shingle_size=3)


def page_index(name):
    """The index definition under a concrete (versioned) name."""
    index = Index(name)
    index.settings(
        number_of_shards=1,
        number_of_replicas=0,
        auto_expand_replicas="0-1",
        refresh_interval="1s",
        max_result_window=10_000,
    )
    index.document(PageDocument)
    return index


# Raised whenever a query starts relying on a mapping change; the search refuses an
# index built with an older one (and answers from the database until it is rebuilt).
# 2: the `text` field that counts matches.
# 3: `keywords`, `life_events` and `life_event_names` (issue 17).
SCHEMA_VERSION = 3


def index_body(name):
    """The JSON body of `PUT /<name>`: settings with the analyzers, and mappings."""
    body = page_index(name).to_dict()
    body["mappings"]["_meta"] = {"schema": SCHEMA_VERSION}
    return body


# Very long bodies (a pasted legal text) are cut: the first part carries the meaning and
# the highlighter need not analyse megabytes.
MAX_BODY_LENGTH = 100_000


def document_source(
    *,
    type,
    title,
    url,
    summary="",
    body="",
    code=None,
    number=None,
    old_codes=(),
    agency=None,
    agencies=(),
    sector=None,
    sector_name=None,
    level=None,
    date=None,
    published_at=None,
    keywords=(),
    life_events=(),
    life_event_names=(),
):
    """The indexed JSON of one page, its text normalised the way queries will be."""
    title_text = clean_indexed_text(title)
    return {
        "type": type,
        "title": title_text,
        "display_title": unicodedata.normalize("NFC", title or "").strip(),
        # A legal document's number is its identifier as a procedure's code is: it is kept in
        # `code` (both copies of the index, no new mapping field) and found by exact lookup.
        "code": code or number or None,
        "codes": [c for c in (code, number, *old_codes) if c],
        "summary": clean_indexed_text(summary),
        "keywords": [text for text in map(clean_indexed_text, keywords) if text],
        "body": clean_indexed_text(body)[:MAX_BODY_LENGTH],
        "agency": agency,
        "agencies": list(agencies),
        "sector": sector,
        "sector_name": sector_name,
        "life_events": list(life_events),
        "life_event_names": [clean_indexed_text(name) for name in life_event_names],
        "level": level,
        "date": date.isoformat() if date else None,
        "published_at": published_at.isoformat() if published_at else None,
        "url": url,
        "live": True,
        "public": True,
        "suggest": title_text,
    }
