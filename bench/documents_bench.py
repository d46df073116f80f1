"""Document register benchmark: SQL queries and render time with many documents, and the
throughput of the text extraction from PDF and DOCX files.

    .venv/bin/python bench/documents_bench.py [--documents 10000] [--agencies 10] [--repeat 10]
                                              [--files 60] [--pages 20] [--db FILE]

Builds a throwaway SQLite portal in a temporary folder (test settings), publishes --documents
documents spread over --agencies agencies, types, sectors, statuses and twenty years, then
times the portal-wide register (first page, a later page, the last page, filtered by type, year,
status, agency and words), an agency's register, a document's page and the feed. Prints the
number of SQL queries of each (the register's must not grow with the page number or the size of
the register) and the mean and worst time of --repeat warm requests. Then extracts the text of
--files generated files (half PDF of --pages pages, half DOCX of the same text) and prints
files/s and MB/s for each format. --db keeps the database (and reuses it when it holds documents).
"""

import datetime
import functools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import agency_sections, listing_parser, listing_portal, measure, print_header  # noqa: E402

# Document types and the abbreviations their numbers carry ("12/QĐ-…").
TYPES = {
    "quyet-dinh": "QĐ",
    "ke-hoach": "KH",
    "nghi-quyet": "NQ",
    "chi-thi": "CT",
    "thong-bao": "TB",
    "cong-van": "CV",
    "bao-cao": "BC",
    "huong-dan": "HD",
}
STATUSES = ["hieu-luc", "hieu-luc", "hieu-luc", "het-hieu-luc", "het-hieu-luc-mot-phan"]
SECTORS = ["Công nghệ thông tin", "Hộ tịch", "Y tế", "Giáo dục", "Nông nghiệp", "Tài chính"]


def build(count, agency_count):
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from wagtail.models import Page

    from home.structure import ensure_portal_sections
    from legal_documents.models import DOCUMENT_TYPES, LegalDocumentPage, default_title, number_slug
    from portal_site.progress import Progress
    from procedures.models import Sector

    progress = Progress(sys.stderr)
    portal = ensure_portal_sections()["van-ban"]
    registers = agency_sections(agency_count, "van-ban", progress)
    sectors = [Sector.objects.get_or_create(name=name)[0] for name in SECTORS]
    labels = dict(DOCUMENT_TYPES)
    start = datetime.date(2026, 6, 30)
    published = datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC)
    content_type = ContentType.objects.get_for_model(LegalDocumentPage)
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    own_fields = LegalDocumentPage._meta.local_concrete_fields
    pages = []
    for n in range(count):
        register = registers[n % agency_count]
        kind = list(TYPES)[n % len(TYPES)]
        number = f"{n + 1}/{TYPES[kind]}-CQ{n % agency_count:02d}"
        issued = start - datetime.timedelta(days=(n * 7) % 7300)
        summary = f"Về việc triển khai nhiệm vụ số {n} của cơ quan trong lĩnh vực {SECTORS[n % len(SECTORS)]}"
        title = default_title(labels[kind], number, summary)
        slug = number_slug(number)
        position = n // agency_count + 1
        pages.append(
            LegalDocumentPage(
                title=title,
                draft_title=title,
                slug=slug,
                path=Page._get_path(register.path, register.depth + 1, position),
                depth=register.depth + 1,
                numchild=0,
                url_path=f"{register.url_path}{slug}/",
                content_type=content_type,
                locale_id=register.locale_id,
                live=True,
                first_published_at=published,
                last_published_at=published,
                number=number,
                document_type=kind,
                issuer=f"Cơ quan thử nghiệm số {n % agency_count:02d}",
                issued=issued,
                effective=issued,
                status=STATUSES[n % len(STATUSES)],
                sector=sectors[n % len(sectors)],
                summary=summary,
            )
        )
    # Written in bulk (the tree's rows, then the documents' own rows): the bench measures reading,
    # and publishing 10,000 pages one by one would take most of its time.
    with transaction.atomic():
        for begin in range(0, count, 500):
            batch = pages[begin : begin + 500]
            rows = Page.objects.bulk_create(
                [
                    Page(**{field.attname: getattr(page, field.attname) for field in base_fields})
                    for page in batch
                ]
            )
            for page, row in zip(batch, rows, strict=True):
                page.page_ptr_id = page.id = row.pk
            LegalDocumentPage._base_manager._insert(batch, fields=own_fields)
            progress("Văn bản", begin + len(batch), count)
        for n, register in enumerate(registers):
            Page.objects.filter(pk=register.pk).update(numchild=len(range(n, count, agency_count)))
    return portal, registers[0]


