"""Vietnamese text helpers shared by the apps (procedures, news). Sort order is in collation.py."""

from django.utils.text import slugify

from anyascii import anyascii


def vietnamese_slugify(text):
    """'Hộ tịch' -> 'ho-tich', 'Đất đai' -> 'dat-dai' (anyascii folds đ and every tone mark)."""
    return slugify(anyascii(text or ""))[:255].strip("-")
