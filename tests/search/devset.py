"""A development set for everyday wording and partial words (issue 17), scored by nDCG@10.

The documents are the demo procedure records (procedures/demo/content.json, built the way
`search.indexing.build_source` builds a ProcedurePage) with the news and pages of
tests/search/corpus.py as distractors. The queries are what a citizen types: what they want
to do in their own words ("everyday"), a title typed half-way ("partial"), and a question
around the name ("question"). Each judgment grades a procedure code: 3 is the procedure
sought, 2 a close alternative the citizen may also mean, 1 related.

    .venv/bin/python tests/search/devset.py        # prints nDCG@10 per category

The script makes a throw-away SQLite database (migrated, so with the shipped vocabulary)
and its own index, like bench/search_bench.py, and removes both at the end.
"""

import json
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "procedures" / "demo" / "content.json"

# Codes of the demo procedures, named for legibility below.
KHAI_SINH = "1.001193"
KHAI_TU = "1.000656"
KET_HON = "1.000894"
DOC_THAN = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân
TRICH_LUC = "2.000635"
NHAN_CHA_ME_CON = "1.001022"
CAI_CHINH = "1.004859"
KHAI_SINH_LAI = "1.004884"
GIAM_HO = "1.004837"
LY_LICH = "2.000488"
LY_LICH_CO_QUAN = "2.000505"
SAO_Y = "2.000815"
CHU_KY = "2.000884"
HOP_DONG = "2.001035"
THUONG_TRU = "1.004222"
TAM_TRU = "1.004194"
XOA_THUONG_TRU = "1.004206"
TRO_CAP = "1.001776"
MAI_TANG = "1.001758"
KHUYET_TAT = "2.000286"
XAY_NHA = "1.013225"
GIA_HAN_XAY = "1.009977"
DIEU_CHINH_XAY = "1.009976"
XAY_CONG_TRINH = "1.009972"
HO_KINH_DOANH = "1.001612"
THAY_DOI_HKD = "2.000575"
TAM_NGUNG_HKD = "2.000612"
CHAM_DUT_HKD = "2.000630"
DNTN = "2.001610"
TNHH = "2.002038"
NGUOI_DAI_DIEN = "2.001199"
TUYEN_SINH = "3.000182"
CHUYEN_THPT = "1.005095"
CHUYEN_THCS = "1.005098"
VAN_BANG = "2.001914"
HANH_NGHE = "1.012271"
PHONG_KHAM = "1.012282"
NHA_THUOC = "1.004616"
RUOU = "2.000633"
XANG_DAU = "2.000674"
KHUYEN_MAI = "2.000167"
SO_DO = "1.012756"
SANG_TEN = "1.012774"
MAT_SO_DO = "1.012784"
THE_CHAP = "1.012797"
NOI_QUY = "2.001955"
LAO_DONG_NN = "1.000459"

