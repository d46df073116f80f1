"""The one module that talks to the search engine over the network.

The engine speaks the Elasticsearch REST API: Elasticsearch 8/9 or OpenSearch 2.x. The
elasticsearch client refuses OpenSearch on purpose, so the first use asks the engine
(`GET /`) which one it is and builds the matching client. Everything else hands
elasticsearch-dsl objects to this module, which sends their `to_dict()` bodies and wraps
search answers in elasticsearch-dsl's `Response`. Nothing here runs at import time.
"""

import contextlib
import json
import logging
import threading
import time

from django.conf import settings

import urllib3
from elasticsearch.dsl.response import Response

from . import answers

logger = logging.getLogger(__name__)

# Searches should fail over to the database quickly; bulk loads may take longer.
SEARCH_TIMEOUT = 5
BULK_TIMEOUT = 120
PROBE_TIMEOUT = urllib3.Timeout(connect=2.0, read=5.0)
# Seconds during which an engine that failed its probe is taken as down without asking again.
PROBE_RETRY_AFTER = 30


@contextlib.contextmanager
def _changing(alias):
    """Marks the answers kept for `alias` stale once the block is done, even if it failed
    part-way: some of its writes may have gone through."""
    try:
        yield
    finally:
        answers.index_changed(alias)


class EngineError(Exception):
    """The engine answered, but refused the request (bad body, missing index ...)."""


class EngineUnavailable(EngineError):
    """The engine cannot be reached, timed out, or reported itself unavailable."""


class EngineNotFound(EngineError):
    """The index, alias or document the request names does not exist (HTTP 404)."""


class IndexOutdated(EngineError):
    """The live index was built by an older version of the portal: its mapping lacks
    fields the queries use, so it must be rebuilt before searches can trust it."""


def client_kind(info):
    """Which Python client fits the engine that answered `GET /` with `info`."""
    version = info.get("version") or {}
    return "opensearch" if version.get("distribution") == "opensearch" else "elasticsearch"


def engine_label(info):
    """Human name of the engine, e.g. "opensearch 2.19.1"."""
    version = info.get("version") or {}
    return f"{client_kind(info)} {version.get('number', '?')}"


def probe(urls):
    """`GET /` on the first URL that answers; the parsed JSON body."""
    pool = urllib3.PoolManager(timeout=PROBE_TIMEOUT, retries=False)
    last_error = None
    for url in urls:
        parsed = urllib3.util.parse_url(url)
        headers = urllib3.make_headers(basic_auth=parsed.auth) if parsed.auth else {}
        plain = parsed._replace(auth=None).url.rstrip("/") + "/"
        try:
            answer = pool.request("GET", plain, headers=headers)
        except urllib3.exceptions.HTTPError as error:
            last_error = error
            continue
        if answer.status >= 400:
            last_error = f"HTTP {answer.status}"
            continue
        try:
            return json.loads(answer.data)
        except ValueError as error:
            last_error = error
    raise EngineUnavailable(f"no search engine answered at {', '.join(urls)}: {last_error}")


def _is_unavailable_status(status):
    return not isinstance(status, int) or status in (429, 502, 503, 504)


def _status_error(status, error):
    kind = EngineUnavailable if _is_unavailable_status(status) else EngineError
    return kind(f"{status} {error}")


def _action_pairs(operations):
    """(action, source) pairs from the flat bulk body; a delete has no source line."""
    lines = iter(operations)
    for action in lines:
        yield action, (None if "delete" in action else next(lines))


def _as_is(pair):
    # The pairs are already what the helpers' `expand_action` would make of a document.
    return pair


