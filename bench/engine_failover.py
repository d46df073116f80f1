"""A 3-node search cluster (replicas 1) loses one node in the middle of a search load: do the
searches keep answering? Starts its own cluster with scripts/SearchCluster.java (the runner of
contracts.md §5 in one JVM, nodes on ports 9251-9253), indexes the relevance corpus many times
over, searches from several threads with the portal's own query and client (search/engine.py,
ELASTICSEARCH_URL naming all three nodes), stops one node at a third of the run, and prints
requests, errors, partial answers and latency before and after, and the cluster's health.

    .venv/bin/python bench/engine_failover.py [--seconds 60] [--threads 4] [--copies 200]

Exits 1 if any search failed after the node was gone. Heavy: run it alone (3 JVM nodes).
"""

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal_site.settings.test")

import django  # noqa: E402

django.setup()
# The client logs each refused connection with a traceback; the bench counts them instead.
logging.getLogger("opensearch").setLevel(logging.CRITICAL)
logging.getLogger("elastic_transport").setLevel(logging.CRITICAL)
# "Connection pool is full" each time a search thread returns a connection: noise, not a fault.
logging.getLogger("urllib3.connectionpool").setLevel(logging.ERROR)

from elasticsearch_dsl import Search  # noqa: E402

from portal_site.progress import Progress  # noqa: E402
from search.documents import index_body  # noqa: E402
from search.engine import Engine, EngineError  # noqa: E402
from search.queries import text_query  # noqa: E402
from search.text import clean_query  # noqa: E402
from tests.search.corpus import documents  # noqa: E402

BASE_HTTP_PORT = 9250
NODES = 3
QUERIES = ["khai sinh", "dang ky ket hon", "giấy phép xây dựng", "ly lich tu phap", "cấp lại", "chứng thực"]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000 if ordered else 0.0


def start_cluster(base_path):
    """The cluster's process, once every node answers."""
    java = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [shutil.which("java"), "-Xms256m", "-Xmx1500m", "-cp", str(ROOT / ".cache/opensearch/lib/*"),
         str(ROOT / "scripts" / "SearchCluster.java"), base_path, str(NODES), str(BASE_HTTP_PORT)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
    )  # fmt: skip

    def drain():  # the engine's log is long: unread, the pipe would fill and stall the cluster
        for _ in java.stdout:
            pass

    threading.Thread(target=drain, daemon=True).start()
    deadline = time.monotonic() + 900
    while len(node_urls()) < NODES:  # the nodes' HTTP ports answer once all have joined
        if java.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("the cluster did not start (scripts/search-engine.sh start fetches the runner)")
        time.sleep(2)
    return java


def primary_node(engine, index):
    """The runner's number (0-based) of the node holding the index's primary shard: losing a
    node with no copy of the index would prove nothing."""
    names = {
        row["node"] for row in engine.client.cat.shards(index=index, format="json") if row["prirep"] == "p"
    }
    for node in engine.client.nodes.info(metric="http")["nodes"].values():
        if node["name"] in names:
            port = int(node["http"]["publish_address"].rsplit(":", 1)[1])
            return port - BASE_HTTP_PORT - 1
    raise SystemExit(f"no node holds the primary shard of {index}")


def node_urls():
    urls = []
    for port in range(BASE_HTTP_PORT, BASE_HTTP_PORT + NODES + 2):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()  # noqa: S310 (loopback)
            urls.append(f"http://127.0.0.1:{port}")
        except OSError:
            continue
    return urls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--copies", type=int, default=200)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="portal-failover-") as base_path:
        java = start_cluster(base_path)
        try:
            urls = node_urls()
            print(f"cluster: {len(urls)} nodes at {', '.join(urls)}")
            engine = Engine(urls, "failover")
            name = engine.new_index_name()
            engine.create_index(name, index_body(name))
            corpus = list(documents())
            progress = Progress(sys.stderr)
            operations, total = [], len(corpus) * options.copies
            for copy in range(options.copies):
                for page_id, source in corpus:
                    operations += [{"index": {"_id": f"{copy}-{page_id}"}}, source]
                if len(operations) >= 2000 or copy == options.copies - 1:
                    assert engine.bulk(operations, index=name) == {}
                    operations = []
                    progress("indexing", (copy + 1) * len(corpus), total)
            progress.finish()
            engine.refresh(name)
            engine.point_alias(name)
            health = engine.client.cluster.health(
                wait_for_status="green", params={"timeout": "60s"}, request_timeout=90
            )
            print(f"index: {total} documents, {health['active_shards']} shards, status {health['status']}")

            results = {"before": [], "after": []}  # (seconds, error, partial)
            phase = {"name": "before"}
            stop_at = time.monotonic() + options.seconds
            lock = threading.Lock()

            def searcher(number):
                count = 0
                while time.monotonic() < stop_at:
                    query = clean_query(QUERIES[(number + count) % len(QUERIES)])
                    count += 1
                    started = time.monotonic()
                    error, partial = None, False
                    try:
                        response = engine.search(Search().query(text_query(query))[:10])
                        partial = response._shards.failed > 0
                    except EngineError as failure:
                        error = str(failure)[:120]
                    with lock:
                        results[phase["name"]].append((time.monotonic() - started, error, partial))

            threads = [threading.Thread(target=searcher, args=(n,)) for n in range(options.threads)]
            for thread in threads:
                thread.start()
            victim = primary_node(engine, name)
            time.sleep(options.seconds / 3)
            java.stdin.write(f"stop {victim}\n")
            java.stdin.flush()
            with lock:
                phase["name"] = "after"
            while len(node_urls()) >= NODES:  # the closed node's HTTP port stops answering
                time.sleep(0.5)
            print(f"stopped node {victim} (it held the primary) at {options.seconds / 3:.0f} s")
            for thread in threads:
                thread.join()

            failures_after = 0
            for name_, rows in results.items():
                errors = [row[1] for row in rows if row[1]]
                partial = sum(1 for row in rows if row[2])
                latencies = [row[0] for row in rows if not row[1]]
                print(
                    f"{name_} the node was lost: {len(rows)} searches, {len(errors)} failed, "
                    f"{partial} partial, "
                    f"p50 {percentile(latencies, 0.5):.0f} ms, p95 {percentile(latencies, 0.95):.0f} ms"
                )
                for error in sorted(set(errors))[:3]:
                    print(f"  {error}")
                if name_ == "after":
                    failures_after = len(errors)
            alive = [url for url in urls if url in node_urls()]
            health = Engine(alive, "failover").client.cluster.health()
            print(f"afterwards: {health['number_of_nodes']} nodes, status {health['status']}")
        finally:
            try:
                java.stdin.write("quit\n")
                java.stdin.flush()
                java.wait(timeout=60)
            except (OSError, subprocess.TimeoutExpired):
                java.kill()
    return 1 if failures_after else 0


if __name__ == "__main__":
    sys.exit(main())