# (query, {code: grade})
EVERYDAY = [
    ("làm giấy khai sinh cho con", {KHAI_SINH: 3, KHAI_SINH_LAI: 1}),
    ("khai sinh cho em bé mới sinh", {KHAI_SINH: 3, KHAI_SINH_LAI: 1}),
    ("báo tử cho người nhà", {KHAI_TU: 3, MAI_TANG: 1}),
    ("làm giấy chứng tử", {KHAI_TU: 3}),
    ("đăng ký lấy vợ", {KET_HON: 3, DOC_THAN: 1}),
    ("làm giấy đăng ký kết hôn", {KET_HON: 3, DOC_THAN: 1}),
    ("xin giấy độc thân", {DOC_THAN: 3}),
    ("xác nhận chưa kết hôn", {DOC_THAN: 3, KET_HON: 1}),
    ("làm lại giấy khai sinh bị mất", {KHAI_SINH_LAI: 3, TRICH_LUC: 2, KHAI_SINH: 1}),
    ("xin bản sao giấy khai sinh", {TRICH_LUC: 3, KHAI_SINH_LAI: 1, KHAI_SINH: 1}),
    ("nhận cha cho con", {NHAN_CHA_ME_CON: 3}),
    ("sửa tên trong giấy khai sinh", {CAI_CHINH: 3, KHAI_SINH_LAI: 1}),
    ("đổi tên cho con", {CAI_CHINH: 3}),
    ("làm người giám hộ cho cháu", {GIAM_HO: 3}),
    ("xin lý lịch tư pháp", {LY_LICH: 3, LY_LICH_CO_QUAN: 2}),
    ("xin giấy không tiền án tiền sự", {LY_LICH: 3, LY_LICH_CO_QUAN: 1}),
    ("photo công chứng giấy tờ", {SAO_Y: 3, CHU_KY: 1}),
    ("công chứng bản sao", {SAO_Y: 3, CHU_KY: 1}),
    ("xác nhận chữ ký", {CHU_KY: 3}),
    ("công chứng hợp đồng mua bán xe máy", {HOP_DONG: 3, CHU_KY: 1}),
    ("nhập hộ khẩu cho con", {THUONG_TRU: 3}),
    ("khai báo tạm trú", {TAM_TRU: 3}),
    ("đăng ký ở trọ", {TAM_TRU: 3}),
    ("cắt hộ khẩu", {XOA_THUONG_TRU: 3, THUONG_TRU: 1}),
    ("trợ cấp cho người già", {TRO_CAP: 3}),
    ("hỗ trợ tiền đám tang", {MAI_TANG: 3}),
    ("xin giấy xác nhận tàn tật", {KHUYET_TAT: 3}),
    ("giấy phép xây nhà ở", {XAY_NHA: 3, GIA_HAN_XAY: 1, DIEU_CHINH_XAY: 1}),
    ("gia hạn giấy phép xây nhà", {GIA_HAN_XAY: 3, XAY_NHA: 1}),
    ("sửa giấy phép xây dựng nhà", {DIEU_CHINH_XAY: 3, XAY_NHA: 1}),
    ("mở quán ăn", {HO_KINH_DOANH: 3}),
    ("mở tiệm tạp hóa", {HO_KINH_DOANH: 3}),
    ("đăng ký kinh doanh cá thể", {HO_KINH_DOANH: 3, THAY_DOI_HKD: 1}),
    ("tạm nghỉ kinh doanh", {TAM_NGUNG_HKD: 3}),
    ("giải thể hộ kinh doanh", {CHAM_DUT_HKD: 3}),
    ("mở công ty một chủ", {TNHH: 3, DNTN: 3}),
    ("đổi giám đốc công ty", {NGUOI_DAI_DIEN: 3}),
    ("xin vào lớp 6", {TUYEN_SINH: 3}),
    ("chuyển trường cho con học cấp 3", {CHUYEN_THPT: 3, CHUYEN_THCS: 1}),
    ("chuyển trường cấp 2", {CHUYEN_THCS: 3, CHUYEN_THPT: 1}),
    ("xin bản sao bằng tốt nghiệp", {VAN_BANG: 3}),
    ("mở phòng khám", {PHONG_KHAM: 3, HANH_NGHE: 1}),
    ("chứng chỉ hành nghề bác sĩ", {HANH_NGHE: 3, PHONG_KHAM: 1}),
    ("mở nhà thuốc", {NHA_THUOC: 3}),
    ("giấy phép bán rượu", {RUOU: 3}),
    ("mở cây xăng", {XANG_DAU: 3}),
    ("bốc thăm trúng thưởng", {KHUYEN_MAI: 3}),
    ("làm sổ đỏ lần đầu", {SO_DO: 3, MAT_SO_DO: 1}),
    ("sang tên sổ đỏ", {SANG_TEN: 3}),
    ("mất sổ đỏ", {MAT_SO_DO: 3, SO_DO: 1}),
    ("xóa thế chấp sổ đỏ", {THE_CHAP: 3}),
    ("người nước ngoài xin đi làm", {LAO_DONG_NN: 3}),
    ("đăng ký nội quy công ty", {NOI_QUY: 3}),
    # without diacritics, as often typed on a phone
    ("lam giay khai sinh", {KHAI_SINH: 3, KHAI_SINH_LAI: 1}),
    ("xin giay doc than", {DOC_THAN: 3}),
    ("mo quan an", {HO_KINH_DOANH: 3}),
    ("sang ten so do", {SANG_TEN: 3}),
    ("cat ho khau", {XOA_THUONG_TRU: 3, THUONG_TRU: 1}),
]

