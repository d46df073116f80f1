"""HTTP throughput of each public page type on `make serve`: gunicorn directly, through Varnish,
and nginx serving the same home page as a static file (the ceiling), measured in one run.

    make serve
    .venv/bin/python bench/http_bench.py [--duration 10] [--connections 10]

Prints one table (req/s, p50, p95, errors) and the gunicorn processes' memory. Needs wrk
and nginx (scripts/system-packages.sh bench installs them).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = "http://127.0.0.1:8001"
VARNISH = "http://127.0.0.1:8080"

# wrk's Lua hooks: ask for gzip as browsers do (Varnish stores pages compressed and would
# otherwise inflate each one for wrk), and print the figures as one JSON line (wrk's own
# --latency has no p95).
REPORT_LUA = """
wrk.headers["Accept-Encoding"] = "gzip"
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format('{"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, errors))
end
"""


# Searches that no answer is kept for: each request asks for a query, page size and page not asked
# before in the run (the engine still keeps its shard-level cache). A citizen's first search for
# something, rather than the repeated one the rows above measure.
FRESH_SEARCH_LUA = """
local queries = {%s}
local threads, n = 0, 0
setup = function(thread)
  threads = threads + 1
  thread:set("parity", threads %% 2)  -- the two threads ask for different page sizes
end
request = function()
  n = n + 1
  local q = queries[n %% #queries + 1]
  local size = 10 + 2 * (math.floor(n / #queries) %% 20) + parity
  local page = 1 + math.floor(n / (#queries * 20))
  return wrk.format("GET", string.format(wrk.path, q, size, page))
end
"""
FRESH_QUERIES = [
    "đăng ký khai sinh",
    "giấy phép xây dựng",
    "đăng ký kết hôn",
    "chứng thực bản sao",
    "thành lập doanh nghiệp",
    "cấp đổi giấy phép lái xe",
    "giấy chứng nhận quyền sử dụng đất",
    "lý lịch tư pháp",
    "hộ kinh doanh",
    "bảo hiểm xã hội",
    "giấy phép lao động",
    "đăng ký thường trú",
    "chuyển đổi số",
    "quy hoạch",
    "học bổng",
    "nông nghiệp",
]


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
        return response.read().decode()


def first_result_url(kind):
    answer = json.loads(get(f"{GUNICORN}/api/search/?type={kind}&page_size=1"))
    return answer["results"][0]["url"]


def page_types():
    news = first_result_url("news")
    procedure = first_result_url("procedure")
    agency = "/".join(procedure.split("/")[:3]) + "/"  # /co-quan/<agency>/
    return [
        ("home", "/"),
        ("news listing (portal)", "/tin-tuc/"),
        ("news page", news),
        ("procedure catalogue", "/thu-tuc-hanh-chinh/"),
        ("procedure page", procedure),
        ("agency directory", "/co-quan/"),
        ("agency page", agency),
        ("search page", "/tim-kiem/?q=dang+ky+khai+sinh"),
        ("search API", "/api/search/?q=dang+ky+khai+sinh"),
    ]


def fresh_search_script(report_script):
    """wrk's script for the fresh-search rows: the report hooks and a new search per request."""
    queries = ", ".join(f'"{quote(query)}"' for query in FRESH_QUERIES)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(Path(report_script).read_text() + FRESH_SEARCH_LUA % queries)
    return script.name


FRESH_SEARCHES = [
    ("search page, a new search each request", "/tim-kiem/?q=%s&page_size=%d&page=%d"),
    ("search API, a new search each request", "/api/search/?q=%s&page_size=%d&page=%d"),
]


def forget_kept_answers():
    """Mark the search answers kept so far stale (as an index change does), so that the fresh
    rows ask the engine each time even when an earlier run kept the same searches."""
    code = "from search import answers, engine; answers.index_changed(engine.get_engine().alias)"
    # serve.env is a shell file written to be sourced; a shell reads it as it is meant.
    subprocess.run(  # noqa: S603 (fixed arguments)
        ["/bin/sh", "-c", '. .cache/serve.env && exec "$0" manage.py shell --no-imports -c "$1"',
         sys.executable, code],
        cwd=ROOT, check=True,
    )  # fmt: skip
    time.sleep(2.5)  # answers computed within VISIBLE_AFTER (2 s) of a change are not kept


def wrk(url, duration, connections, script):
    output = subprocess.run(  # noqa: S603 (fixed arguments)
        [shutil.which("wrk"), "-t2", f"-c{connections}", f"-d{duration}s", "-s", script, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def nginx_ceiling(html, duration, connections, script):
    """nginx serving `html` as a file on a free port, measured like the pages."""
    with tempfile.TemporaryDirectory(prefix="portal-nginx-") as folder:
        Path(folder, "index.html").write_text(html)
        port = 18080
        Path(folder, "nginx.conf").write_text(
            f"""worker_processes 2; pid {folder}/nginx.pid; error_log {folder}/error.log;
events {{ worker_connections 1024; }}
http {{ access_log off; client_body_temp_path {folder}; proxy_temp_path {folder};
  fastcgi_temp_path {folder}; uwsgi_temp_path {folder}; scgi_temp_path {folder};
  server {{ listen 127.0.0.1:{port}; root {folder}; default_type text/html; }} }}
"""
        )
        os.chmod(folder, 0o755)  # noqa: S103 (nginx's workers drop root and must read the file)
        subprocess.run(["nginx", "-c", f"{folder}/nginx.conf"], check=True)  # noqa: S603, S607
        try:
            time.sleep(0.3)
            return wrk(f"http://127.0.0.1:{port}/index.html", duration, connections, script)
        finally:
            subprocess.run(["nginx", "-c", f"{folder}/nginx.conf", "-s", "stop"], check=False)  # noqa: S603, S607


def memory(pid):
    """Resident, proportional and private memory of process `pid`, in MiB. Forked workers share
    the master's pages: RSS counts each shared page in full in every process, PSS divides it
    among them (the PSS of all processes sums to what they take together), USS is a process's own."""
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    kib = {name: int(value) for name, value in re.findall(r"^(\w+):\s+(\d+) kB", rollup, re.MULTILINE)}
    return {
        "rss": kib["Rss"] / 1024,
        "pss": kib["Pss"] / 1024,
        "uss": (kib["Private_Clean"] + kib["Private_Dirty"]) / 1024,
    }


def gunicorn_memory():
    """memory() of the gunicorn master, then of each worker."""
    pidfile = ROOT / ".cache" / "serve" / "gunicorn.pid"
    master = pidfile.read_text().strip()
    children = subprocess.run(  # noqa: S603 (fixed arguments)
        [shutil.which("pgrep"), "-P", master], capture_output=True, text=True, check=False
    ).stdout.split()
    return [memory(pid) for pid in [master, *children]]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement (default 10)")
    parser.add_argument("--connections", type=int, default=10, help="wrk connections (default 10)")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: scripts/system-packages.sh bench")
    try:
        get(f"{GUNICORN}/robots.txt")
        get(f"{VARNISH}/robots.txt")
    except OSError as error:
        sys.exit(f"the stack is not running ({error}): make serve")

    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(REPORT_LUA)
    rows = []
    try:
        ceiling = nginx_ceiling(get(f"{GUNICORN}/"), args.duration, args.connections, script.name)
        for label, path in page_types():
            get(VARNISH + path)  # warm the front cache
            direct = wrk(GUNICORN + path, args.duration, args.connections, script.name)
            cached = wrk(VARNISH + path, args.duration, args.connections, script.name)
            rows.append((label, path, direct, cached))
            print(f"  measured {label}", file=sys.stderr, flush=True)
        fresh = fresh_search_script(script.name)
        try:
            for label, path in FRESH_SEARCHES:
                # A run first, unmeasured: a search engine just started answers its first
                # thousands of queries at half speed while the JVM compiles them, and one that has
                # run for days does not. Its answers, kept, are then forgotten.
                wrk(GUNICORN + path, args.duration, args.connections, fresh)
                forget_kept_answers()
                # wrk.path is the URL's path as a format string; %s stays in it unescaped.
                direct = wrk(GUNICORN + path, args.duration, args.connections, fresh)
                rows.append((label, path, direct, None))
                print(f"  measured {label}", file=sys.stderr, flush=True)
        finally:
            os.unlink(fresh)
    finally:
        os.unlink(script.name)

    print(f"\nwrk -t2 -c{args.connections} -d{args.duration}s; gunicorn :8001 (2 workers), Varnish :8080\n")
    print("| page | gunicorn req/s | p50 ms | p95 ms | errors | Varnish req/s | p95 ms | Varnish ÷ nginx |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, _path, direct, cached in rows:
        through = (
            f"{cached['rps']:.0f} | {cached['p95']:.1f} | {cached['rps'] / ceiling['rps']:.2f}"
            if cached
            else "— | — | —"
        )
        print(
            f"| {label} | {direct['rps']:.0f} | {direct['p50']:.1f} | {direct['p95']:.1f} | "
            f"{direct['errors']} | {through} |"
        )
    nginx = f"{ceiling['rps']:.0f} | {ceiling['p95']:.1f}"
    print(f"| nginx, home page as a static file | — | — | — | — | {nginx} | 1.00 |")
    processes = gunicorn_memory()
    print("\n| gunicorn memory, MiB | RSS | PSS | USS |\n| --- | ---: | ---: | ---: |")
    for number, sizes in enumerate(processes):
        name = f"worker {number}" if number else "master"
        print(f"| {name} | {sizes['rss']:.0f} | {sizes['pss']:.0f} | {sizes['uss']:.0f} |")
    print(f"| all together (PSS) | — | {sum(sizes['pss'] for sizes in processes):.0f} | — |")


if __name__ == "__main__":
    main()
