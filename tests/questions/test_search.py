"""Answered questions are search results of type "question"; the asker's contacts never reach the index."""

import json

from search.engine import get_engine
from search.indexing import build_source
from search.models import SearchDocument

CONTACTS = ("an.nguyen@example.org", "0912 345 678", "0912345678")


def test_an_answer_is_found_with_type_question_without_contacts(client, agency_a, make_answer):
    page = make_answer(agency_a, "Đăng ký khai sinh cho con ở nước ngoài")
    row = SearchDocument.objects.get(page=page)
    assert row.type == "question"
    stored = json.dumps([getattr(row, field.attname) for field in row._meta.concrete_fields], default=str)
    assert page.code in stored
    assert not any(contact in stored for contact in CONTACTS)
    assert not any(contact in json.dumps(build_source(page), default=str) for contact in CONTACTS)

    body = client.get("/api/search/", {"q": "khai sinh nước ngoài", "type": "question"}).json()
    assert [result["title"] for result in body["results"]] == ["Đăng ký khai sinh cho con ở nước ngoài"]
    assert body["results"][0]["type"] == "question"
    assert not any(contact in json.dumps(body) for contact in CONTACTS)
    html = client.get("/tim-kiem/", {"q": "khai sinh nước ngoài", "type": "question"}).content.decode()
    assert "Hỏi đáp" in html and not any(contact in html for contact in CONTACTS)


def test_a_draft_answer_is_not_searchable(agency_a, make_answer):
    page = make_answer(agency_a, publish=False)
    assert not SearchDocument.objects.filter(page=page).exists()


def test_the_engine_finds_answers_and_holds_no_contacts(
    client, agency_a, make_answer, fresh_engine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_answer(agency_a, "Chứng thực bản sao giấy khai sinh")
    get_engine().refresh()
    body = client.get("/api/search/", {"q": "chung thuc ban sao", "type": "question"}).json()
    assert body["backend"] == "engine"
    assert [result["url"] for result in body["results"]] == [page.url]
    everything = fresh_engine.client.search(index=fresh_engine.alias, body={"query": {"match_all": {}}})
    dumped = json.dumps(dict(everything), default=str)
    assert page.code in dumped
    assert not any(contact in dumped for contact in CONTACTS)
