"""News listing benchmark: render time and SQL query count with many news items.

    .venv/bin/python bench/news_bench.py [--items 10000] [--agencies 20] [--repeat 20] [--db FILE]

Builds a throwaway SQLite portal in a temporary folder (test settings), publishes --items news
items spread over --agencies agencies (a third with a lead image, every one with tags), then
times the portal-wide list (first page, a deep page, filtered by tag / agency / month), an
agency's list, the RSS feed and the home page's latest-news block. Prints the mean and worst
render time of --repeat warm requests, the number of SQL queries of each, and the slowest queries
of the portal's first page. --db keeps the database (and reuses it when it already holds news).
"""

import datetime
import functools
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import agency_sections, listing_parser, listing_portal, measure, print_header, print_row  # noqa: E402


def build(items, agency_count):
    from django.core.files.images import ImageFile
    from django.db import transaction

    from wagtail.images import get_image_model

    from PIL import Image as PILImage

    from home.structure import ensure_portal_sections
    from news.models import NewsPage
    from portal_site.progress import Progress

    progress = Progress(sys.stderr)
    portal = ensure_portal_sections()["tin-tuc"]
    sections = [portal, *agency_sections(agency_count, "tin-tuc", progress)]

    images = []
    for n in range(12):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1600, 900), (20 * n, 100, 255 - 20 * n)).save(buffer, format="JPEG")
        images.append(
            get_image_model().objects.create(title=f"Ảnh {n}", file=ImageFile(buffer, name=f"anh-{n}.jpg"))
        )

    topics = ["Chuyển đổi số", "Cải cách hành chính", "Nông nghiệp", "Y tế", "Giáo dục", "Du lịch"]
    start = datetime.date(2025, 6, 30)
    with transaction.atomic():
        for n in range(items):
            image = images[n % len(images)] if n % 3 == 0 else None
            page = NewsPage(
                title=f"Tin thử nghiệm số {n} về hoạt động của cơ quan",
                slug=f"tin-thu-nghiem-{n}",
                date=start - datetime.timedelta(days=n % 900),
                summary="Tóm tắt tin thử nghiệm dùng để đo thời gian hiển thị danh sách tin tức.",
                lead_image=image,
                lead_image_alt="Ảnh thử nghiệm" if image else "",
                pinned=n in (5, 500),
                first_published_at=datetime.datetime(2025, 7, 1, tzinfo=datetime.UTC),
                last_published_at=datetime.datetime(2025, 7, 1, tzinfo=datetime.UTC),
            )
            page.tags.set([topics[n % len(topics)], topics[(n // 7) % len(topics)]])
            sections[n % len(sections)].add_child(instance=page)
            progress("Tin tức", n + 1, items)
    return portal, sections[1]


def measure_home_block(repeat):
    from django.db import connection
    from django.template import Context, Template
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    template = Template("{% load news_tags %}{% latest_news 6 %}")
    request = RequestFactory().get("/")
    template.render(Context({"request": request}))
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            template.render(Context({"request": request}))
            timings.append(time.perf_counter() - started)
    print_row("Trang chủ: {% latest_news 6 %}", len(queries), None, timings)


def main():
    parser = listing_parser(__doc__, agencies=20, repeat=20)
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()

    build_all = functools.partial(build, args.items, args.agencies)
    with listing_portal("news.NewsPage", "tin-tuc", "tin", args.db, build_all) as listing:
        client, portal, agency_news = listing
        from news.models import PAGE_SIZE, NewsPage

        last_page = -(-NewsPage.objects.live().count() // PAGE_SIZE)
        print_header()
        measure(client, "Cổng: trang 1", portal.url, args.repeat)
        measure(client, "Cổng: trang giữa", f"{portal.url}?page={last_page // 2}", args.repeat)
        measure(client, "Cổng: trang cuối", f"{portal.url}?page={last_page}", args.repeat)
        measure(client, "Cổng: lọc chủ đề", f"{portal.url}?tag=chuyen-doi-so", args.repeat)
        measure(client, "Cổng: lọc cơ quan", f"{portal.url}?agency=co-quan-03", args.repeat)
        measure(client, "Cổng: lọc tháng", f"{portal.url}?year=2025&month=3", args.repeat)
        measure(client, "Cổng: trang 99999", f"{portal.url}?page=99999", args.repeat)
        measure(client, "Chuyên mục của một cơ quan", agency_news.url, args.repeat)
        measure(client, "RSS của cổng", f"{portal.url}rss/", args.repeat)
        measure(client, "Atom theo chủ đề", f"{portal.url}the/y-te/atom/", args.repeat)
        measure_home_block(args.repeat)
        slowest_queries(client, portal.url)


def slowest_queries(client, url, count=5):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    print(f"\nTruy vấn chậm nhất của {url}:")
    for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:count]:
        print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:150]}")


if __name__ == "__main__":
    main()
