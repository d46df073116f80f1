"""A content import indexes what it published in bulk, after commit, on the real engine."""

import json
from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from news.models import NewsPage
from procedures.models import ProcedurePage
from search.engine import Engine
from search.models import PendingIndexUpdate, SearchDocument
from tests.content import JUSTICE, minimal_procedure

from .test_indexing import found, found_titles

ITEMS = 30


def content(items=ITEMS, title="Tin số {n}: Sở Tư pháp tập huấn hộ tịch"):
    return {
        "agencies": [JUSTICE],
        "procedures": [minimal_procedure()],
        "news": [
            {
                "slug": f"tin-so-{n}",
                "title": title.format(n=n),
                "date": "2026-10-02",
                "agency": "so-tu-phap",
                "summary": f"Tóm tắt tin số {n} về nghiệp vụ hộ tịch.",
                "body": "Cán bộ tư pháp xã được hướng dẫn đăng ký khai sinh trực tuyến.",
                "tags": ["Hộ tịch"],
            }
            for n in range(items)
        ],
    }


@pytest.fixture
def run_import(tmp_path, django_capture_on_commit_callbacks):
    """run_import(data) -> output; after-commit callbacks (the engine's bulk) run as in a command."""

    def run(data):
        path = tmp_path / "content.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("import_content", str(path), stdout=out)
        return out.getvalue()

    return run


@pytest.fixture
def engine_requests(monkeypatch):
    """The engine requests made, by kind: ("bulk", number of pages) or ("index", page id)."""
    requests = []
    real_bulk, real_index = Engine.bulk, Engine.index_document

    def bulk(self, operations, **kwargs):
        requests.append(("bulk", sum(1 for op in operations if "index" in op or "delete" in op)))
        return real_bulk(self, operations, **kwargs)

    def index_document(self, doc_id, document, **kwargs):
        requests.append(("index", doc_id))
        return real_index(self, doc_id, document, **kwargs)

    monkeypatch.setattr(Engine, "bulk", bulk)
    monkeypatch.setattr(Engine, "index_document", index_document)
    return requests


def test_import_indexes_every_published_page_in_one_bulk_request(
    fresh_engine, portal_sections, run_import, engine_requests
):
    run_import(content())

    # One request for everything: the agency, the procedure and the news items.
    assert engine_requests == [("bulk", ITEMS + 2)]
    fresh_engine.refresh()
    assert fresh_engine.count() == ITEMS + 2
    assert len(found_titles("tap huan ho tich", type="news", page_size=50)) == ITEMS
    assert found_titles("dang ky khai sinh", type="procedure") == ["Đăng ký khai sinh"]
    result = found("tin so 7 tap huan", type="news").results[0]
    item = NewsPage.objects.get(slug="tin-so-7")
    assert (result["title"], result["url"], result["agency"]) == (item.title, item.url, "so-tu-phap")
    # The database copy (the fallback) holds the same pages.
    assert SearchDocument.objects.filter(type="news").count() == ITEMS
    assert not PendingIndexUpdate.objects.exists()


def test_an_update_reindexes_the_changed_pages_and_a_second_run_sends_nothing(
    fresh_engine, portal_sections, run_import, engine_requests
):
    run_import(content())
    changed = content()
    changed["news"][3]["title"] = "Tin số 3: hướng dẫn chứng thực điện tử"
    run_import(changed)
    assert engine_requests[1:] == [("bulk", 1)]
    assert found_titles("chung thuc dien tu") == ["Tin số 3: hướng dẫn chứng thực điện tử"]

    output = run_import(changed)
    assert "Không có thay đổi" in output
    assert engine_requests[2:] == []


def test_engine_down_during_an_import_records_every_page_for_retry(
    fresh_engine, settings, portal_sections, run_import, closed_port_url
):
    settings.ELASTICSEARCH_URL = closed_port_url
    run_import(content(items=5))

    published = {
        *NewsPage.objects.values_list("pk", flat=True),
        *ProcedurePage.objects.values_list("pk", flat=True),
    }
    pending = set(PendingIndexUpdate.objects.values_list("page_id", flat=True))
    assert published <= pending and len(pending) == len(published) + 1  # and the agency page
    assert set(PendingIndexUpdate.objects.values_list("reason", flat=True)) == {"import"}
    # The import itself succeeded, and the fallback search already finds the pages.
    assert SearchDocument.objects.filter(type="news").count() == 5

    settings.ELASTICSEARCH_URL = ",".join(fresh_engine.urls)
    call_command("sync_search_index", stdout=StringIO())
    assert not PendingIndexUpdate.objects.exists()
    assert len(found_titles("tap huan ho tich", type="news")) == 5


def test_a_failed_import_indexes_nothing(fresh_engine, portal_sections, run_import, engine_requests):
    broken = content(items=3)
    broken["news"][2]["agency"] = "khong-co"
    with pytest.raises(CommandError):
        run_import(broken)
    assert engine_requests == []
    assert not SearchDocument.objects.exists() and not NewsPage.objects.exists()
