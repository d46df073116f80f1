"""Hostile requests over every public URL and form of `make serve`: odd parameters, paths,
methods, headers and Unicode. Prints the count of each status; the target is no 5xx.

    make serve
    .venv/bin/python bench/fuzz.py [--requests 10000] [--base http://127.0.0.1:8001] [--seed 1]

Goes to gunicorn directly by default (Varnish would answer repeats from its cache). The URLs
come from the sitemap plus the portal's fixed addresses; the forms' fields from contracts.md.
Exits 1 when any answer is a 5xx, listing the first ones.
"""

import argparse
import collections
import concurrent.futures
import http.client
import random
import re
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portal_site.progress import Progress  # noqa: E402

FIXED_PATHS = [
    "/", "/tin-tuc/", "/tin-tuc/rss/", "/tin-tuc/atom/", "/thu-tuc-hanh-chinh/", "/co-quan/",
    "/co-quan/xuat/csv/", "/co-quan/xuat/vcard/", "/tim-kiem/", "/api/search/", "/api/search/suggest/",
    "/api/schema.json", "/van-ban/", "/van-ban/rss/", "/gop-y-du-thao/", "/hoi-dap/", "/hoi-dap/gui-cau-hoi/",
    "/hoi-dap/tra-cuu/", "/lich-cong-tac/", "/lich-cong-tac/ical/", "/danh-gia/", "/sitemap.xml",
    "/robots.txt", "/admin/login/", "/documents/1/x.pdf",
]  # fmt: skip
PARAMETERS = [
    "q", "page", "page_size", "type", "agency", "sector", "level", "year", "status", "tuan", "loai",
    "ma", "life_event", "su_kien", "order", "tag", "format",
]  # fmt: skip
FORMS = {
    "/danh-gia/": ["page", "score", "reason", "comment", "website"],
    "/hoi-dap/gui-cau-hoi/": ["name", "email", "phone", "agency", "title", "question", "website"],
    "consultation": ["name", "email", "article", "comment", "website"],
}
HOSTILE = [
    "", " ", "0", "-1", "1e309", "99999999999999999999999", "NaN", "[]", "{}", "null", "true",
    "' OR 1=1 --", '"><script>alert(1)</script>', "../../../../etc/passwd", "%00", "\x00", "\r\nX: y",
    "a" * 5000, "ế" * 3000, "đăng ký khai sinh", "dang ky khai sinh", "Đ\u0306\u0301", "\ufeff\u200b",
    "\U0001f600" * 50, "\ud800", "2026-W99", "2026-02-30", "9999-W01", "%ff%fe", "*", "?", "\\",
    "1.001193", "khai sinh" + "\u0301" * 200, "x" * 300 + "@e.vn", "<svg onload=alert(1)>",
]  # fmt: skip
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/json",
    "text/plain",
]
METHODS = ["GET"] * 6 + ["POST"] * 3 + ["HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "PURGE"]


def fetch(base, path, method="GET", body=None, headers=None):
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        content = response.read()
        return response.status, content
    finally:
        connection.close()


def public_paths(base):
    status, content = fetch(base, "/sitemap.xml")
    found = re.findall(r"<loc>([^<]+)</loc>", content.decode("utf-8", "replace")) if status == 200 else []
    paths = {urllib.parse.urlsplit(loc).path for loc in found}
    return sorted(paths | set(FIXED_PATHS))


def raw(value):
    """A header value as the bytes a client would send (http.client sends latin-1)."""
    return value.encode("utf-8", "surrogatepass").decode("latin-1")


def quote(value):
    return urllib.parse.quote(value.encode("utf-8", "surrogatepass"), safe="")


def hostile_request(rng, paths, consultations):
    """(method, path, body, headers) of one hostile request."""
    method = rng.choice(METHODS)
    path = rng.choice(paths)
    kind = rng.random()
    if kind < 0.15:  # a mangled path
        path = path.rstrip("/") + "/" + quote(rng.choice(HOSTILE))[:2000] + rng.choice(["", "/"])
    query = "&".join(
        f"{quote(rng.choice(PARAMETERS + [rng.choice(HOSTILE)]))}={quote(rng.choice(HOSTILE))}"
        for _ in range(rng.randint(0, 4))
    )
    if rng.random() < 0.1:
        query += "&q=%E1%BB" + "%ff" * rng.randint(1, 4)  # broken UTF-8
    target = path + ("?" + query if query else "")
    headers = {"Host": rng.choice(["127.0.0.1", "localhost", "stp.tiengiang.gov.vn", "evil.example"])}
    if rng.random() < 0.2:
        headers["Accept"] = rng.choice(["application/json", "*/*", "text/html;q=0", "\u1ebd"])
    if rng.random() < 0.1:
        headers["Cookie"] = rng.choice(["sessionid=" + "a" * 40, "csrftoken=x", "sessionid=\u00e9"])
    body = None
    if method in ("POST", "PUT", "PATCH"):
        form = rng.choice(list(FORMS))
        if form == "consultation" and consultations:
            target = rng.choice(consultations)
        elif form != "consultation":
            target = form
        fields = FORMS[form]
        body = "&".join(
            f"{quote(name)}={quote(rng.choice(HOSTILE + ['3', '5', 'Nguyễn Văn A', 'a@b.vn']))}"
            for name in rng.sample(fields, rng.randint(0, len(fields)))
        ).encode("utf-8", "surrogatepass")
        headers["Content-Type"] = rng.choice(CONTENT_TYPES)
    headers = {key: raw(value) for key, value in headers.items()}
    return method, target, body, headers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--base", default="http://127.0.0.1:8001")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()

    rng = random.Random(options.seed)
    paths = public_paths(options.base)
    consultations = [path for path in paths if path.startswith("/gop-y-du-thao/") and path.count("/") > 2]
    print(f"fuzz: {len(paths)} public addresses, {options.requests} requests to {options.base}")
    requests = [hostile_request(rng, paths, consultations) for _ in range(options.requests)]
    statuses = collections.Counter()
    server_errors = []
    progress = Progress(sys.stderr)
    started = time.monotonic()

    def run(request):
        method, target, body, headers = request
        try:
            status, _ = fetch(options.base, target, method, body, headers)
        except (OSError, http.client.HTTPException) as error:
            return request, f"connection error: {type(error).__name__}"
        return request, status

    with concurrent.futures.ThreadPoolExecutor(options.concurrency) as pool:
        for done, (request, status) in enumerate(pool.map(run, requests), 1):
            statuses[status] += 1
            if not isinstance(status, int) or status >= 500:
                server_errors.append((status, request[0], request[1][:200]))
            progress("fuzz", done, len(requests))
    progress.finish()
    seconds = time.monotonic() - started
    total = sum(statuses.values())
    print(f"{total} requests in {seconds:.0f} s ({total / seconds:.0f} req/s)")
    for status, count in sorted(statuses.items(), key=lambda item: str(item[0])):
        print(f"  {status}: {count}")
    fives = sum(count for status, count in statuses.items() if not isinstance(status, int) or status >= 500)
    print(f"5xx or connection errors: {fives}")
    for status, method, target in server_errors[:20]:
        print(f"  {status} {method} {target}")
    return 1 if fives else 0


if __name__ == "__main__":
    sys.exit(main())
