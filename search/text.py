"""Vietnamese text normalisation shared by the indexer, the queries and the fallback.

The engine has no ICU plugin, so everything that Lucene's `analysis-common` cannot
do correctly happens here, identically on the index side and on the query side
(domain.md §4): NFC composition, one canonical tone placement for the open rhymes
oa/oe/uy, lowercasing, and diacritic folding with đ→d (`fold`, from portal_site.text,
where slugs use it too).
"""

import re
import unicodedata
from dataclasses import dataclass

from portal_site.text import fold

# A query longer than this is cut (at a word boundary when possible) and the page
# says so. Real queries are a few words; 200 characters leave room for a pasted title.
MAX_QUERY_LENGTH = 200

# The five Vietnamese tone marks as combining characters: huyền, sắc, ngã, hỏi, nặng.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

# Private-use characters the engine wraps around highlighted terms; they are stripped
# from indexed text so that a page cannot forge a highlight.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"

_VOWELS = frozenset("aăâeêioôơuưy")


def _split_tone(char):
    """Return (base letter in NFC, tone mark or "") for one NFC character."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = "".join(mark for mark in decomposed if mark in TONE_MARKS)
    base = "".join(mark for mark in decomposed if mark not in TONE_MARKS)
    return unicodedata.normalize("NFC", base), tone


def _with_tone(base, tone):
    return unicodedata.normalize("NFC", base + tone)


def _is_vowel(char):
    return _split_tone(char)[0].lower() in _VOWELS


# A two-letter open rhyme written "new style": a bare o/u followed by a toned plain
# a/e/y that ends the syllable (no letter after it). One character class, no groups:
# this regex runs over every indexed text, and this shape scans fastest.
_NEW_STYLE_RHYME = re.compile(r"[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ](?![^\W\d_])")
_OPEN_RHYMES = {("o", "a"), ("o", "e"), ("u", "y")}


def _traditional(match):
    first, second = match.group(0)
    base, tone = _split_tone(second)
    if (first.lower(), base.lower()) not in _OPEN_RHYMES:
        return match.group(0)  # "quá", "của": the tone is where it belongs
    start = match.start()
    previous = match.string[start - 1] if start else ""
    if previous and previous.isalpha() and _is_vowel(previous):
        return match.group(0)  # part of a longer vowel cluster, not the oa/oe/uy rhyme
    if first.lower() == "u" and previous.lower() == "q":
        return match.group(0)  # "quý": u belongs to the onset qu-, the tone is on y
    return _with_tone(first, tone) + base


def canonical_tones(text):
    """Move tone marks in open oa/oe/uy rhymes to the traditional position.

    `hoà`→`hòa`, `khoẻ`→`khỏe`, `thuỷ`→`thủy`, `Uỷ`→`Ủy`; closed syllables (`hoàn`,
    `khuyến`), `quý` and triphthongs (`hoài`, `khuỷu`) are left alone. Expects NFC text;
    the length of the string never changes.
    """
    return _NEW_STYLE_RHYME.sub(_traditional, text)


def normalize(text):
    """NFC with canonical tone placement, case kept: the form we index and display."""
    if not text:
        return ""
    return canonical_tones(unicodedata.normalize("NFC", text))


def normalize_for_search(text):
    """`normalize` plus lowercasing: the accented form both sides compare."""
    return normalize(text).lower()


def has_diacritics(text):
    """True when the text carries any Vietnamese diacritic (or đ) to trust; folded
    punctuation (“ ” –) does not count."""
    decomposed = unicodedata.normalize("NFD", text or "")
    return "đ" in decomposed or "Đ" in decomposed or any(map(unicodedata.combining, decomposed))


# Control (Cc), format (Cf: zero-width spaces, bidi controls, BOM), surrogate and
# private-use characters never belong in a query or an indexed text.
_UNWANTED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
# A quick scan for the usual suspects; only text containing one is checked per character.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
    "\ud800-\udfff\ue000-\uf8ff\U000e0000-\U000e007f\U000f0000-\U0010ffff]"
)


def _strip_unwanted(text):
    """Unwanted characters become spaces (tabs and newlines are whitespace already)."""
    if not _SUSPECT.search(text):
        return text
    return "".join(" " if unicodedata.category(char) in _UNWANTED_CATEGORIES else char for char in text)


def _collapse_spaces(text):
    return " ".join(text.split())


@dataclass(frozen=True)
class CleanQuery:
    """A query as the search code sees it, and whether it had to be shortened."""

    text: str
    truncated: bool = False

    @property
    def accented(self):
        return normalize_for_search(self.text)

    @property
    def folded(self):
        return fold(self.text)

    @property
    def has_diacritics(self):
        return has_diacritics(self.text)

    def __bool__(self):
        return bool(self.text)


def clean_query(raw, max_length=MAX_QUERY_LENGTH):
    """Make user input safe to search with.

    NFC and canonical tones; control, format, private-use and unpaired surrogate
    characters become spaces; runs of whitespace collapse; the result is cut to
    `max_length` characters, at the last space when one is near the end.
    """
    text = unicodedata.normalize("NFC", raw or "")
    text = _collapse_spaces(canonical_tones(_strip_unwanted(text)))
    truncated = len(text) > max_length
    if truncated:
        cut = text[:max_length]
        space = cut.rfind(" ")
        if space >= max_length * 3 // 4:
            cut = cut[:space]
        text = cut.rstrip()
    return CleanQuery(text=text, truncated=truncated)


def clean_indexed_text(text):
    """Text as it goes into the index: normalised, highlight markers and control
    characters removed, whitespace collapsed."""
    return _collapse_spaces(_strip_unwanted(normalize(text)))
