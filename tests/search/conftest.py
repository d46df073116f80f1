"""Fixtures for tests against the real search engine at ELASTICSEARCH_URL.

Every test session uses its own index prefix and deletes its indices at the end. Without
a reachable engine these tests are skipped locally but fail under CI (CI=true), where
the engine is part of the contract.
"""

import os
import uuid

from django.conf import settings

import pytest

from search.documents import index_body
from search.engine import Engine, EngineError, configured_urls

from .corpus import documents

SESSION = uuid.uuid4().hex[:8]


def _base_prefix():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-search-{SESSION}"


@pytest.fixture(scope="session")
def engine_urls():
    urls = configured_urls()
    problem = None
    if not urls:
        problem = "ELASTICSEARCH_URL is not set"
    else:
        try:
            Engine(urls, _base_prefix()).health()
        except EngineError as error:
            problem = f"no search engine at {', '.join(urls)}: {error}"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{problem} (required under CI; `make test` starts it)")
        pytest.skip(problem)
    yield urls
    # Remove every index this session created, whatever the prefix suffix.
    cleanup = Engine(urls, _base_prefix())
    answer = cleanup.client.indices.get(index=f"{_base_prefix()}*", ignore_unavailable=True)
    for name in answer:
        cleanup.delete_index(name)


def load(engine, sources):
    """A fresh versioned index holding `sources` [(id, source)], behind the alias."""
    name = engine.new_index_name()
    engine.create_index(name, index_body(name))
    operations = []
    for page_id, source in sources:
        operations += [{"index": {"_id": str(page_id)}}, source]
    assert engine.bulk(operations, index=name) == {}
    engine.refresh(name)
    engine.point_alias(name)
    return name


@pytest.fixture(scope="session")
def corpus_prefix(engine_urls):
    """A read-only index holding tests/search/corpus.py, shared by relevance tests."""
    prefix = f"{_base_prefix()}-corpus"
    load(Engine(engine_urls, prefix), documents())
    return prefix


@pytest.fixture
def corpus(settings, corpus_prefix, engine_urls, db):
    settings.ELASTICSEARCH_URL = ",".join(engine_urls)
    settings.ELASTICSEARCH_INDEX_PREFIX = corpus_prefix
    return corpus_prefix


@pytest.fixture
def fresh_engine(settings, engine_urls, request):
    """Settings pointing at an empty index of this test's own; deleted afterwards."""
    prefix = f"{_base_prefix()}-{uuid.uuid4().hex[:6]}"
    settings.ELASTICSEARCH_URL = ",".join(engine_urls)
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    engine = Engine(engine_urls, prefix)
    load(engine, [])
    yield engine
    for name in engine.own_indices():
        engine.delete_index(name)


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """publish(page, parent) -> page: added under `parent` and published through a revision, with
    its after-commit callbacks run, as a real commit would run them."""

    def run(page, parent):
        with django_capture_on_commit_callbacks(execute=True):
            parent.add_child(instance=page)
            page.save_revision().publish()
        return page

    return run


@pytest.fixture
def closed_port_url():
    """A URL where nothing listens (port 9 on loopback: refused immediately)."""
    return "http://127.0.0.1:9"
