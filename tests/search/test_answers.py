"""Kept search answers (search.answers): a repeated search is answered without the engine, until
the index changes."""

import time
from io import StringIO

from django.core.management import call_command

import pytest

from home.models import StandardPage
from search import answers
from search.engine import Engine, EngineUnavailable

URL = "/api/search/"


class Clock:
    """search.answers' clock, moved by hand: answers are kept only VISIBLE_AFTER seconds after the
    index last changed."""

    def __init__(self):
        self.now = time.time()

    def time(self):
        return self.now

    def wait(self):
        self.now += answers.VISIBLE_AFTER + 1


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(answers, "time", clock)
    return clock


@pytest.fixture
def engine_down(monkeypatch):
    """Makes every search the engine is asked from now on fail."""

    def down():
        def refuse(self, *searches):
            raise EngineUnavailable("the test stopped the engine")

        monkeypatch.setattr(Engine, "msearch", refuse)
        monkeypatch.setattr(Engine, "search", refuse)

    return down


@pytest.fixture
def notice(clock, fresh_engine, agency, publish):
    page = publish(StandardPage(title="Thông báo tuyển dụng viên chức năm 2026"), agency)
    fresh_engine.refresh()
    return page


def titles(client, **params):
    body = client.get(URL, {"q": "tuyen dung vien chuc", **params}).json()
    return body["backend"], [result["title"] for result in body["results"]]


def test_a_search_repeated_a_moment_later_is_answered_without_the_engine(client, notice, clock, engine_down):
    clock.wait()
    assert titles(client) == ("engine", ["Thông báo tuyển dụng viên chức năm 2026"])
    client.get("/tim-kiem/", {"q": "tuyen dung vien chuc"})
    engine_down()
    assert titles(client) == ("engine", ["Thông báo tuyển dụng viên chức năm 2026"])
    html = client.get("/tim-kiem/", {"q": "tuyen dung vien chuc"}).content.decode()
    assert "Thông báo tuyển dụng viên chức năm 2026" in html
    assert "Máy tìm kiếm tạm thời không phản hồi" not in html
    # Another page of results, or another filter, is another search.
    assert titles(client, type="news") == ("database", [])


def test_an_answer_is_not_kept_right_after_the_index_changed(client, notice, clock, engine_down):
    # The index changed (the notice was indexed) less than VISIBLE_AFTER ago: its next refresh may
    # not have happened yet, so the answer may predate the change.
    assert titles(client)[0] == "engine"
    engine_down()
    assert titles(client)[0] == "database"


def test_publishing_makes_the_kept_answers_stale(client, notice, clock, fresh_engine, agency, publish):
    clock.wait()
    assert titles(client)[1] == ["Thông báo tuyển dụng viên chức năm 2026"]
    publish(StandardPage(title="Kết quả tuyển dụng viên chức năm 2026"), agency)
    # The engine's own refresh, as a second later, not one the portal asks for.
    fresh_engine.client.indices.refresh(index=fresh_engine.alias)
    clock.wait()
    assert sorted(titles(client)[1]) == [
        "Kết quả tuyển dụng viên chức năm 2026",
        "Thông báo tuyển dụng viên chức năm 2026",
    ]
    html = client.get("/tim-kiem/", {"q": "tuyen dung vien chuc"}).content.decode()
    assert "Kết quả tuyển dụng viên chức năm 2026" in html


def test_an_engine_failure_is_never_kept(client, notice, clock, engine_down, monkeypatch):
    clock.wait()
    working = Engine.msearch, Engine.search
    engine_down()
    assert titles(client)[0] == "database"
    monkeypatch.setattr(Engine, "msearch", working[0])
    monkeypatch.setattr(Engine, "search", working[1])
    assert titles(client)[0] == "engine"


def test_what_the_index_catches_up_on_after_an_outage_shows_at_once(
    client, notice, clock, settings, closed_port_url, agency, publish, fresh_engine
):
    # Published while the engine was unreachable: the page waits for sync_search_index.
    working_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = closed_port_url
    publish(StandardPage(title="Kết quả tuyển dụng viên chức năm 2026"), agency)
    settings.ELASTICSEARCH_URL = working_url
    clock.wait()
    assert titles(client)[1] == ["Thông báo tuyển dụng viên chức năm 2026"]
    # sync (another process, no page published) writes to the index; that alone makes the answer
    # kept above stale.
    call_command("sync_search_index", stdout=StringIO())
    fresh_engine.client.indices.refresh(index=fresh_engine.alias)
    clock.wait()
    assert sorted(titles(client)[1]) == [
        "Kết quả tuyển dụng viên chức năm 2026",
        "Thông báo tuyển dụng viên chức năm 2026",
    ]


def test_answers_stay_out_of_each_process_copy_of_the_fragments(client, notice, clock):
    # One key per visitor's search: in a worker's own copy they would push out the page blocks.
    from portal_site import fragments

    clock.wait()
    client.get(URL, {"q": "tuyen dung vien chuc"})
    client.get("/tim-kiem/", {"q": "tuyen dung vien chuc"})
    assert titles(client)[1] == ["Thông báo tuyển dụng viên chức năm 2026"]
    kept = list(fragments.local.entries)
    assert kept and not [key for key in kept if ":search-answer:" in key or ":search-page:" in key]


def test_a_kept_page_body_still_carries_the_pages_own_parameters_in_its_links(client, notice, clock):
    clock.wait()
    plain = client.get("/tim-kiem/", {"q": "tuyen dung vien chuc"}).content.decode()
    # The same answer (scope=all changes nothing on the portal's own host), other links.
    wide = client.get("/tim-kiem/", {"q": "tuyen dung vien chuc", "scope": "all"}).content.decode()
    assert "scope=all" not in plain
    assert "scope=all" in wide and "Thông báo tuyển dụng viên chức năm 2026" in wide
