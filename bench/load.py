"""50 concurrent visitors for 5 minutes on `make serve`, through Varnish as citizens reach it:
home, listings, procedures, search (many different queries, so most miss the front cache),
the search API and form posts (ratings). Prints requests, statuses, p50/p95/p99 and the
memory of every gunicorn process at the end. The target is 0 errors (no 5xx, no socket error).

    make serve
    .venv/bin/python bench/load.py [--connections 50] [--duration 300] [--base http://127.0.0.1:8080]

Needs wrk (scripts/system-packages.sh bench). Rating posts from one address meet the rate limit
after its allowance: those 429 answers are counted apart, as refusals the portal means to give.
"""

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_bench import worker_rss  # noqa: E402

QUERIES = [
    "khai sinh", "dang ky khai sinh", "giấy phép xây dựng", "cap lai the can cuoc", "ket hon",
    "đăng ký kinh doanh", "ho kinh doanh", "chung thuc", "ly lich tu phap", "khai tu", "tam tru",
    "xe may", "đất đai", "so do", "học bổng", "bảo hiểm xã hội", "giay phep lai xe", "nhà trọ",
    "1.001193", "quy hoạch", "hộ tịch", "trợ cấp", "thành lập doanh nghiệp", "giấy chứng tử",
]  # fmt: skip


RATED_PAGE = re.compile(r'<input type="hidden" name="page" value="(\d+)">')


def get_json(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
        return json.loads(response.read())


def targets(base):
    """[(weight, method, path, body)] of the mix."""
    procedures = [r["url"] for r in get_json(f"{base}/api/search/?type=procedure&page_size=50")["results"]]
    news = [r["url"] for r in get_json(f"{base}/api/search/?type=news&page_size=50")["results"]]
    mix = [(10, "GET", "/", ""), (6, "GET", "/tin-tuc/", ""), (4, "GET", "/thu-tuc-hanh-chinh/", "")]
    mix += [(4, "GET", f"/tin-tuc/?page={page}", "") for page in range(2, 6)]
    mix += [(2, "GET", url, "") for url in procedures] + [(1, "GET", url, "") for url in news]
    mix += [(3, "GET", "/co-quan/", ""), (2, "GET", "/van-ban/", ""), (2, "GET", "/lich-cong-tac/", "")]
    for query in QUERIES:
        encoded = urllib.parse.quote(query)
        mix += [(2, "GET", f"/tim-kiem/?q={encoded}", ""), (1, "GET", f"/api/search/?q={encoded}", "")]
        mix += [(1, "GET", f"/api/search/suggest/?q={encoded[:6]}", "")]
    # The pages to rate: the id in each page's rating form (the search API does not give ids).
    page_ids = set()
    for path in ["/tin-tuc/", "/thu-tuc-hanh-chinh/", *procedures[:10], *news[:10]]:
        with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310 (loopback)
            page_ids.update(RATED_PAGE.findall(response.read().decode()))
    if not page_ids:
        sys.exit("no rating form found on the portal's pages")
    for page_id in sorted(page_ids):
        mix += [(1, "POST", "/danh-gia/", f"page={page_id}&score={random.randint(1, 5)}&website=")]
    return mix


LUA = """
local requests = {}
local weights = {}
%(entries)s
local total = 0
for i, w in ipairs(weights) do total = total + w end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function request()
  local pick = math.random() * total
  for i, w in ipairs(weights) do
    pick = pick - w
    if pick <= 0 then return requests[i] end
  end
  return requests[#requests]
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests_)
  local merged = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      merged[tostring(status)] = (merged[tostring(status)] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(merged) do table.insert(parts, string.format('"%%s": %%d', status, count)) end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('{"requests": %%d, "seconds": %%f, "p50": %%f, "p95": %%f, "p99": %%f, '
    .. '"socket_errors": %%d, "statuses": {%%s}}\\n', summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    errors, table.concat(parts, ", ")))
end
"""


GET_HEADERS = '{["Accept-Encoding"] = "gzip"}'
POST_HEADERS = '{["Content-Type"] = "application/x-www-form-urlencoded", ["Accept"] = "application/json"}'


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def script(mix):
    lines = []
    for weight, method, path, body in mix:
        headers = '{["Accept-Encoding"] = "gzip"}'
        if method == "POST":
            headers = (
                '{["Content-Type"] = "application/x-www-form-urlencoded", ["Accept"] = "application/json"}'
            )
        lines.append(
            f"table.insert(weights, {weight}); table.insert(requests, "
            f"wrk.format({lua_string(method)}, {lua_string(path)}, {headers}, "
            f"{lua_string(body) if body else 'nil'}))"
        )
    return LUA % {"entries": "\n".join(lines)}


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--duration", type=int, default=300)
    parser.add_argument("--base", default="http://127.0.0.1:8080")
    options = parser.parse_args()
    mix = targets(options.base)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script(mix))
    print(
        f"load: {options.connections} connections, {options.duration} s, {options.base}, {len(mix)} requests"
    )
    output = subprocess.run(  # noqa: S603 (fixed arguments)
        [shutil.which("wrk"), "-t2", f"-c{options.connections}", f"-d{options.duration}s", "--timeout", "30s",
         "-s", lua.name, options.base],
        capture_output=True, text=True, check=True, timeout=options.duration + 120,
    ).stdout  # fmt: skip
    try:
        figures = json.loads(output.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        sys.exit(f"wrk printed no figures:\n{output}")
    statuses = {int(status): count for status, count in figures["statuses"].items()}
    server_errors = sum(count for status, count in statuses.items() if status >= 500)
    print(
        f"{figures['requests']} requests in {figures['seconds']:.0f} s "
        f"({figures['requests'] / figures['seconds']:.0f} req/s); "
        f"p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms, p99 {figures['p99']:.0f} ms"
    )
    print("statuses: " + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items())))
    errors = server_errors + figures["socket_errors"]
    print(f"errors: {errors} ({server_errors} answers of 5xx, {figures['socket_errors']} socket errors)")
    sizes = worker_rss()
    print(
        f"memory at the end: gunicorn master {sizes[0]:.0f} MiB, workers "
        + ", ".join(f"{size:.0f} MiB" for size in sizes[1:])
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
