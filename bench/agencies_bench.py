"""Agency benchmark: setting up agencies, and the directory with its exports at province scale.

    .venv/bin/python bench/agencies_bench.py [--districts 12] [--communes 20] [--departments 25] [--repeat 10]

Builds a throwaway SQLite portal in a temporary folder (test settings). Times setup_agency (page,
sections, collection, groups, permissions, workflow) for the departments, then adds districts
with their communes as plain pages (leaders included), and times the directory page (first page,
a text filter, dissolved included), the CSV export and both vCard exports. Prints the mean and
worst time of --repeat warm requests, the number of SQL queries and the response size of each.
"""

import argparse
import datetime
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import setup_django, timed  # noqa: E402


def leaders(prefix, n):
    return [
        {
            "name": f"Nguyễn Văn {prefix} {i}",
            "title": "Giám đốc" if i == 0 else "Phó Giám đốc",
            "email": f"lanhdao{i}.{prefix}@tiengiang.gov.vn",
            "phone": f"0273 38{i:02d} 000",
        }
        for i in range(n)
    ]


def build(departments, districts, communes):
    from home.agencies import setup_agency
    from home.models import AgencyLeader, AgencyPage
    from home.structure import agency_directory
    from portal_site.progress import Progress

    progress = Progress(sys.stderr)
    setup_times = []
    for n in range(departments):
        started = time.perf_counter()
        setup_agency(
            slug=f"so-{n:02d}",
            name=f"Sở thử nghiệm {n:02d}",
            email=f"so{n:02d}@tiengiang.gov.vn",
            phone="0273 3872 395",
            address=f"Số {n} đường Lê Lợi, Phường 1, thành phố Mỹ Tho",
            leaders=leaders(f"so{n:02d}", 3),
            valid_to=datetime.date(2025, 2, 28) if n % 10 == 9 else None,
        )
        setup_times.append(time.perf_counter() - started)

    directory = agency_directory()

    def add(parent, slug, title, kind, leader_count):
        page = AgencyPage(
            slug=slug,
            title=title,
            kind=kind,
            email=f"{slug}@tiengiang.gov.vn",
            phone="0273 3831 229",
            address=f"{title}, tỉnh Tiền Giang",
        )
        page.leaders = [
            AgencyLeader(sort_order=i, **item) for i, item in enumerate(leaders(slug, leader_count))
        ]
        parent.add_child(instance=page)
        return page

    for d in range(districts):
        district = add(directory, f"ubnd-huyen-{d:02d}", f"Ủy ban nhân dân huyện {d:02d}", "ubnd-huyen", 3)
        for c in range(communes):
            add(district, f"ubnd-xa-{d:02d}-{c:02d}", f"Ủy ban nhân dân xã {d:02d}-{c:02d}", "ubnd-xa", 2)
        progress("huyện", d + 1, districts)
    progress.finish()
    return setup_times


def measure(client, url, repeat):
    _, timings, queries, response = timed(client, url, repeat)
    times = [seconds * 1000 for seconds in timings]
    return statistics.mean(times), max(times), queries, len(response.content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=25)
    parser.add_argument("--districts", type=int, default=12)
    parser.add_argument("--communes", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-agencies-") as folder:
        setup_django(Path(folder))
        from django.test import Client

        from home.models import AgencyPage

        started = time.perf_counter()
        setup_times = build(args.departments, args.districts, args.communes)
        total = AgencyPage.objects.count()
        print(
            f"agencies: {total} ({args.departments} set up fully, the rest as pages), "
            f"built in {time.perf_counter() - started:.1f} s"
        )
        print(
            f"setup_agency: mean {statistics.mean(setup_times) * 1000:.0f} ms, "
            f"worst {max(setup_times) * 1000:.0f} ms per agency"
        )

        client = Client()
        print(f"{'request':<42} {'mean ms':>8} {'worst ms':>9} {'queries':>8} {'bytes':>9}")
        for label, url in [
            ("directory, first page", "/co-quan/"),
            ("directory, filter q=xa 05", "/co-quan/?q=xa+05"),
            ("directory, dissolved included", "/co-quan/?giai_the=on"),
            ("CSV export (all current)", "/co-quan/xuat/csv/"),
            ("vCard 3.0 export", "/co-quan/xuat/vcard/"),
            ("vCard 4.0 export", "/co-quan/xuat/vcard4/"),
        ]:
            mean, worst, queries, size = measure(client, url, args.repeat)
            print(f"{label:<42} {mean:>8.1f} {worst:>9.1f} {queries:>8} {size:>9}")


if __name__ == "__main__":
    main()
