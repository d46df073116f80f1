"""The engine module: client choice from `GET /`, error mapping, the alias swap."""

import pytest
from elasticsearch import Elasticsearch
from elasticsearch.dsl import Search
from elasticsearch.dsl.response import Response
from opensearchpy import OpenSearch

from search.engine import Engine, EngineError, EngineUnavailable, client_kind, engine_label, get_engine

OPENSEARCH_ROOT = {
    "name": "Node 1",
    "cluster_name": "portal",
    "version": {"distribution": "opensearch", "number": "2.19.1", "lucene_version": "9.12.1"},
    "tagline": "The OpenSearch Project: https://opensearch.org/",
}
ELASTICSEARCH_ROOT = {
    "name": "es01",
    "cluster_name": "docker-cluster",
    "version": {"number": "8.19.3", "build_flavor": "default", "lucene_version": "9.12.2"},
    "tagline": "You Know, for Search",
}


def test_opensearch_answer_picks_opensearch_py():
    engine = Engine(["http://search.example:9200"], "portal", info=OPENSEARCH_ROOT)
    assert client_kind(OPENSEARCH_ROOT) == "opensearch"
    assert isinstance(engine.client, OpenSearch)
    assert engine.name == "opensearch 2.19.1"


def test_elasticsearch_answer_picks_the_elasticsearch_client():
    engine = Engine(["http://search.example:9200"], "portal", info=ELASTICSEARCH_ROOT)
    assert client_kind(ELASTICSEARCH_ROOT) == "elasticsearch"
    assert isinstance(engine.client, Elasticsearch)
    assert engine_label(ELASTICSEARCH_ROOT) == "elasticsearch 8.19.3"


