"""Indexing follows publishing on the real engine; an engine outage never blocks it."""

from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from wagtail.models import Page, PageViewRestriction
from wagtail.search.models import IndexEntry

import pytest

from home.models import StandardPage
from search import service
from search.engine import get_engine
from search.models import PendingIndexUpdate, SearchDocument
from search.queries import SearchParams
from search.text import clean_query


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """publish(page, parent=None): add (when a parent is given) and publish, running the
    after-commit index update as a real request would."""

    def run(page, parent=None):
        with django_capture_on_commit_callbacks(execute=True):
            if parent is not None:
                parent.add_child(instance=page)
            page.save_revision().publish()
        return page

    return run


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A context manager that runs after-commit callbacks (index updates)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def found(text, **filters):
    engine = get_engine()
    engine.refresh()
    outcome = service.search(SearchParams(query=clean_query(text), **filters))
    return outcome


def found_titles(text, **filters):
    outcome = found(text, **filters)
    assert outcome.backend == "engine"
    return [result["title"] for result in outcome.results]


@pytest.fixture
def district(make_agency):
    make_agency("ubnd-tinh", "Ủy ban nhân dân tỉnh")
    make_agency("ubnd-huyen-chau-thanh", "UBND huyện Châu Thành", parent="ubnd-tinh")
    return make_agency("ubnd-xa-long-hung", "UBND xã Long Hưng", parent="ubnd-huyen-chau-thanh")


def standard(title, intro="", slug=None):
    return StandardPage(title=title, slug=slug or "", intro=intro)


def test_publishing_indexes_the_page_with_agency_ancestors(fresh_engine, district, publish):
    page = publish(standard("Lịch tiếp công dân", "Lịch tiếp công dân của xã Long Hưng."), district)
    results = found("lich tiep cong dan")
    assert results.results[0]["title"] == "Lịch tiếp công dân"
    assert results.results[0]["agency"] == "ubnd-xa-long-hung"
    assert results.results[0]["url"] == page.url
    # The page counts under its commune, its district and the province.
    assert found_titles("lich tiep cong dan", agency="ubnd-huyen-chau-thanh") == ["Lịch tiếp công dân"]
    assert found_titles("lich tiep cong dan", agency="ubnd-tinh") == ["Lịch tiếp công dân"]
    assert (
        SearchDocument.objects.get(page=page).agencies
        == " ubnd-xa-long-hung ubnd-huyen-chau-thanh ubnd-tinh "
    )


def test_home_page_and_index_pages_are_not_results(fresh_engine, home, district, publish):
    publish(home)
    call_command("rebuild_search_index", stdout=StringIO())
    types = {result["type"] for result in found("").results}
    assert types <= {"page", "news", "procedure"}
    assert not SearchDocument.objects.filter(page=home).exists()
    assert found_titles("Tin tức – Sự kiện") == []


def test_unpublishing_removes_the_page(fresh_engine, district, publish, committed):
    page = publish(standard("Thông báo tuyển dụng viên chức"), district)
    assert found_titles("tuyen dung vien chuc") == ["Thông báo tuyển dụng viên chức"]
    with committed():
        page.unpublish()
    assert found_titles("tuyen dung vien chuc") == []
    assert not SearchDocument.objects.filter(page=page).exists()


def test_deleting_removes_the_page_and_its_children(fresh_engine, district, publish, committed):
    parent = publish(standard("Hỏi đáp pháp luật"), district)
    publish(standard("Hỏi đáp về hộ tịch"), parent)
    assert len(found_titles("hoi dap")) == 2
    with committed():
        Page.objects.get(pk=parent.pk).delete()
    assert found_titles("hoi dap") == []
    assert not SearchDocument.objects.filter(title__startswith="Hỏi").exists()


def test_moving_reindexes_agency_and_url_of_the_subtree(
    fresh_engine, district, make_agency, publish, committed
):
    other = make_agency("so-tu-phap", "Sở Tư pháp")
    parent = publish(standard("Phổ biến giáo dục pháp luật"), district)
    child = publish(standard("Tủ sách pháp luật"), parent)
    with committed():
        Page.objects.get(pk=parent.pk).move(other, pos="last-child")
    child.refresh_from_db()
    result = found("tu sach phap luat").results[0]
    assert result["agency"] == "so-tu-phap"
    assert result["url"] == child.url
    assert found_titles("tu sach phap luat", agency="ubnd-huyen-chau-thanh") == []


