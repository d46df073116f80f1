"""Vietnamese relevance on the real engine (domain.md §4.10): what a citizen types and
what must come first. The corpus (tests/search/corpus.py) holds the distractors."""

import unicodedata

import pytest

from search import service
from search.queries import SearchParams
from search.text import clean_query


def search(text, **filters):
    outcome = service.search(SearchParams(query=clean_query(text), **filters))
    assert outcome.backend == "engine"
    return outcome


def titles(text, **filters):
    return [result["title"] for result in search(text, **filters).results]


def nfd(text):
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # without diacritics, with filler words
        ("thu tuc dang ky khai sinh", "Đăng ký khai sinh"),
        ("dang ky khai sinh", "Đăng ký khai sinh"),
        # NFD, capitals, half the diacritics
        (nfd("Đăng ký khai sinh"), "Đăng ký khai sinh"),
        ("ĐĂNG KÝ KHAI SINH", "Đăng ký khai sinh"),
        (nfd("ĐĂNG KÝ KHAI SINH"), "Đăng ký khai sinh"),
        ("đăng ky khai sinh", "Đăng ký khai sinh"),
        # đ typed as d, and d typed as đ
        ("dang ky khai tu", "Đăng ký khai tử"),
        ("Đăng ký kết hôn", "Đăng ký kết hôn"),
        ("dang ky ket hon", "Đăng ký kết hôn"),
        # codes
        ("1.001193", "Đăng ký khai sinh"),
        ("1.000656", "Đăng ký khai tử"),
        ("mã 1.004222", "Đăng ký thường trú"),
        # colloquial wording through synonyms
        ("lam giay chung tu", "Đăng ký khai tử"),
        ("giấy báo tử", "Đăng ký khai tử"),
        ("xin phép xây nhà", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"),
        ("so do", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu"),
        ("sổ đỏ", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu"),
        ("ho khau", "Đăng ký thường trú"),
        ("CMND", "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi"),
        ("giay xac nhan doc than", "Cấp giấy xác nhận tình trạng hôn nhân"),
        ("photo công chứng", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),
        ("mở quán", "Đăng ký thành lập hộ kinh doanh"),
        ("dk khai sinh", "Đăng ký khai sinh"),
        # phrases over scattered syllables
        ("ho kinh doanh", "Đăng ký thành lập hộ kinh doanh"),
        ("giay phep xay dung nha o rieng le", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"),
        ("hộ tịch", "Cấp bản sao trích lục hộ tịch"),
        # partial last word, as typed
        ("dang ky khai si", "Đăng ký khai sinh"),
        ("chung thuc ban sa", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),
        # a typo in a long syllable
        ("chuwng thuc ban sao", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),
        # Telex and VNI keystrokes with the input method off
        ("ddawng kys khai sinh", "Đăng ký khai sinh"),
        ("d9a8ng ky1 khai sinh", "Đăng ký khai sinh"),
        ("giaays pheps xaay duwngj", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"),
        # i/y-free homographs: "can cuoc" is "căn cước" here
        ("can cuoc", "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi"),
    ],
)
def test_expected_page_ranks_first(corpus, query, expected):
    assert titles(query)[0] == expected


def test_procedure_outranks_news_that_mention_it(corpus):
    ranked = titles("đăng ký khai sinh")
    news = "Hướng dẫn người dân đăng ký khai sinh trực tuyến"
    assert ranked.index("Đăng ký khai sinh") < ranked.index(news)


@pytest.mark.parametrize(
    ("new_style", "traditional"),
    [
        ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
        ("thuỷ lợi", "thủy lợi"),
        ("hoà giải", "hòa giải"),
    ],
)
def test_tone_placement_variants_give_identical_lists(corpus, new_style, traditional):
    assert titles(new_style)
    assert titles(new_style) == titles(traditional)


def test_new_style_page_is_found_by_a_traditional_query(corpus):
    assert "Uỷ ban nhân dân tỉnh họp phiên thường kỳ tháng 10" in titles("Ủy ban nhân dân tỉnh")


def test_khai_sinh_is_not_won_by_scattered_syllables(corpus):
    ranked = titles("khai sinh")
    assert ranked[0] != "Trường THPT tổ chức kê khai thông tin học sinh đầu năm"
    assert ranked.index("Trường THPT tổ chức kê khai thông tin học sinh đầu năm") > 2


def test_tien_giang_without_diacritics_prefers_the_place_over_tien_and_tien(corpus):
    ranked = titles("Tien Giang")
    assert set(ranked[:2]) == {"Giới thiệu tỉnh Tiền Giang", "Tiền Giang đẩy mạnh chuyển đổi số"}
    assert "Tiến độ chi trả tiền lương tháng 9" not in ranked


def test_exact_diacritics_rank_above_folded_homographs(corpus):
    # "tiền lương" (wages) and "tiến độ" fold to the same "tien": accents pick the right one.
    assert titles("tiền lương")[0] == "Tiến độ chi trả tiền lương tháng 9"


def test_highlight_marks_the_matched_words_and_escapes_everything_else(corpus):
    outcome = search("khai sinh trực tuyến", type="news")
    snippet = str(outcome.results[0]["snippet"])
    assert "<mark>" in snippet
    assert "khai sinh" in snippet.replace("<mark>", "").replace("</mark>", "")


def test_did_you_mean_offers_the_title_for_a_misspelt_query(corpus):
    outcome = search("khai sinhh")
    assert outcome.count < 3
    assert outcome.suggestion == "Đăng ký khai sinh"


def test_no_suggestion_when_results_are_plenty(corpus):
    assert search("đăng ký").suggestion is None


@pytest.mark.parametrize(
    "query",
    [
        "title:(a OR b)",
        "*",
        "~",
        "\\",
        '"unbalanced',
        "(((",
        "[a TO z]",
        "a AND OR NOT",
        "👍🏽",
        "khai\x00sinh\x1b",
        "/regex.*/",
        "a" * 10_000,
    ],
)
def test_hostile_input_is_plain_text(corpus, query):
    outcome = search(query)
    assert outcome.count >= 0


def test_empty_query_lists_the_newest_content(corpus):
    outcome = search("")
    assert outcome.count == 24
    assert outcome.results[0]["title"] == "Uỷ ban nhân dân tỉnh họp phiên thường kỳ tháng 10"


def test_telex_query_offers_the_decoded_words(corpus):
    assert search("ddawng kys khai sinh").suggestion == "đăng ký khai sinh"


@pytest.mark.parametrize(
    "text, filters",
    [
        ("Đăng ký khai sinh", {}),
        ("dang ky khai sinh", {}),
        ("thu tuc dang ky khai sinh o dau", {}),
        ("giấy chứng tử", {}),  # synonym
        ("so do", {}),  # synonym
        ("1.001193", {}),
        ("dang ky thuongg tru", {}),  # typo
        ("ddawng kys khai sinh", {}),  # Telex
        ("uỷ ban nhân dân tỉnh tiền giang", {}),
        ("tien giang", {"type": "news"}),
        ("dang ky", {"agency": "ubnd-huyen-chau-thanh"}),
    ],
)
def test_count_is_exactly_the_pages_the_scoring_query_finds(corpus, text, filters):
    """Counts and facets come from a separate, non-scoring request: it must match the
    same pages as the ranked one."""
    outcome = search(text, page_size=50, **filters)
    assert outcome.count == len(outcome.results) > 0
    types = {item["value"]: item["count"] for item in outcome.facets["type"]}
    assert outcome.count == (types[filters["type"]] if "type" in filters else sum(types.values()))