PARTIAL = [
    ("khai si", {KHAI_SINH: 3, KHAI_SINH_LAI: 2}),
    ("đăng ký khai t", {KHAI_TU: 3}),
    ("giấy phép xây", {XAY_NHA: 3, XAY_CONG_TRINH: 2, GIA_HAN_XAY: 2, DIEU_CHINH_XAY: 2}),
    ("giay phep xay d", {XAY_NHA: 3, XAY_CONG_TRINH: 2, GIA_HAN_XAY: 2, DIEU_CHINH_XAY: 2}),
    ("ket ho", {KET_HON: 3, DOC_THAN: 1}),
    ("xac nhan tinh tr", {DOC_THAN: 3}),
    ("trich luc ho t", {TRICH_LUC: 3}),
    ("ly lich tu p", {LY_LICH: 3, LY_LICH_CO_QUAN: 3}),
    ("chung thuc ban s", {SAO_Y: 3}),
    ("chứng thực chữ k", {CHU_KY: 3}),
    ("thuong tr", {THUONG_TRU: 3, XOA_THUONG_TRU: 2}),
    ("tam tr", {TAM_TRU: 3}),
    ("ho kinh doa", {HO_KINH_DOANH: 3, THAY_DOI_HKD: 2, TAM_NGUNG_HKD: 2, CHAM_DUT_HKD: 2}),
    ("tam ngung kinh d", {TAM_NGUNG_HKD: 3}),
    ("doanh nghiep tu nh", {DNTN: 3}),
    ("cong ty trach nhiem h", {TNHH: 3, NGUOI_DAI_DIEN: 2}),
    ("chuyển trư", {CHUYEN_THPT: 3, CHUYEN_THCS: 3}),
    ("tuyen sinh trung h", {TUYEN_SINH: 3}),
    ("ban sao van b", {VAN_BANG: 3}),
    ("phong kham chuyen k", {PHONG_KHAM: 3}),
    ("hành nghề khám b", {HANH_NGHE: 3}),
    ("ban le thu", {NHA_THUOC: 3}),
    ("ban le ruo", {RUOU: 3}),
    ("xang da", {XANG_DAU: 3}),
    ("khuyen ma", {KHUYEN_MAI: 3}),
    ("giam h", {GIAM_HO: 3}),
    ("mai ta", {MAI_TANG: 3}),
    ("khuyet t", {KHUYET_TAT: 3}),
    ("tro cap xa h", {TRO_CAP: 3}),
    ("the cha", {THE_CHAP: 3}),
    ("giay phep lao d", {LAO_DONG_NN: 3}),
    ("noi quy lao", {NOI_QUY: 3}),
    ("cai chinh ho t", {CAI_CHINH: 3}),
    ("nhan cha me c", {NHAN_CHA_ME_CON: 3}),
]

QUESTION = [
    ("thủ tục đăng ký khai sinh cần giấy tờ gì", {KHAI_SINH: 3, KHAI_SINH_LAI: 1}),
    ("đăng ký kết hôn ở đâu", {KET_HON: 3}),
    ("làm lý lịch tư pháp mất bao lâu", {LY_LICH: 3, LY_LICH_CO_QUAN: 2}),
    ("đăng ký tạm trú như thế nào", {TAM_TRU: 3}),
    ("xin giấy phép xây dựng nhà ở cần những gì", {XAY_NHA: 3, GIA_HAN_XAY: 1, DIEU_CHINH_XAY: 1}),
    ("thành lập hộ kinh doanh hết bao nhiêu tiền", {HO_KINH_DOANH: 3}),
    ("làm thế nào để sang tên sổ đỏ", {SANG_TEN: 3}),
    ("chuyển trường cho con thế nào", {CHUYEN_THPT: 3, CHUYEN_THCS: 3}),
    ("cách xin trợ cấp xã hội hàng tháng", {TRO_CAP: 3}),
    ("chứng thực bản sao ở đâu", {SAO_Y: 3}),
    ("mở nhà thuốc cần điều kiện gì", {NHA_THUOC: 3}),
    ("dang ky khai tu o dau", {KHAI_TU: 3}),
]

CATEGORIES = {"everyday": EVERYDAY, "partial": PARTIAL, "question": QUESTION}
GATE_OVERALL, GATE_CATEGORY = 0.95, 0.90
DEPTH = 10


def demo_procedures():
    return json.loads(DEMO.read_text(encoding="utf-8"))["procedures"]


def _texts(entry):
    """The body texts `build_source` collects from a ProcedurePage made from `entry`: its
    search fields (result, conditions, old codes, sector) and `search_text_fields`."""

    def steps():
        for step in entry.get("steps") or []:
            yield from (step.get("title", ""), step.get("text", "")) if isinstance(step, dict) else (step,)

    def documents():
        for document in entry.get("documents") or []:
            yield document["name"] if isinstance(document, dict) else document

    return [
        entry.get("result", ""),
        entry.get("conditions", ""),
        *entry.get("aliases", []),
        entry.get("sector", ""),
        entry.get("procedure_type", ""),
        entry.get("applicants", ""),
        entry.get("processing_time", ""),
        entry.get("fees", ""),
        entry.get("executing_agency", ""),
        *steps(),
        *documents(),
        *(channel.get("description", "") for channel in entry.get("channels") or []),
    ]


