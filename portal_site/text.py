"""Vietnamese text helpers shared by the apps (procedures, news). Sort order is in collation.py."""

from django.utils.text import slugify

from anyascii import anyascii


def vietnamese_slugify(text, max_length=255):
    """'Hộ tịch' -> 'ho-tich', 'Đất đai' -> 'dat-dai' (anyascii folds đ and every tone mark).

    At most `max_length` characters, never ending in a hyphen.
    """
    return slugify(anyascii(text or ""))[:max_length].strip("-")
