"""Property-based tests (Hypothesis): the Vietnamese text functions keep their promises for any
text, and no query string or form post, however odd, makes a public page answer 500.

Bounded: a few dozen examples per property and no deadline, so that the suite stays fast on a
busy machine; Hypothesis keeps the failures it finds in its example database and tries them first.
"""

import html
import re
import unicodedata
from urllib.parse import quote_from_bytes, urlencode

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from portal_site.text import fold
from search.service import python_snippet
from search.telex import CODAS, NUCLEI, ONSETS, TELEX_TONES, decode_query, decode_word, place_tone
from search.text import MAX_QUERY_LENGTH, canonical_tones, clean_indexed_text, clean_query, normalize
from tests.security.demo import demo_portal, one_url_per_page_type  # noqa: F401 (a fixture)

TEXT = settings(max_examples=200, deadline=None)
HTTP = settings(
    max_examples=25,
    deadline=None,
    # The examples share the test's database transaction (function-scoped fixtures): nothing
    # that a GET does is written, and what a refused POST would write is exactly what must not be.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Vietnamese letters in both cases, with every tone, composed and decomposed, mixed with any
# other character: what citizens paste is mostly the first kind, but not only.
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONED = [
    unicodedata.normalize("NFC", base + tone)
    for base in "aăâeêioôơuưy"
    for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
]
vietnamese_letters = st.sampled_from([*VIETNAMESE, *VIETNAMESE.upper(), *TONED, *(c.upper() for c in TONED)])
vietnamese_text = st.lists(
    st.one_of(vietnamese_letters, vietnamese_letters, st.just(" "), st.characters()), max_size=60
).map("".join)
any_text = st.one_of(vietnamese_text, st.text(max_size=60))
forms = st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"])


# --- portal_site.text.fold -----------------------------------------------------------------------


@TEXT
@given(any_text)
def test_fold_does_not_care_whether_the_input_is_composed(text):
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@TEXT
@given(any_text)
def test_fold_keeps_one_character_per_composed_character(text):
    """The highlights rely on it: a position in the folded text is a position in the original."""
    assert len(fold(text)) == len(unicodedata.normalize("NFC", text))


@TEXT
@given(any_text)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@TEXT
@given(st.lists(vietnamese_letters | st.sampled_from(" -.,0123456789"), max_size=60).map("".join), forms)
def test_vietnamese_folds_to_lowercase_ascii(text, form):
    folded = fold(unicodedata.normalize(form, text))
    assert folded.isascii()
    assert folded == folded.lower()


# --- search.text: normalisation and tone placement ------------------------------------------------


@TEXT
@given(any_text)
def test_normalize_is_idempotent_and_ignores_composition(text):
    once = normalize(text)
    assert normalize(once) == once
    assert normalize(unicodedata.normalize("NFD", text)) == once


@TEXT
@given(any_text)
def test_tone_placement_moves_marks_but_keeps_letters_and_length(text):
    composed = unicodedata.normalize("NFC", text)
    placed = canonical_tones(composed)
    assert len(placed) == len(composed)
    assert fold(placed) == fold(composed)
    assert canonical_tones(placed) == placed


@TEXT
@given(any_text, forms)
def test_clean_query_is_idempotent_bounded_and_free_of_control_characters(text, form):
    cleaned = clean_query(unicodedata.normalize(form, text)).text
    assert clean_query(cleaned).text == cleaned
    assert len(cleaned) <= MAX_QUERY_LENGTH
    assert cleaned == cleaned.strip()
    assert not any(unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co") for char in cleaned)
    assert (
        clean_query(unicodedata.normalize("NFD", text)).text
        == clean_query(unicodedata.normalize("NFC", text)).text
    )


@TEXT
@given(st.text(max_size=400))
def test_a_long_query_is_cut_and_says_so(text):
    query = clean_query(text)
    if len(unicodedata.normalize("NFC", text)) <= MAX_QUERY_LENGTH:
        assert not query.truncated
    else:
        assert len(query.text) <= MAX_QUERY_LENGTH


@TEXT
@given(vietnamese_text, st.data())
def test_highlights_mark_the_original_text_where_the_folded_words_matched(text, data):
    """The database fallback's snippets: matches found in fold(text) are marked in text itself."""
    text = clean_indexed_text(text)
    words = re.findall(r"\w+", fold(text))
    assume(words)
    chosen = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=3))
    snippet = str(python_snippet(text, fold(text), chosen))
    body = snippet.removeprefix("… ").removesuffix(" …")
    plain = html.unescape(body.replace("<mark>", "").replace("</mark>", ""))
    assert plain in text
    for marked in re.findall(r"<mark>(.*?)</mark>", body):
        for piece in html.unescape(marked).split():
            assert fold(piece) in chosen


# --- search.telex ---------------------------------------------------------------------------------

TELEX_KEYS = {"đ": "dd", "â": "aa", "ă": "aw", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw"}
syllables = st.builds(
    lambda onset, nucleus, coda: onset + nucleus + coda,
    st.sampled_from(["", *ONSETS.split("|")]),
    st.sampled_from(NUCLEI.split("|")),
    st.sampled_from(["", *CODAS.split("|")]),
)


def telex(letters, tone_key):
    return "".join(TELEX_KEYS.get(char, char) for char in letters) + tone_key


@TEXT
@given(syllables, st.sampled_from(["", *TELEX_TONES]))
def test_telex_typing_of_a_syllable_decodes_to_that_syllable(letters, tone_key):
    typed = telex(letters, tone_key)
    assume(typed != letters)  # nothing typed in Telex: not decoded, by design
    assume("uow" not in typed)  # typed "uow" is ươ, not uô + w
    assume("oo" not in letters)  # the rhyme "oo" (xoong) is typed "ooo": "oo" is ô
    decoded = decode_word(typed)
    expected = place_tone(letters, TELEX_TONES.get(tone_key, ""))
    if decoded is not None:
        assert decoded == expected
        assert unicodedata.is_normalized("NFC", decoded)


@TEXT
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 ", max_size=40))
def test_decoded_queries_keep_their_words_and_are_composed(text):
    decoded = decode_query(text)
    if decoded is not None:
        assert len(decoded.split()) == len(text.split())
        assert unicodedata.is_normalized("NFC", decoded)
        assert decoded != text.lower()


@TEXT
@given(st.text(min_size=1, max_size=20).filter(lambda text: not text.isascii()))
def test_text_with_diacritics_is_never_read_as_telex(text):
    assert decode_query(text) is None


# --- HTTP: no input gives a 500 -------------------------------------------------------------------

# The parameters the public pages read (search, catalogues, registers, schedule, question lookup),
# so that Hypothesis reaches the code behind them, and any other name.
PARAMETER_NAMES = [
    "q",
    "type",
    "agency",
    "sector",
    "level",
    "page",
    "page_size",
    "scope",
    "status",
    "year",
    "tuan",
    "ma",
    "kind",
    "tag",
    "sort",
]
hostile_values = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40),
    st.sampled_from(
        ["0", "-1", "1e9", "99999999999", "1.5", "٣", "\x00", "../../etc", "<script>", "%", "so-tu-phap"]
    ),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)
query_strings = st.one_of(
    st.dictionaries(st.sampled_from(PARAMETER_NAMES) | st.text(max_size=8), hostile_values, max_size=5).map(
        lambda params: urlencode(params)
    ),
    # Raw bytes, percent-encoded: invalid UTF-8, lone %, repeated parameters.
    st.binary(max_size=40).map(
        lambda raw: "q=" + quote_from_bytes(raw) + "&page=" + quote_from_bytes(raw[:3])
    ),
    st.text(alphabet="=&%;+?#q", max_size=12),
)


@pytest.fixture
def public_paths(demo_portal, db):  # noqa: F811 (the imported fixture)
    """The JSON API, the search page and one page of each page type in the demo content (every
    model the apps register: catalogue, directory, news, register, consultations, questions,
    schedule …), with their routes."""
    paths = ["/api/search/", "/api/search/suggest/", "/tim-kiem/", *one_url_per_page_type().values()]
    paths += ["/hoi-dap/tra-cuu/", "/hoi-dap/gui-cau-hoi/", "/lich-cong-tac/ical/"]
    return list(dict.fromkeys(paths))


@HTTP
@given(query=query_strings, data=st.data())
def test_no_query_string_makes_a_public_page_fail(client, public_paths, query, data):
    path = data.draw(st.sampled_from(public_paths))
    response = client.get(f"{path}?{query}")
    assert response.status_code < 500, f"{path}?{query}"
    if path.startswith("/api/"):
        assert response["Content-Type"].startswith("application/json")
        if response.status_code == 400:
            assert response.json()["error"]


@HTTP
@given(params=st.dictionaries(st.sampled_from(PARAMETER_NAMES), hostile_values, max_size=7))
def test_the_search_api_answers_200_or_names_the_bad_parameter(client, db, params):
    response = client.get("/api/search/", params)
    assert response.status_code in (200, 400)
    body = response.json()
    if response.status_code == 400:
        assert body["field"] in PARAMETER_NAMES
    else:
        assert 1 <= body["page_size"] <= 50 and body["count"] >= 0


# Field names of the public forms (contracts §8–§10): comments, questions, ratings.
FORM_FIELDS = [
    "name",
    "email",
    "phone",
    "agency",
    "title",
    "question",
    "comment",
    "article",
    "page",
    "score",
    "reason",
    "website",
]
form_posts = st.dictionaries(st.sampled_from(FORM_FIELDS) | st.text(max_size=6), hostile_values, max_size=8)


@pytest.fixture
def form_paths(public_paths):
    """Where the public forms post: the rating endpoint, the question form, and every page (a
    consultation's comments post to its own page)."""
    return ["/danh-gia/", *(path for path in public_paths if not path.startswith("/api/"))]


@pytest.fixture
def page_ids(demo_portal, db):  # noqa: F811 (the imported fixture)
    from wagtail.models import Page

    return [str(pk) for pk in Page.objects.live().values_list("pk", flat=True)[:50]]


@HTTP
@given(fields=form_posts, json=st.booleans(), data=st.data())
def test_no_form_post_makes_a_public_page_fail(client, form_paths, page_ids, fields, json, data):
    path = data.draw(st.sampled_from(form_paths))
    if data.draw(st.booleans()):  # a real page to rate, so that the rating's other checks run
        fields["page"] = data.draw(st.sampled_from(page_ids))
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    response = client.post(path, fields, **headers)
    assert response.status_code < 500, f"POST {path} {fields!r}"
