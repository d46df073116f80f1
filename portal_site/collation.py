"""Vietnamese alphabetical order (a ă â b c d đ e ê …; unmarked < huyền < hỏi < ngã < sắc < nặng).

Code-point order puts "Đăng ký" after "Xóa" and "Cấp" after "Chứng thực"; citizens expect the
dictionary order. `vi_sort_key` sorts in Python; `vietnamese(field)` orders in the database: a
Python collation registered on SQLite connections, ICU's Vietnamese collation on PostgreSQL.
"""

import functools
import unicodedata

from django.db.backends.signals import connection_created
from django.db.models.functions import Collate
from django.dispatch import receiver

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxyfjwz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
# Marks that make a different letter (ă â ê ô ơ ư) versus tone marks (secondary order).
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@functools.lru_cache(maxsize=65536)
def vi_sort_key(text):
    primary, tones = [], []
    decomposed = unicodedata.normalize("NFD", (text or "").lower())
    index = 0
    while index < len(decomposed):
        base, marks, tone = decomposed[index], "", 0
        index += 1
        while index < len(decomposed) and unicodedata.combining(decomposed[index]):
            mark = decomposed[index]
            if mark in _LETTER_MARKS:
                marks += mark
            tone = _TONE_RANK.get(mark, tone)
            index += 1
        letter = unicodedata.normalize("NFC", base + marks)
        primary.append(_LETTER_RANK.get(letter, 100 + ord(base)) if letter.isalpha() else ord(base) - 1000)
        tones.append(tone)
    return tuple(primary), tuple(tones)


def _compare(a, b):
    key_a, key_b = vi_sort_key(a), vi_sort_key(b)
    return (key_a > key_b) - (key_a < key_b)


@receiver(connection_created, dispatch_uid="portal_vietnamese_collation")
def _register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation("vi", _compare)


def vietnamese(field):
    """An order_by() expression sorting `field` in Vietnamese order on SQLite and PostgreSQL."""
    from django.db import connection

    return Collate(field, "vi" if connection.vendor == "sqlite" else "vi-VN-x-icu")
