"""The request body the search sends: phrase scoring is part of it, not dead code."""

from search.queries import RESCORE_WINDOW, SearchParams, build_search
from search.text import clean_query


def body(text):
    return build_search(SearchParams(query=clean_query(text))).to_dict()


def test_multi_syllable_query_rescores_the_best_hits_with_phrases():
    rescore = body("dang ky khai sinh")["rescore"]
    assert rescore["window_size"] == RESCORE_WINDOW
    assert "match_phrase" in str(rescore["query"]["rescore_query"])


def test_one_syllable_query_has_no_phrase_rescoring():
    assert "rescore" not in body("sinh")


def test_empty_query_lists_newest_without_rescoring():
    empty = body("")
    assert "rescore" not in empty
    assert empty["sort"] == [{"published_at": {"order": "desc"}}]