def test_nothing_is_contacted_until_first_use(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    engine = get_engine()  # a closed port: building the engine must not fail
    with pytest.raises(EngineUnavailable):
        engine.name  # noqa: B018 (the probe happens here)


def test_no_url_means_no_engine(settings):
    settings.ELASTICSEARCH_URL = None
    assert get_engine() is None


def test_comma_separated_urls_are_all_used(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9, http://127.0.0.1:9200 ,"
    assert get_engine().urls == ["http://127.0.0.1:9", "http://127.0.0.1:9200"]


def test_unreachable_engine_raises_engine_unavailable(closed_port_url):
    engine = Engine([closed_port_url], "portal", info=OPENSEARCH_ROOT)
    with pytest.raises(EngineUnavailable):
        engine.health()


def test_real_engine_is_opensearch_and_answers_with_dsl_response(fresh_engine):
    assert fresh_engine.kind == "opensearch"
    assert fresh_engine.name.startswith("opensearch 2.")
    fresh_engine.index_document(7, {"title": "Đăng ký khai sinh", "live": True, "public": True}, refresh=True)
    response = fresh_engine.search(Search().query("match", title="khai sinh"))
    assert isinstance(response, Response)
    assert [hit.meta.id for hit in response] == ["7"]


def test_first_url_down_second_up_still_works(engine_urls, closed_port_url):
    engine = Engine([closed_port_url, *engine_urls], "portal")
    assert engine.health()["status"] in ("green", "yellow")


def test_bad_request_is_an_engine_error_not_unavailability(fresh_engine):
    with pytest.raises(EngineError) as raised:
        fresh_engine.search(Search().query("range", title={"gte": "a", "format": "nonsense"}).sort("title"))
    assert not isinstance(raised.value, EngineUnavailable)


def test_alias_swap_moves_the_alias_and_keeps_one_index(fresh_engine):
    from tests.search.conftest import load

    first = fresh_engine.indices_behind_alias()
    second = load(fresh_engine, [(1, {"title": "x"})])
    assert fresh_engine.indices_behind_alias() == [second]
    assert second not in first


def test_index_document_without_alias_does_not_create_an_index(engine_urls):
    engine = Engine(engine_urls, "never-rebuilt-prefix-for-tests")
    assert engine.index_document(1, {"title": "x"}) is False
    assert engine.own_indices() == []
    assert not engine.alias_exists()


def test_failed_probe_is_remembered_briefly(closed_port_url, monkeypatch):
    import search.engine as engine_module

    calls = []
    real_probe = engine_module.probe

    def counting_probe(urls):
        calls.append(urls)
        return real_probe(urls)

    monkeypatch.setattr(engine_module, "probe", counting_probe)
    engine = Engine([closed_port_url], "test")
    for _ in range(3):
        with pytest.raises(EngineUnavailable):
            _ = engine.info
    assert len(calls) == 1
    monkeypatch.setattr(engine, "_unreachable_until", 0.0)
    with pytest.raises(EngineUnavailable):
        _ = engine.info
    assert len(calls) == 2


def test_msearch_answers_each_search_in_order(fresh_engine):
    fresh_engine.index_document(7, {"title": "Đăng ký khai sinh", "live": True, "public": True}, refresh=True)
    found, counted = fresh_engine.msearch(
        Search().query("match", title="khai sinh"), Search().query("match", title="kết hôn").extra(size=0)
    )
    assert [hit.meta.id for hit in found] == ["7"]
    assert counted.hits.total.value == 0


def test_msearch_raises_when_one_search_fails(fresh_engine):
    with pytest.raises(EngineError):
        fresh_engine.msearch(
            Search().query("match", title="khai sinh"),
            Search().query("range", title={"gte": "a", "format": "nonsense"}).sort("title"),
        )


def test_index_from_an_older_version_is_refused_until_rebuilt(fresh_engine, db):
    """An index without the current schema lacks fields the queries use: the search
    answers from the database (with the notice) instead of finding nothing."""
    from search import service
    from search.documents import SCHEMA_VERSION, index_body
    from search.engine import IndexOutdated
    from search.queries import SearchParams
    from search.text import clean_query

    old = fresh_engine.new_index_name()
    body = index_body(old)
    del body["mappings"]["_meta"]
    fresh_engine.create_index(old, body)
    fresh_engine.point_alias(old)
    engine = get_engine()
    with pytest.raises(IndexOutdated):
        engine.require_schema(SCHEMA_VERSION)
    outcome = service.search(SearchParams(query=clean_query("khai sinh")))
    assert (outcome.backend, outcome.engine_failed) == ("database", True)

    from tests.search.conftest import load

    load(fresh_engine, [])
    engine._schema_checked_until = 0.0  # the 30 s wait before asking again
    outcome = service.search(SearchParams(query=clean_query("khai sinh")))
    assert (outcome.backend, outcome.engine_failed) == ("engine", False)


def test_msearch_through_the_elasticsearch_client_sends_ndjson_pairs(monkeypatch):
    """Production may run Elasticsearch: the same call must go out right on its client."""
    from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig, TransportApiResponse

    engine = Engine(["http://search.example:9200"], "portal", info=ELASTICSEARCH_ROOT)
    sent = {}

    def perform_request(method, target, *, body=None, headers=None, **kwargs):
        sent.update(method=method, target=target, body=body, headers=headers)
        meta = ApiResponseMeta(
            status=200,
            http_version="1.1",
            headers=HttpHeaders({"x-elastic-product": "Elasticsearch"}),
            duration=0.0,
            node=NodeConfig("http", "search.example", 9200),
        )
        answer = {"took": 1, "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}}
        return TransportApiResponse(meta, {"responses": [answer, dict(answer, took=2)]})

    monkeypatch.setattr(engine.client.transport, "perform_request", perform_request)
    found, counted = engine.msearch(Search().query("match", title="khai sinh"), Search().extra(size=0))
    assert (sent["method"], sent["target"]) == ("POST", "/portal-pages/_msearch")
    cached = {"request_cache": True}
    assert sent["body"] == [cached, {"query": {"match": {"title": "khai sinh"}}}, cached, {"size": 0}]
    assert "x-ndjson" in sent["headers"]["content-type"]
    assert (found.took, counted.took) == (1, 2)


def test_no_index_yet_is_not_an_outdated_index(engine_urls):
    from search.documents import SCHEMA_VERSION

    engine = Engine(engine_urls, "never-rebuilt-prefix-for-tests")
    assert engine.index_schema() is None
    engine.require_schema(SCHEMA_VERSION)  # no IndexOutdated: there is nothing to rebuild


def test_bulk_returns_rejected_documents_by_id_and_ignores_missing_deletes(fresh_engine):
    operations = [
        {"index": {"_id": "1"}},
        {"title": "Đăng ký khai sinh", "live": True},
        {"index": {"_id": "2"}},
        {"title": "Đăng ký kết hôn", "live": "không"},  # not a boolean: rejected
        {"delete": {"_id": "99"}},  # not there: not a failure
    ]
    failures = fresh_engine.bulk(operations, refresh=True, chunk_size=2)
    assert list(failures) == ["2"]
    assert "live" in failures["2"]["reason"]
    assert fresh_engine.count() == 1


def _elasticsearch_answering(monkeypatch, status, body):
    from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig, TransportApiResponse

    engine = Engine(["http://search.example:9200"], "portal", info=ELASTICSEARCH_ROOT)
    sent = []

    def perform_request(method, target, *, body=None, headers=None, **kwargs):
        sent.append((method, target, body))
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders({"x-elastic-product": "Elasticsearch"}),
            duration=0.0,
            node=NodeConfig("http", "search.example", 9200),
        )
        return TransportApiResponse(meta, answer_body)

    answer_body = body
    monkeypatch.setattr(engine.client.transport, "perform_request", perform_request)
    return engine, sent


def test_missing_alias_through_the_elasticsearch_client_is_a_no_op(monkeypatch):
    error = {"error": {"type": "index_not_found_exception"}, "status": 404}
    engine, sent = _elasticsearch_answering(monkeypatch, 404, error)
    assert engine.index_document(1, {"title": "x"}) is False
    assert engine.delete_document(1) is None
    assert engine.index_schema() is None
    assert [target for _, target, _ in sent] == [
        "/portal-pages/_doc/1?refresh=false&require_alias=true",
        "/portal-pages/_doc/1?refresh=false",
        "/portal-pages/_mapping",
    ]


def test_bulk_through_the_elasticsearch_client_uses_its_helpers(monkeypatch):
    rejected = {"_id": "2", "status": 400, "error": {"type": "document_parsing_exception"}}
    answer = {"errors": True, "items": [{"index": {"_id": "1", "status": 201}}, {"index": rejected}]}
    engine, sent = _elasticsearch_answering(monkeypatch, 200, answer)
    operations = [{"index": {"_id": "1"}}, {"title": "a"}, {"index": {"_id": "2"}}, {"title": "b"}]
    assert engine.bulk(operations) == {"2": {"type": "document_parsing_exception"}}
    ((method, target, body),) = sent
    assert (method, target) == ("PUT", "/portal-pages/_bulk?refresh=false")
    assert body == [
        b'{"index":{"_id":"1"}}',
        b'{"title":"a"}',
        b'{"index":{"_id":"2"}}',
        b'{"title":"b"}',
    ]


def test_a_repeated_search_is_answered_from_the_request_cache_until_a_page_is_indexed(fresh_engine, db):
    from search.documents import document_source
    from search.queries import SearchParams
    from search.service import search
    from search.text import clean_query

    def page(title):
        return document_source(type="page", title=title, url="/trang/", summary=title, agency="ubnd-tinh")

    def cache_hits():
        stats = fresh_engine.client.indices.stats(index=fresh_engine.alias, metric="request_cache")
        return stats["_all"]["total"]["request_cache"]["hit_count"]

    def titles():
        return [result["title"] for result in search(SearchParams(query=clean_query("bến phà"))).results]

    fresh_engine.index_document(1, page("Bến phà Mỹ Tho"), refresh=True)
    assert titles() == ["Bến phà Mỹ Tho"]
    hits = cache_hits()
    assert titles() == ["Bến phà Mỹ Tho"]
    assert cache_hits() >= hits + 2  # the page of hits and the counts, both kept
    # A refresh drops the cached answers: the next search sees the new page.
    fresh_engine.index_document(2, page("Bến phà Rạch Miễu"), refresh=True)
    assert sorted(titles()) == ["Bến phà Mỹ Tho", "Bến phà Rạch Miễu"]
