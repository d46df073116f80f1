"""Telex and VNI keystrokes typed with the input method off (domain.md §4.5)."""

import pytest

from search.telex import decode_query, decode_word, place_tone


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ddawng kys khai sinh", "đăng ký khai sinh"),
        ("thur tucj", "thủ tục"),
        ("giaays pheps xaay duwngj", "giấy phép xây dựng"),
        ("hooj kinh doanh", "hộ kinh doanh"),
        ("Tieenf Giang", "tiền giang"),
        ("d9a8ng ky1 khai sinh", "đăng ký khai sinh"),
        ("thu3 tu5c", "thủ tục"),
        ("gia61y phe1p", "giấy phép"),
        ("nguwowif daan", "người dân"),
        ("truwowngf hocj", "trường học"),
        ("tw phaps", "tư pháp"),
        ("khuyeens maix", "khuyến mãi"),
    ],
)
def test_decoding(typed, meant):
    assert decode_query(typed) == meant


@pytest.mark.parametrize(
    "query",
    ["dang ky khai sinh", "1.001193", "42/2022/ND-CP", "hello world", "đăng ký", "", "www"],
)
def test_plain_text_codes_and_foreign_words_are_left_alone(query):
    assert decode_query(query) is None


@pytest.mark.parametrize(
    ("letters", "tone", "expected"),
    [
        ("hoa", "\u0300", "hòa"),  # traditional placement, as the index stores it
        ("thuy", "\u0309", "thủy"),
        ("hoan", "\u0300", "hoàn"),
        ("hoai", "\u0300", "hoài"),
        ("quy", "\u0301", "quý"),
        ("gi", "\u0300", "gì"),
        ("khuyên", "\u0301", "khuyến"),
        ("mua", "\u0300", "mùa"),
    ],
)
def test_tone_goes_on_the_right_vowel(letters, tone, expected):
    assert place_tone(letters, tone) == expected


def test_words_that_cannot_be_syllables_are_rejected():
    assert decode_word("xyzs") is None
    assert decode_word("ddd") is None