def extraction_throughput(files, pages):
    from legal_documents.demo import MASTER_PLAN, docx_bytes, pdf_bytes
    from legal_documents.extraction import extract

    lines = [f"{line} (đoạn {n})" for n in range(pages * 8) for line in MASTER_PLAN[5:]]
    samples = {"pdf": pdf_bytes(lines), "docx": docx_bytes(lines)}
    print(f"\n{'định dạng':<10} {'tệp':>5} {'KB/tệp':>8} {'tệp/s':>8} {'MB/s':>8} {'ký tự/tệp':>10}")
    for extension, data in samples.items():
        count = max(1, files // 2)
        started = time.perf_counter()
        characters = 0
        for n in range(count):
            result = extract(f"tep-{n}.{extension}", data)
            assert result.outcome == "ok", result.outcome
            characters = len(result.text)
        elapsed = time.perf_counter() - started
        megabytes = len(data) * count / 1024 / 1024
        print(
            f"{extension:<10} {count:>5} {len(data) / 1024:>8.1f} {count / elapsed:>8.1f} "
            f"{megabytes / elapsed:>8.2f} {characters:>10}"
        )


def main():
    parser = listing_parser(__doc__, agencies=10, repeat=10)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--pages", type=int, default=20, help="pages of each PDF in the extraction test")
    args = parser.parse_args()

    build_all = functools.partial(build, args.documents, args.agencies)
    with listing_portal(
        "legal_documents.LegalDocumentPage", "van-ban", "văn bản", args.db, build_all
    ) as listing:
        client, portal, agency_register = listing
        from legal_documents.models import LegalDocumentPage
        from legal_documents.register import PAGE_SIZE

        last_page = -(-LegalDocumentPage.objects.live().count() // PAGE_SIZE)
        document = LegalDocumentPage.objects.order_by("pk").first()
        print_header()
        first = measure(client, "Sổ văn bản: trang 1", portal.url, args.repeat)
        later = measure(client, "Sổ văn bản: trang giữa", f"{portal.url}?page={last_page // 2}", args.repeat)
        final = measure(client, "Sổ văn bản: trang cuối", f"{portal.url}?page={last_page}", args.repeat)
        measure(client, "Lọc loại + năm", f"{portal.url}?type=quyet-dinh&year=2020", args.repeat)
        measure(client, "Lọc tình trạng, trang 3", f"{portal.url}?status=hieu-luc&page=3", args.repeat)
        measure(client, "Lọc cơ quan", f"{portal.url}?agency=co-quan-03", args.repeat)
        measure(client, "Lọc từ khóa", f"{portal.url}?q=nhiệm+vụ+số+12", args.repeat)
        measure(client, "Sổ văn bản của một cơ quan", agency_register.url, args.repeat)
        measure(client, "Trang một văn bản", document.url, args.repeat)
        measure(client, "RSS văn bản mới", f"{portal.url}rss/", args.repeat)
        verdict = "không đổi" if first == later == final else "KHÁC NHAU"
        print(f"\nSố truy vấn trang 1 / trang giữa / trang cuối: {first} / {later} / {final} ({verdict})")
        extraction_throughput(args.files, args.pages)
        if first != later or later != final:
            sys.exit(1)


if __name__ == "__main__":
    main()
