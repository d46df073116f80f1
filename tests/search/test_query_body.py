"""The request bodies the search sends: what each of the two requests carries."""

import pytest

from search.queries import (
    PROCEDURE_WEIGHT,
    RESCORE_WINDOW,
    SearchParams,
    build_facets,
    build_search,
    core_words,
)
from search.text import clean_query


def params(text, **filters):
    return SearchParams(query=clean_query(text), **filters)


def body(text, **filters):
    return build_search(params(text, **filters)).to_dict()


def facets_body(text, **filters):
    """The first counting request, which counts the hits."""
    return build_facets(params(text, **filters))[0][0].to_dict()


def clause_names(node):
    """Every key in a body's tree: the query types (and their fields) it is built from."""
    if isinstance(node, dict):
        return set(node).union(*map(clause_names, node.values()))
    if isinstance(node, list):
        return set().union(*map(clause_names, node))
    return set()


def test_multi_syllable_query_rescores_the_best_hits_with_phrases():
    proximity = body("dang ky khai sinh")["rescore"][0]
    assert proximity["window_size"] == RESCORE_WINDOW
    should = proximity["query"]["rescore_query"]["bool"]["should"]
    phrases = {
        field: phrase["query"]
        for clause in should
        for field, phrase in clause.get("match_phrase", {}).items()
    }
    fields = ["title.folded", "keywords.folded", "summary.folded", "body.folded"]
    assert phrases == dict.fromkeys(fields, "dang ky khai sinh")


def test_procedure_query_multiplies_procedures_in_the_rescore_only():
    request = body("dang ky khai sinh")
    weighting = request["rescore"][-1]
    assert weighting["query"]["score_mode"] == "multiply"
    assert weighting["query"]["rescore_query"]["constant_score"]["boost"] == PROCEDURE_WEIGHT
    # Not in the first pass, where it would force the engine to score every match.
    assert not {"function_score", "constant_score"} & clause_names(request["query"])


def test_news_query_has_no_procedure_weighting():
    rescore = body("phong chong han man")["rescore"]
    assert len(rescore) == 1
    assert "match_phrase" in clause_names(rescore)
    assert "constant_score" not in clause_names(rescore)


def test_one_syllable_query_has_no_phrase_rescoring():
    assert "rescore" not in body("sinh")


def test_empty_query_lists_newest_without_rescoring():
    empty = body("")
    assert "rescore" not in empty
    assert empty["sort"] == [{"published_at": {"order": "desc"}}]


def test_hits_request_neither_counts_nor_aggregates_and_filters_directly():
    request = body("dang ky khai sinh", type="procedure")
    assert request["track_total_hits"] is False
    assert "aggs" not in request and "post_filter" not in request
    assert {"term": {"type": "procedure"}} in request["query"]["bool"]["filter"]


def test_facets_request_counts_exactly_without_scoring():
    request = facets_body("Đăng ký khai sinh", type="procedure")
    assert request["size"] == 0 and request["track_total_hits"] is True
    assert "must" not in request["query"]["bool"] and "rescore" not in request
    # A selected facet narrows the count and the other facets' counts ...
    assert {"term": {"type": "procedure"}} in request["query"]["bool"]["filter"]
    assert "post_filter" not in request
    assert set(request["aggs"]) == {"agency", "sector", "level", "life_event"}
    (counted,) = [
        clause["bool"]["should"] for clause in request["query"]["bool"]["filter"] if "bool" in clause
    ]
    # Folded words through the combined field; the accented words only ever rank.
    matches = [
        (field, match["query"]) for clause in counted for field, match in clause.get("match", {}).items()
    ]
    assert matches == [("text", "dang ky khai sinh")]
    multi_matches = [clause["multi_match"] for clause in counted if "multi_match" in clause]
    assert "cross_fields" not in {multi_match.get("type") for multi_match in multi_matches}
    fields = {field.split("^")[0] for multi_match in multi_matches for field in multi_match["fields"]}
    assert not {field.split(".")[0] for field in fields} & {"title", "summary", "body"}


def test_a_selected_facet_is_counted_by_the_request_the_search_without_it_sends():
    both = build_facets(params("dang ky khai sinh", type="procedure", level=2))
    assert [names for _, names in both] == [["agency", "sector", "life_event"], ["type"], ["level"]]
    # ... and is itself counted without its own selection, by the very request (so the engine's
    # request cache answers it) that the search with the other selections counts its hits with.
    assert both[1][0].to_dict() == facets_body("dang ky khai sinh", level=2)
    assert both[2][0].to_dict() == facets_body("dang ky khai sinh", type="procedure")
    assert build_facets(params("dang ky khai sinh", type="news"))[1][0].to_dict() == facets_body(
        "dang ky khai sinh"
    )


@pytest.mark.parametrize(
    "folded, core",
    [
        ("thu tuc dang ky khai sinh o dau", "dang ky khai sinh"),
        ("lam the nao de dang ky ket hon", "dang ky ket hon"),
        ("cach lam ho chieu o dau", "ho chieu"),
        # Filler syllables inside a name, or all that is left, stay.
        ("cai cach hanh chinh", "cai cach hanh chinh"),
        ("lam nghiep", "lam nghiep"),
    ],
)
def test_core_words_trims_filler_words_only_around_the_name(folded, core):
    assert core_words(folded) == core