def procedure_source(entry):
    import datetime

    from portal_site.text import vietnamese_slugify
    from search.documents import document_source

    extra = {}
    try:  # the fields of issue 17, when the index has them
        from search.documents import PageDocument

        if "keywords" in PageDocument._doc_type.mapping:
            extra["keywords"] = entry.get("keywords", [])
        if "life_events" in PageDocument._doc_type.mapping:
            extra["life_events"] = [vietnamese_slugify(name) for name in entry.get("life_events", [])]
    except ImportError:  # pragma: no cover
        pass
    return document_source(
        type="procedure",
        title=entry["name"],
        url=f"/thu-tuc/{entry['code']}/",
        body=" ".join(text for text in _texts(entry) if text),
        code=entry["code"],
        old_codes=entry.get("aliases", []),
        agency=entry["agency"],
        agencies=[entry["agency"]],
        sector=vietnamese_slugify(entry["sector"]),
        sector_name=entry["sector"],
        level=entry["level"],
        published_at=datetime.datetime(2026, 1, 1, 8, 0, tzinfo=datetime.UTC),
        **extra,
    )


def documents():
    """(id, source) of the demo procedures (ids from 1000) and the corpus distractors."""
    from .corpus import documents as corpus_documents

    for number, entry in enumerate(demo_procedures()):
        yield 1000 + number, procedure_source(entry)
    for page_id, source in corpus_documents():
        if source["type"] != "procedure":  # the corpus's procedures repeat the demo's
            yield page_id, source


def ndcg(ranked_codes, grades, depth=DEPTH):
    def dcg(gains):
        return sum((2**gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains[:depth]))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(code, 0) for code in ranked_codes]) / ideal if ideal else 0.0


def code_of(result):
    url = result["url"]
    return url.rstrip("/").rsplit("/", 1)[-1] if url.startswith("/thu-tuc/") else url


def score(search):
    """{category: [(query, nDCG@10, first code)]} with `search(text) -> SearchOutcome`."""
    found = {}
    for category, queries in CATEGORIES.items():
        rows = found[category] = []
        for text, grades in queries:
            outcome = search(text)
            codes = [code_of(result) for result in outcome.results]
            rows.append((text, ndcg(codes, grades), codes[0] if codes else None, outcome.backend))
    return found


def summary(scores):
    """{category: mean nDCG@10} and "overall" over every query."""
    means = {category: sum(row[1] for row in rows) / len(rows) for category, rows in scores.items()}
    every = [row[1] for rows in scores.values() for row in rows]
    means["overall"] = sum(every) / len(every)
    return means


def report(scores, verbose=False):
    lines = []
    for category, rows in scores.items():
        if verbose:
            for text, value, first, _backend in sorted(rows, key=lambda row: row[1]):
                if value < 1:
                    lines.append(f"  {value:.3f}  {category:9} {text!r} (first: {first})")
    means = summary(scores)
    counts = {category: len(rows) for category, rows in scores.items()}
    counts["overall"] = sum(counts.values())
    lines.append(f"{'category':10} {'queries':>7}  nDCG@10")
    for name, value in means.items():
        lines.append(f"{name:10} {counts[name]:7}  {value:.3f}")
    return "\n".join(lines)


def main():
    import argparse
    import os
    import sys
    import tempfile
    import uuid

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list the queries below 1.0")
    parser.add_argument("--database", action="store_true", help="score the database fallback too")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    workdir = tempfile.mkdtemp(prefix="search-devset-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/devset.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal_site.settings.dev")
    os.environ.setdefault("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = f"devset-{uuid.uuid4().hex[:8]}"
    import django

    django.setup()
    from django.core.management import call_command

    from search.engine import get_engine
    from search.indexing import save_database_copies
    from tests.search.conftest import load

    call_command("migrate", verbosity=0)
    engine = get_engine()
    sources = list(documents())
    load(engine, sources)
    try:
        print(f"engine ({engine.name}), {len(sources)} documents")
        print(report(score(_searcher()), verbose=args.verbose))
        if args.database:
            from django.test import override_settings

            save_database_copies(sources)
            with override_settings(ELASTICSEARCH_URL=None):
                print("\ndatabase fallback")
                print(report(score(_searcher()), verbose=args.verbose))
    finally:
        for name in engine.own_indices():
            engine.delete_index(name)
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)


def _searcher():
    from search import service
    from search.queries import SearchParams
    from search.text import clean_query

    return lambda text: service.search(SearchParams(query=clean_query(text)))


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    from tests.search.devset import main as run  # the package's own module, for relative imports

    run()
