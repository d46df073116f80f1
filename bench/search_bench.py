"""Search benchmark: bulk indexing and query latency, engine versus database fallback.

    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/search_bench.py [--docs 100000]

1. Generates N synthetic Vietnamese pages (procedures, news, standard pages) and loads
   them the way `rebuild_search_index` does: a fresh versioned index with refreshes off,
   bulk requests of 1,000, settings restored, alias swapped; and the database copy
   (SearchDocument rows plus Wagtail's database search index). Prints docs/s for each.
2. Sends 1,000 mixed queries through `/api/search/` (with and without diacritics, NFD,
   codes, synonyms, facet filters, later pages, empty queries) and prints p50/p95/max,
   first on the engine (and with --no-engine-caches again with the engine's caches off),
   then with ELASTICSEARCH_URL unset (database backend).

It uses a throw-away SQLite database and its own index prefix, both removed at the end.
Targets (issue 8): full rebuild of 100,000 pages under 2 minutes; API p95 under 50 ms.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORKDIR = tempfile.mkdtemp(prefix="search-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal_site.settings.dev")
# --keep reuses one index between runs (to profile queries without a 2-minute rebuild).
KEEP = "--keep" in sys.argv
os.environ["ELASTICSEARCH_INDEX_PREFIX"] = "bench-search-kept" if KEEP else f"bench-search-{os.getpid()}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from portal_site.progress import Progress  # noqa: E402
from search.documents import document_source  # noqa: E402
from search.engine import get_engine  # noqa: E402
from search.indexing import save_database_copies  # noqa: E402
from search.rebuild import load  # noqa: E402

ACTIONS = ["Đăng ký", "Cấp", "Cấp lại", "Cấp đổi", "Gia hạn", "Xác nhận", "Thẩm định", "Điều chỉnh"]
OBJECTS = [
    "khai sinh",
    "khai tử",
    "kết hôn",
    "thường trú",
    "tạm trú",
    "giấy phép xây dựng",
    "hộ kinh doanh",
    "giấy chứng nhận quyền sử dụng đất",
    "thẻ căn cước",
    "giấy phép lái xe",
    "chứng chỉ hành nghề",
    "giấy phép kinh doanh vận tải",
    "giấy xác nhận tình trạng hôn nhân",
    "bản sao trích lục hộ tịch",
    "giấy phép khai thác nước",
    "công trình thủy lợi",
]
QUALIFIERS = ["", "", "có yếu tố nước ngoài", "lần đầu", "đối với nhà ở riêng lẻ", "cho hộ gia đình, cá nhân"]
PLACES = ["Mỹ Tho", "Cai Lậy", "Gò Công", "Châu Thành", "Chợ Gạo", "Cái Bè", "Tân Phước", "Long Hưng"]
TOPICS = [
    "chuyển đổi số",
    "cải cách hành chính",
    "phòng chống hạn mặn",
    "xây dựng nông thôn mới",
    "an toàn giao thông",
    "tiếp công dân",
    "phát triển du lịch",
    "hỗ trợ doanh nghiệp",
    "thủy lợi nội đồng",
    "Ủy ban nhân dân tỉnh",
]
SENTENCES = [
    "Người dân nộp hồ sơ trực tiếp hoặc trực tuyến trên Cổng dịch vụ công.",
    "Thời hạn giải quyết không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
    "Hồ sơ gồm tờ khai theo mẫu và bản sao giấy tờ tùy thân.",
    "Lệ phí được thu theo nghị quyết của Hội đồng nhân dân tỉnh.",
    "Ủy ban nhân dân cấp xã tiếp nhận và trả kết quả tại bộ phận một cửa.",
    "Cán bộ tư pháp hướng dẫn người dân hoàn thiện hồ sơ.",
    "Tỉnh Tiền Giang tiếp tục đẩy mạnh cải cách thủ tục hành chính.",
    "Kết quả giải quyết được gửi qua dịch vụ bưu chính công ích nếu người dân yêu cầu.",
    "Trường hợp hồ sơ chưa đầy đủ, cơ quan tiếp nhận hướng dẫn bổ sung một lần.",
    "Hội nghị đánh giá tình hình kinh tế - xã hội và đề ra nhiệm vụ trọng tâm.",
    "Các địa phương rà soát công trình thủy lợi trước mùa mưa bão.",
    "Doanh nghiệp được hỗ trợ tiếp cận vốn vay ưu đãi.",
    "Đoàn công tác kiểm tra tiến độ giải ngân vốn đầu tư công.",
    "Người dân phấn khởi khi nhận giấy chứng nhận quyền sử dụng đất.",
    "Chủ tịch UBND tỉnh yêu cầu các sở, ngành phối hợp chặt chẽ.",
]
AGENCIES = [
    ["ubnd-tinh"],
    ["so-tu-phap", "ubnd-tinh"],
    ["so-xay-dung", "ubnd-tinh"],
    ["ubnd-huyen-chau-thanh", "ubnd-tinh"],
    ["ubnd-xa-long-hung", "ubnd-huyen-chau-thanh", "ubnd-tinh"],
    ["ubnd-xa-binh-duc", "ubnd-huyen-chau-thanh", "ubnd-tinh"],
]
SECTORS = ["ho-tich", "xay-dung", "dat-dai", "cu-tru", "ho-kinh-doanh", "giao-thong", "thuy-loi"]


SUBJECTS = [
    "Người dân",
    "Doanh nghiệp",
    "Hộ gia đình",
    "Cán bộ, công chức",
    "Nông dân",
    "Học sinh",
    "Hợp tác xã",
]
VERBS = ["đề nghị", "được hướng dẫn", "phản ánh về", "tham gia", "hoàn thành", "kiến nghị về", "được hỗ trợ"]
NUMBERS = ["05", "12", "30", "150", "1.200", "hơn 300", "gần 90%"]


def sentence(rng):
    """Fixed sentences mixed with sentences built from slots, so that phrases are spread
    over part of the corpus instead of every page."""
    if rng.random() < 0.3:
        return rng.choice(SENTENCES)
    return (
        f"{rng.choice(SUBJECTS)} tại {rng.choice(PLACES)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
        f"trong {rng.choice(NUMBERS)} ngày, gắn với {rng.choice(TOPICS)}."
    )


def body(rng, words):
    parts = []
    while sum(len(part.split()) for part in parts) < words:
        parts.append(sentence(rng))
    return " ".join(parts)


def synthetic(n, seed=7):
    """(id, source) pairs: 30% procedures, 60% news, 10% pages."""
    import datetime

    rng = random.Random(seed)
    start = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    for page_id in range(1, n + 1):
        roll = rng.random()
        chain = rng.choice(AGENCIES)
        published = start + datetime.timedelta(minutes=page_id * 17)
        if roll < 0.3:
            title = " ".join(
                part for part in (rng.choice(ACTIONS), rng.choice(OBJECTS), rng.choice(QUALIFIERS)) if part
            )
            kind, section = "procedure", "thu-tuc"
            fields = {
                "summary": f"{title} tại {rng.choice(PLACES)}.",
                "body": body(rng, 120),
                "code": f"{rng.choice('123')}.{page_id:06d}",
                "sector": rng.choice(SECTORS),
                "sector_name": "Lĩnh vực",
                "level": rng.randint(1, 4),
            }
        elif roll < 0.9:
            title = f"{rng.choice(PLACES)}: {rng.choice(TOPICS)} {rng.choice(OBJECTS)}"
            kind, section = "news", "tin-tuc"
            fields = {"summary": body(rng, 25), "body": body(rng, 250), "date": published.date()}
        else:
            title = f"Giới thiệu {rng.choice(TOPICS)} {rng.choice(PLACES)}"
            kind, section = "page", "trang"
            fields = {"summary": body(rng, 20), "body": body(rng, 150)}
        source = document_source(
            type=kind,
            title=title,
            url=f"/{section}/{page_id}/",
            agency=chain[0],
            agencies=chain,
            published_at=published,
            **fields,
        )
        yield page_id, source


def queries(n, seed=11):
    rng = random.Random(seed)
    texts = [
        "dang ky khai sinh",
        "Đăng ký khai sinh",
        unicodedata.normalize("NFD", "Đăng ký khai sinh"),
        "thu tuc dang ky ket hon",
        "giấy phép xây dựng nhà ở riêng lẻ",
        "xin phép xây nhà",
        "so do",
        "lam giay chung tu",
        "ho kinh doanh",
        "Uỷ ban nhân dân tỉnh",
        "thuỷ lợi",
        "cai cach hanh chinh",
        "chuyển đổi số Mỹ Tho",
        "1.000123",
        "2.004567",
        "gia han giay phep lai xe",
        "tiep cong dan",
        "khai sinhh",
        "xac nhan tinh trang hon nhan",
        "",
    ]
    for _ in range(n):
        params = {"q": rng.choice(texts)}
        roll = rng.random()
        if roll < 0.15:
            params["type"] = rng.choice(["procedure", "news", "page"])
        elif roll < 0.25:
            params["agency"] = rng.choice(AGENCIES)[0]
        elif roll < 0.30:
            params["level"] = str(rng.randint(1, 4))
        elif roll < 0.35:
            params["page"] = str(rng.randint(2, 20))
        yield params


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run_queries(client, n, by_query=None):
    latencies = []
    for params in queries(n):
        began = time.perf_counter()
        response = client.get("/api/search/", params)
        latencies.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{params}: HTTP {response.status_code}")
        if by_query is not None:
            by_query.setdefault(params["q"], []).append(latencies[-1])
    backend = response.json()["backend"]
    return backend, latencies


def report_by_query(by_query):
    """The slowest query texts first: where the p95 comes from."""
    rows = sorted(by_query.items(), key=lambda item: -percentile(item[1], 0.95))
    for text, latencies in rows:
        print(
            f"  {text[:40]!r:44} n={len(latencies):3}  p50 {statistics.median(latencies):6.1f} ms  "
            f"p95 {percentile(latencies, 0.95):6.1f} ms"
        )


def report_latency(label, backend, latencies):
    print(
        f"{label}: {len(latencies)} queries via /api/search/ (backend {backend}): "
        f"p50 {statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms, "
        f"max {max(latencies):.1f} ms"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--database-queries", type=int, help="queries on the fallback (default: --queries)")
    parser.add_argument("--skip-database", action="store_true", help="no database copy, no fallback queries")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the engine index for the next run, or reuse the kept one (implies --skip-database)",
    )
    parser.add_argument("--by-query", action="store_true", help="also print the latency of each query text")
    parser.add_argument(
        "--no-engine-caches",
        action="store_true",
        help="also time the engine queries with its query and request caches off (every request computed)",
    )
    args = parser.parse_args()
    if args.keep:
        args.skip_database = True

    engine = get_engine()
    if engine is None:
        raise SystemExit("Set ELASTICSEARCH_URL (make search-engine starts one on 127.0.0.1:9200).")
    print(f"Engine: {engine.name} at {', '.join(engine.urls)}; prefix {engine.prefix}; work dir {WORKDIR}")
    call_command("migrate", verbosity=0)
    # Synthetic documents have no Page rows behind them: let the database copy exist anyway.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys = OFF")

    try:
        if args.keep and engine.alias_exists() and engine.count() >= args.docs:
            print(f"Reusing the kept index: {engine.count()} documents")
        else:
            index_documents(engine, args)
        query_latency(engine, args)
    finally:
        if not args.keep:
            for index in engine.own_indices():
                engine.delete_index(index)


def index_documents(engine, args):
    # 1. Bulk indexing through the same loader rebuild_search_index uses.
    began = time.perf_counter()
    progress = Progress(sys.stdout)
    report = load(synthetic(args.docs), args.docs, progress=progress.counting("documents"), database=False)
    progress.finish()
    total = time.perf_counter() - began
    done = report.total
    print(
        f"Full rebuild of the engine index, {done} documents: {total:.1f} s wall clock "
        f"({done / total:.0f} docs/s; building documents overlapped with {report.engine_seconds:.1f} s "
        "of bulk requests of 1,000, then refresh and alias swap)"
    )
    if not args.skip_database:
        # The database copy (the fallback), written the way a full rebuild writes it.
        began = time.perf_counter()
        batch = []
        for pair in synthetic(args.docs):
            batch.append(pair)
            if len(batch) == 1000:
                save_database_copies(batch)
                batch = []
        save_database_copies(batch)
        seconds = time.perf_counter() - began
        rate = done / seconds
        print(f"Database copy (fallback), {done} documents: {seconds:.1f} s ({rate:.0f} docs/s)")
    print(f"Index count after swap: {engine.count()} documents")


def settle(engine):
    """Wait until the engine has finished merging the segments the bulk load wrote (it merges in
    the background for a while after a rebuild, which would be measured with the queries)."""
    began = time.perf_counter()
    while True:
        stats = engine.client.indices.stats(index=engine.alias, metric="merge,segments")
        total = stats["_all"]["total"]
        if total["merges"]["current"] == 0:
            break
        time.sleep(1)
    print(
        f"Segments settled after {time.perf_counter() - began:.0f} s: "
        f"{total['segments']['count']} segments, no merge running"
    )


def query_latency(engine, args):
    # 2. Query latency through the API.
    settle(engine)
    with override_settings(ALLOWED_HOSTS=["*"], DEBUG=False):
        client = Client()
        client.get("/api/search/", {"q": "warm up"})
        # Start cold: a kept index still holds the last run's answers in its request cache.
        engine.client.indices.clear_cache(index=engine.alias, request=True)
        by_query = {} if args.by_query else None
        backend, latencies = run_queries(client, args.queries, by_query)
        report_latency("Engine", backend, latencies)
        if by_query:
            report_by_query(by_query)
        if args.no_engine_caches:
            # The mix repeats popular queries, whose counts the engine's request cache
            # keeps; this run shows the cost when nothing is cached.
            disable_caches(engine)
            backend, latencies = run_queries(client, args.queries)
            report_latency("Engine, caches off", backend, latencies)
        if not args.skip_database:
            with override_settings(ELASTICSEARCH_URL=None):
                backend, latencies = run_queries(client, args.database_queries or args.queries)
                report_latency("Database fallback", backend, latencies)


def disable_caches(engine):
    (index,) = engine.indices_behind_alias()
    settings = {"index.queries.cache.enabled": False, "index.requests.cache.enable": False}
    engine.client.indices.close(index=index)
    engine.client.indices.put_settings(index=index, body=settings)  # static settings: closed index
    engine.client.indices.open(index=index, wait_for_active_shards=1)
    engine.client.cluster.health(index=index, wait_for_status="yellow")


if __name__ == "__main__":
    main()
