"""Vietnamese text helpers shared by the apps (search, procedures, news). Sort order is in collation.py."""

import re
import unicodedata

from django.core.validators import slug_unicode_re
from django.utils.text import slugify

from anyascii import anyascii

# Two meanings of "slug", one definition each. What the portal writes (import files, create_agency)
# is strict ASCII, as vietnamese_slugify makes it. What a URL or GET parameter may name is any
# Wagtail slug, which may be Unicode: Django's slug_unicode_re, no longer than a slug field.
ASCII_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
SLUG_MAX_LENGTH = 255


def is_url_slug(value):
    """Whether a slug taken from a URL or GET parameter is worth looking up (`so-tu-phap`, `đô-thị`)."""
    return len(value) <= SLUG_MAX_LENGTH and slug_unicode_re.match(value) is not None


class _FoldTable(dict):
    """`str.translate` table filled on first sight of each character: its anyascii form
    when that is one character (đ→d, ơ→o, –→-), else the character itself (ﬁ, 한, 👍),
    so that folding never changes the length of a text."""

    def __missing__(self, code):
        char = chr(code)
        folded = anyascii(char)
        self[code] = value = folded if len(folded) == 1 else char
        return value


_FOLD = _FoldTable()
# After NFD, Vietnamese text is ASCII letters, combining marks and đ/Đ (which has no
# decomposition). Such text, nearly all of it, folds about three times faster by dropping every
# non-ASCII code point, which gives what the table gives (a test keeps them in step).
_DECOMPOSED_LATIN = re.compile(r"[\x00-\x7f\u0300-\u036f\u0110\u0111]*")


def fold(text):
    """Lowercase ASCII-folded text: `Đăng ký` → `dang ky`. NFC first, so NFD and
    half-composed input fold the same; one output character per NFC input character,
    so that the search can map highlights in folded text back onto the original."""
    text = unicodedata.normalize("NFC", text or "")
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text)
    if _DECOMPOSED_LATIN.fullmatch(decomposed):
        ascii_only = decomposed.replace("đ", "d").replace("Đ", "D").encode("ascii", "ignore")
        # Unless a combining mark stood alone (no letter to sit on), which dropping would lose.
        if len(ascii_only) == len(text):
            return ascii_only.decode("ascii").lower()
    return text.translate(_FOLD).lower()


def vietnamese_slugify(text, max_length=255):
    """'Hộ tịch' -> 'ho-tich', 'Đất đai' -> 'dat-dai', '中国' -> 'zhongguo': anyascii
    itself, since a slug may grow where `fold` keeps other scripts as they are.

    At most `max_length` characters, never ending in a hyphen.
    """
    return slugify(anyascii(text or ""))[:max_length].strip("-")


def escape_text_value(value):
    """A TEXT value of a vCard (RFC 6350 §3.4) or iCalendar (RFC 5545 §3.3.11) line: backslash,
    semicolon and comma escaped, every line break as \\n."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )
