"""Vietnamese normalisation used on both the index and the query side."""

import unicodedata

import pytest

from search.text import (
    MAX_QUERY_LENGTH,
    canonical_tones,
    clean_indexed_text,
    clean_query,
    fold,
    has_diacritics,
    normalize,
    normalize_for_search,
)


def nfd(text):
    return unicodedata.normalize("NFD", text)


def half_composed(text):
    """Precomposed vowel plus a combining tone, as "Unicode tổ hợp" input produces."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in unicodedata.normalize("NFC", text):
        marks = unicodedata.normalize("NFD", char)
        base = "".join(mark for mark in marks if mark not in tones)
        out.append(unicodedata.normalize("NFC", base) + "".join(m for m in marks if m in tones))
    return "".join(out)


@pytest.mark.parametrize(
    ("new_style", "traditional"),
    [
        ("hoà", "hòa"),
        ("Hoà Bình", "Hòa Bình"),
        ("khoẻ", "khỏe"),
        ("thuỷ lợi", "thủy lợi"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("uỷ quyền", "ủy quyền"),
        ("tuỳ", "tùy"),
        ("xoá", "xóa"),
        ("hoá đơn", "hóa đơn"),
        ("thuý", "thúy"),
        ("HOÀ", "HÒA"),
        ("UỶ BAN", "ỦY BAN"),
        ("toạ đàm", "tọa đàm"),
        ("loè", "lòe"),
        ("Thanh Hoà", "Thanh Hòa"),
    ],
)
def test_new_style_tone_moves_to_the_traditional_position(new_style, traditional):
    assert canonical_tones(new_style) == traditional
    assert canonical_tones(traditional) == traditional
    assert normalize(nfd(new_style)) == traditional


@pytest.mark.parametrize(
    "word",
    [
        "hoàn thành",
        "khuyến nông",
        "thuận lợi",
        "quý",
        "Quý",
        "quỳnh",
        "khuỷu",
        "hoài",
        "ngoáy",
        "của",
        "mùa",
        "huýt",
        "thuế",
        "khuya",
        "hoa",
        "ngoèo",
    ],
)
def test_closed_syllables_qu_and_triphthongs_are_left_alone(word):
    assert canonical_tones(word) == word


def test_tone_placement_never_changes_the_length():
    text = "Uỷ ban nhân dân tỉnh Tiền Giang hoà giải, thuỷ lợi, khoẻ mạnh"
    assert len(canonical_tones(text)) == len(text)


@pytest.mark.parametrize(
    "variant",
    [
        "Đăng ký khai sinh",
        nfd("Đăng ký khai sinh"),
        half_composed("Đăng ký khai sinh"),
        "ĐĂNG KÝ KHAI SINH",
        nfd("ĐĂNG KÝ KHAI SINH"),
    ],
)
def test_every_shape_of_the_same_text_normalises_alike(variant):
    assert normalize_for_search(variant) == "đăng ký khai sinh"
    assert fold(variant) == "dang ky khai sinh"


def test_half_composed_helper_really_builds_non_nfc_text():
    text = half_composed("Việt")
    assert text == "Vi\u00ea\u0323t"
    assert unicodedata.normalize("NFC", text) == "Việt"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đường", "duong"),
        ("đ", "d"),
        ("Đ", "d"),
        ("Tiền Giang", "tien giang"),
        ("Ủy ban", "uy ban"),
        ("Uỷ ban", "uy ban"),
        ("giấy chứng nhận quyền sử dụng đất", "giay chung nhan quyen su dung dat"),
        ("42/2022/NĐ-CP", "42/2022/nd-cp"),
        ("1.001193", "1.001193"),
        ("ươ ư ơ ă â ê ô", "uo u o a a e o"),
        ("“Kinh tế–Xã hội”", '"kinh te-xa hoi"'),  # punctuation folds as in the engine
    ],
)
def test_folding_removes_diacritics_and_maps_d_stroke(text, folded):
    assert fold(text) == folded
    assert fold(nfd(text)) == folded


def test_folding_keeps_one_character_per_nfc_character():
    text = "Đăng ký ﬁ 한국 👍 Hòa"
    assert len(fold(text)) == len(text)


def test_vietnamese_text_folds_as_anyascii_folds_each_letter():
    from anyascii import anyascii

    vowels = "aăâeêioôơuưy"
    letters = "".join(
        unicodedata.normalize("NFC", base + tone)
        for base in vowels + vowels.upper()
        for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    )
    letters += "đĐbcdghklmnpqrstvx"
    assert fold(letters) == "".join(anyascii(letter) for letter in letters).lower()
    assert fold(letters + "–") == fold(letters) + "-"  # the per-character path agrees too


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dang ky khai sinh", False),
        ("1.001193", False),
        ("Tien Giang", False),
        ("đ", True),
        ("Đăng ký", True),
        (nfd("thủ tục"), True),
        ("hòa", True),
        ("“ho tich” – khai sinh", False),
    ],
)
def test_has_diacritics(text, expected):
    assert has_diacritics(text) is expected


def test_clean_query_strips_control_and_format_characters():
    query = clean_query("khai\x00sinh\u200b\tđăng\r\nký\x1b  \ue000x")
    assert query.text == "khai sinh đăng ký x"
    assert not query.truncated


def test_clean_query_normalises_nfd_and_tone_style():
    query = clean_query(nfd("  Uỷ ban nhân dân  "))
    assert query.text == "Ủy ban nhân dân"
    assert query.accented == "ủy ban nhân dân"
    assert query.folded == "uy ban nhan dan"
    assert query.has_diacritics


def test_clean_query_cuts_long_input_at_a_word_and_says_so():
    query = clean_query("khai sinh " * 1000)
    assert query.truncated
    assert len(query.text) <= MAX_QUERY_LENGTH
    assert query.text.endswith("sinh")


def test_clean_query_cuts_a_single_huge_word_at_the_limit():
    query = clean_query("a" * 10_000)
    assert query.truncated
    assert query.text == "a" * MAX_QUERY_LENGTH


def test_clean_query_of_nothing_is_empty_and_falsy():
    assert not clean_query(None)
    assert not clean_query(" \x00\u200b ")
    assert clean_query("").text == ""


def test_clean_query_keeps_emoji_and_lucene_syntax_as_plain_text():
    query = clean_query('title:(a OR b) * ~ \\ "unbalanced [ 👍')
    assert query.text == 'title:(a OR b) * ~ \\ "unbalanced [ 👍'


def test_clean_indexed_text_drops_forged_highlight_markers():
    assert clean_indexed_text("a\ue000b\ue001 c\n\nd") == "a b c d"
    assert clean_indexed_text(nfd("Hoà")) == "Hòa"