class Engine:
    """A lazily connected search engine for one index prefix."""

    def __init__(self, urls, prefix, info=None):
        self.urls = list(urls)
        self.prefix = prefix
        self._info = info
        self._client = None
        self._lock = threading.Lock()
        self._unreachable_until = 0.0
        self._schema_checked_until = 0.0
        self._schema_current = False

    # -- identity -------------------------------------------------------------------

    @property
    def info(self):
        if self._info is None:
            # After a failed probe, answer "unavailable" at once for a while: otherwise every
            # search would wait for the connection timeouts again before falling back.
            if time.monotonic() < self._unreachable_until:
                raise EngineUnavailable(
                    f"search engine at {', '.join(self.urls)} was unreachable moments ago"
                )
            try:
                self._info = probe(self.urls)
            except EngineUnavailable:
                self._unreachable_until = time.monotonic() + PROBE_RETRY_AFTER
                raise
        return self._info

    @property
    def kind(self):
        return client_kind(self.info)

    @property
    def name(self):
        return engine_label(self.info)

    @property
    def alias(self):
        return f"{self.prefix}-pages"

    def new_index_name(self):
        return f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 1_000_000:06d}"

    @property
    def client(self):
        kind = self.kind  # probe outside the lock, so waiting requests do not queue behind it
        with self._lock:
            if self._client is None:
                self._client = self._build_client(kind)
            return self._client

    def _build_client(self, kind):
        if kind == "opensearch":
            from opensearchpy import OpenSearch

            return OpenSearch(
                hosts=self.urls,
                timeout=SEARCH_TIMEOUT,
                max_retries=1,
                retry_on_timeout=False,
            )
        from elasticsearch import Elasticsearch

        return Elasticsearch(
            self.urls,
            request_timeout=SEARCH_TIMEOUT,
            max_retries=1,
            retry_on_timeout=False,
        )

    @property
    def helpers(self):
        """The bulk helpers of the client in use (the two modules have the same API)."""
        if self.kind == "opensearch":
            from opensearchpy import helpers
        else:
            from elasticsearch import helpers
        return helpers

    # -- error mapping ----------------------------------------------------------------

    @contextlib.contextmanager
    def _translated_errors(self):
        """Turn both clients' exceptions into this module's, by status code."""
        import elastic_transport
        import elasticsearch
        import opensearchpy

        try:
            yield
        except (
            elastic_transport.TransportError,
            opensearchpy.ConnectionError,
        ) as error:
            raise EngineUnavailable(str(error)) from error  # refused, timed out, reset
        except (elasticsearch.NotFoundError, opensearchpy.NotFoundError) as error:
            raise EngineNotFound(f"404 {error}") from error
        except elasticsearch.ApiError as error:
            raise _status_error(error.meta.status, error) from error
        except opensearchpy.TransportError as error:
            raise _status_error(error.status_code, error) from error

    def _call(self, method, *args, **kwargs):
        with self._translated_errors():
            answer = method(*args, **kwargs)
        return getattr(answer, "body", answer)

    def _change(self, method, *args, **kwargs):
        """`_call` for what changes the searches' answers (search.answers)."""
        with _changing(self.alias):
            return self._call(method, *args, **kwargs)

    # -- index management -------------------------------------------------------------

    def health(self):
        return self._call(self.client.cluster.health)

    def create_index(self, name, body):
        return self._call(self.client.indices.create, index=name, body=body)

    def delete_index(self, name):
        return self._change(self.client.indices.delete, index=name)

    def update_index_settings(self, name, body):
        return self._call(self.client.indices.put_settings, index=name, body=body)

    def refresh(self, index=None):
        return self._change(self.client.indices.refresh, index=index or self.alias)

    def indices_behind_alias(self):
        """Names of the indices the alias currently points at (empty when none)."""
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            return []
        return sorted(self._call(self.client.indices.get_alias, name=self.alias))

    def own_indices(self):
        """Every versioned index of this prefix, whether the alias points at it or not."""
        answer = self._call(self.client.indices.get, index=f"{self.alias}-*", ignore_unavailable=True)
        return sorted(answer)

    def point_alias(self, index):
        """Atomically move the alias to `index`, away from every other index."""
        actions = [{"remove": {"index": f"{self.alias}-*", "alias": self.alias}}]
        actions.append({"add": {"index": index, "alias": self.alias}})
        if not self.indices_behind_alias():
            actions = actions[1:]  # "remove" fails when the alias exists nowhere
        return self._change(self.client.indices.update_aliases, body={"actions": actions})

    def alias_exists(self):
        return bool(self.indices_behind_alias())

    def index_schema(self):
        """The schema version in the live index's mapping (`_meta.schema`); 0 for an
        index built before versions were recorded, None when there is no index yet."""
        try:
            answer = self._call(self.client.indices.get_mapping, index=self.alias)
        except EngineNotFound:
            return None
        (mapping,) = answer.values()  # the alias names one index
        return (mapping["mappings"].get("_meta") or {}).get("schema", 0)

    def require_schema(self, version):
        """Raise IndexOutdated unless the live index has schema `version` or there is no
        index yet. Once current, never asked again; while outdated, asked every 30 s."""
        if self._schema_current:
            return
        if time.monotonic() >= self._schema_checked_until:
            found = self.index_schema()
            if found is None:
                return  # nothing to search yet; the search itself reports that
            self._schema_current = found >= version
            self._schema_checked_until = time.monotonic() + PROBE_RETRY_AFTER
        if not self._schema_current:
            raise IndexOutdated(f"index {self.alias} is outdated; run rebuild_search_index")

    # -- documents --------------------------------------------------------------------

    def index_document(self, doc_id, document, refresh=False):
        """Index one document through the alias. Until a first rebuild has created the
        alias there is nothing to update (and the engine must not auto-create an index
        under the alias's name), so that case is a no-op; returns whether it was sent."""
        try:
            self._change(
                self.client.index,
                index=self.alias,
                id=str(doc_id),
                body=document,
                refresh="true" if refresh else "false",
                require_alias="true",
            )
        except EngineNotFound:
            logger.info("search index: no alias %s yet; run rebuild_search_index", self.alias)
            return False
        return True

    def delete_document(self, doc_id, index=None, refresh=False):
        """Delete one document; a document that is not there is not an error."""
        try:
            return self._change(
                self.client.delete,
                index=index or self.alias,
                id=str(doc_id),
                refresh="true" if refresh else "false",
            )
        except EngineNotFound:
            return None

    def bulk(self, operations, index=None, refresh=False, require_alias=False, chunk_size=500):
        """Send `operations`, the action and source dicts of the bulk API, with the
        client's `streaming_bulk` (one request per `chunk_size` documents). Returns
        {document id: error} for the failed items (also logged). A document missing on
        delete is not a failure, nor, with `require_alias`, a missing alias (nothing to
        update before the first rebuild, as in `index_document`)."""
        extra = {"require_alias": "true"} if require_alias else {}  # a keyword in both clients
        client = self.client
        if self.kind == "opensearch":
            extra["request_timeout"] = BULK_TIMEOUT
        else:  # the elasticsearch client takes transport options through options() only
            client = client.options(request_timeout=BULK_TIMEOUT)
        failures = {}
        with self._translated_errors(), _changing(self.alias):
            results = self.helpers.streaming_bulk(
                client,
                _action_pairs(operations),
                expand_action_callback=_as_is,
                chunk_size=chunk_size,
                raise_on_error=False,  # item errors are yielded; request errors still raise
                yield_ok=False,
                index=index or self.alias,
                refresh="true" if refresh else "false",
                **extra,
            )
            for _ok, item in results:
                (result,) = item.values()
                if result.get("status") != 404:
                    failures[result["_id"]] = result.get("error")
                    logger.warning("search index: bulk item failed: %s", result.get("error"))
        return failures

    def count(self, index=None):
        return self._call(self.client.count, index=index or self.alias)["count"]

    # -- searching --------------------------------------------------------------------

    # The public searches ask the engine's shard request cache to keep their answers, hits
    # included (by default it keeps only size-0 requests): citizens repeat the same few
    # searches, and a refresh (a page indexed) drops the cached answers of that shard.
    REQUEST_CACHE = {"request_cache": True}

    def search(self, search):
        """Run an elasticsearch-dsl `Search`; an elasticsearch-dsl `Response`."""
        raw = self._call(self.client.search, index=self.alias, body=search.to_dict(), **self.REQUEST_CACHE)
        return Response(search, raw)

    def msearch(self, *searches):
        """Run several `Search`es in one round trip (the engine runs them in parallel);
        a `Response` for each, in order. Any failed search raises EngineError."""
        lines = []
        for search in searches:
            lines.extend([self.REQUEST_CACHE, search.to_dict()])
        raw = self._call(self.client.msearch, index=self.alias, body=lines)
        responses = []
        for search, answer in zip(searches, raw["responses"], strict=True):
            if "error" in answer:
                raise _status_error(answer.get("status", 500), answer["error"])
            responses.append(Response(search, answer))
        return responses


_engines = {}
_engines_lock = threading.Lock()


def configured_urls():
    """The URLs of ELASTICSEARCH_URL (comma-separated), or [] when search uses the
    database."""
    value = getattr(settings, "ELASTICSEARCH_URL", None) or ""
    return [url.strip() for url in value.split(",") if url.strip()]


def get_engine():
    """The engine for the current settings, or None when no URL is configured.

    Engines are cached per (URLs, prefix), so that tests overriding the settings get a
    fresh one; the `GET /` probe happens on first use, not here.
    """
    urls = configured_urls()
    if not urls:
        return None
    prefix = getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", None) or "portal"
    key = (tuple(urls), prefix)
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = Engine(urls, prefix)
        return engine