def test_privacy_restriction_hides_and_lifting_it_restores(fresh_engine, district, publish, committed):
    parent = publish(standard("Tài liệu nội bộ"), district)
    child = publish(standard("Biên bản họp nội bộ"), parent)
    fallback_entries = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(SearchDocument),
        object_id__in=[str(parent.pk), str(child.pk)],
    )
    assert fallback_entries.count() == 2
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=parent, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
        )
    assert found_titles("noi bo") == []
    assert not SearchDocument.objects.filter(title__contains="nội bộ").exists()
    assert not fallback_entries.exists()  # the database fallback's own index too
    with committed():
        restriction.delete()
    assert sorted(found_titles("noi bo")) == ["Biên bản họp nội bộ", "Tài liệu nội bộ"]


def test_outage_publishes_falls_back_and_sync_repairs(
    fresh_engine, settings, district, publish, committed, closed_port_url, client
):
    working_url = settings.ELASTICSEARCH_URL
    kept = publish(standard("Kế hoạch cải cách hành chính"), district)
    settings.ELASTICSEARCH_URL = closed_port_url

    # Publishing and unpublishing succeed while the engine is unreachable ...
    page = publish(standard("Lịch tiếp công dân tháng 12", "Chủ tịch UBND xã tiếp công dân."), district)
    with committed():
        kept.unpublish()
    assert Page.objects.get(pk=page.pk).live
    assert set(PendingIndexUpdate.objects.values_list("page_id", flat=True)) == {page.pk, kept.pk}

    # ... the search answers from the database copy and says so ...
    response = client.get("/api/search/", {"q": "lich tiep cong dan"})
    assert response.status_code == 200
    body = response.json()
    assert body["backend"] == "database"
    assert [result["title"] for result in body["results"]] == ["Lịch tiếp công dân tháng 12"]
    html = client.get("/tim-kiem/", {"q": "lich tiep cong dan"}).content.decode()
    assert "Máy tìm kiếm tạm thời không phản hồi" in html
    assert "Lịch tiếp công dân tháng 12" in html

    # ... and once the engine is back, sync applies what was missed.
    settings.ELASTICSEARCH_URL = working_url
    assert found_titles("lich tiep cong dan") == []
    call_command("sync_search_index", stdout=StringIO())
    assert not PendingIndexUpdate.objects.exists()
    assert found_titles("lich tiep cong dan") == ["Lịch tiếp công dân tháng 12"]
    assert found_titles("cai cach hanh chinh") == []


def test_sync_keeps_updates_while_the_engine_is_still_down(
    fresh_engine, settings, district, publish, closed_port_url
):
    settings.ELASTICSEARCH_URL = closed_port_url
    page = publish(standard("Thông báo lịch cắt điện"), district)
    call_command("sync_search_index", stdout=StringIO())
    pending = PendingIndexUpdate.objects.get(page_id=page.pk)
    assert pending.attempts == 2


def test_rebuild_swaps_without_a_window_of_empty_results(fresh_engine, district, publish, monkeypatch):
    for number in range(5):
        publish(standard(f"Văn bản chỉ đạo số {number}"), district)
    old = fresh_engine.indices_behind_alias()
    seen_during_rebuild = []

    from search import rebuild as rebuild_module

    real_save = rebuild_module.save_database_copies

    def observing_save(batch):
        # Mid-rebuild: the new index is being filled; searches still use the old one.
        seen_during_rebuild.append(len(found_titles("van ban chi dao")))
        real_save(batch)

    monkeypatch.setattr(rebuild_module, "save_database_copies", observing_save)
    report = rebuild_module.rebuild(chunk_size=2)
    assert seen_during_rebuild and all(count == 5 for count in seen_during_rebuild)
    assert fresh_engine.indices_behind_alias() == [report.index]
    assert report.index not in old
    assert report.removed == old
    assert fresh_engine.own_indices() == [report.index]
    assert len(found_titles("van ban chi dao")) == 5


def test_rebuild_command_prints_counts_and_duration(fresh_engine, district, publish, capsys):
    publish(standard("Quy chế làm việc"), district)
    call_command("rebuild_search_index")
    out = capsys.readouterr().out
    assert "page:" in out
    assert "Done in" in out
    assert "opensearch 2.19.1" in out


def test_news_page_is_indexed_with_date_summary_body_and_tags(fresh_engine, district, publish):
    import datetime

    from news.models import NewsPage

    section = district.get_children().get(slug="tin-tuc").specific
    news = NewsPage(
        title="Xã Long Hưng ra quân làm thủy lợi nội đồng",
        slug="ra-quan-thuy-loi",
        date=datetime.date(2026, 11, 20),
        summary="Người dân nạo vét kênh mương trước mùa khô.",
        body=[("paragraph", "<p>Hơn <b>300</b> người tham gia nạo vét kênh Bà Kỳ.</p>")],
    )
    news.tags.add("phòng chống hạn mặn")
    publish(news, section)
    result = found("nao vet kenh ba ky").results[0]
    assert (result["type"], result["title"], result["date"]) == ("news", news.title, "2026-11-20")
    assert "code" not in result
    assert found_titles("phong chong han man") == [news.title]
    # New-style tone placement in the query still finds the traditional spelling.
    assert found_titles("thuỷ lợi nội đồng", type="news") == [news.title]


def _move_counting(parent, target, committed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries, committed():
        Page.objects.get(pk=parent.pk).move(target, pos="last-child")
    return len(queries)


def test_moving_a_subtree_is_one_bulk_request_and_not_queries_per_page(
    fresh_engine, district, make_agency, publish, committed, monkeypatch
):
    from search.engine import Engine

    other = make_agency("so-tu-phap", "Sở Tư pháp")
    small, large = (
        publish(standard("Giải đáp", slug="giai-dap"), district),
        publish(standard("Giải đáp pháp luật", slug="giai-dap-phap-luat"), district),
    )
    publish(standard("Câu hỏi chung", slug="cau-hoi-chung"), small)
    for number in range(1, 13):
        publish(standard(f"Câu hỏi số {number}", slug=f"cau-hoi-{number}"), large)
    requests = []
    real_bulk = Engine.bulk

    def counting_bulk(self, operations, **kwargs):
        requests.append(len(operations))
        return real_bulk(self, operations, **kwargs)

    monkeypatch.setattr(Engine, "bulk", counting_bulk)
    monkeypatch.setattr(Engine, "index_document", lambda *args, **kwargs: pytest.fail("one request per page"))
    small_queries = _move_counting(small, other, committed)
    large_queries = _move_counting(large, other, committed)
    assert requests == [2 * 2, 2 * 13]  # one request per move: an action and a document per page
    # Eleven more pages cost at most the one UPDATE per row that Wagtail's SQLite search
    # backend spends on its own index entries (it was about ten queries per page).
    assert large_queries - small_queries <= 11, (small_queries, large_queries)
    assert {result["agency"] for result in found("cau hoi so", page_size=50).results} == {"so-tu-phap"}
    moved = SearchDocument.objects.filter(title__startswith="Câu hỏi")
    assert set(moved.values_list("agency", flat=True)) == {"so-tu-phap"}


def test_moving_a_subtree_while_the_engine_is_down_records_every_page(
    fresh_engine, settings, district, make_agency, publish, committed, closed_port_url
):
    other = make_agency("so-tu-phap", "Sở Tư pháp")
    parent = publish(standard("Hỏi đáp pháp luật"), district)
    child = publish(standard("Câu hỏi số 1"), parent)
    settings.ELASTICSEARCH_URL = closed_port_url
    _move_counting(parent, other, committed)
    assert set(PendingIndexUpdate.objects.values_list("page_id", flat=True)) == {parent.pk, child.pk}
    assert set(PendingIndexUpdate.objects.values_list("reason", flat=True)) == {"move"}


def test_a_page_the_engine_rejects_in_a_subtree_is_recorded_alone(
    fresh_engine, district, make_agency, publish, committed, monkeypatch
):
    import search.indexing as indexing

    other = make_agency("so-tu-phap", "Sở Tư pháp")
    parent = publish(standard("Hỏi đáp pháp luật"), district)
    child = publish(standard("Câu hỏi số 1"), parent)
    real_build = indexing.build_source

    def build(page, agencies_by_path=None):
        source = real_build(page, agencies_by_path)
        return dict(source, live="không") if page.pk == child.pk else source  # not a boolean

    monkeypatch.setattr(indexing, "build_source", build)
    _move_counting(parent, other, committed)
    assert list(PendingIndexUpdate.objects.values_list("page_id", "reason")) == [(child.pk, "move")]
    assert found("hoi dap phap luat").results[0]["agency"] == "so-tu-phap"
