"""The editable synonym list: seeded with real wording, applied at query time."""

from django.contrib.auth import get_user_model

from search import service
from search.models import Synonym
from search.queries import SearchParams, expand_synonyms
from search.text import clean_query


def test_seeded_with_at_least_thirty_real_pairs(db):
    pairs = dict(Synonym.objects.values_list("colloquial", "official"))
    assert len(pairs) >= 30
    assert pairs["sổ đỏ"] == "giấy chứng nhận quyền sử dụng đất"
    assert pairs["hộ khẩu"] == "thường trú"
    assert pairs["cmnd"] == "căn cước"
    assert pairs["giấy chứng tử"] == "khai tử"


def test_expansion_matches_whole_folded_words():
    pairs = [("sổ đỏ", "giấy chứng nhận quyền sử dụng đất"), ("cmnd", "căn cước")]
    (expansion,) = expand_synonyms(clean_query("thu tuc cap SO DO"), pairs)
    assert expansion.official == "giấy chứng nhận quyền sử dụng đất"
    assert expansion.rewritten == "thu tuc cap giay chung nhan quyen su dung dat"
    assert expand_synonyms(clean_query("cmnds"), pairs) == []
    assert expand_synonyms(clean_query("sổ"), pairs) == []


def titles(text):
    outcome = service.search(SearchParams(query=clean_query(text)))
    return [result["title"] for result in outcome.results]


def test_an_editors_new_synonym_works_without_reindexing(corpus):
    assert "Đăng ký khai tử" not in titles("báo tang")
    Synonym.objects.create(colloquial="báo tang", official="khai tử")
    assert titles("báo tang")[0] == "Đăng ký khai tử"
    Synonym.objects.filter(colloquial="báo tang").delete()
    assert "Đăng ký khai tử" not in titles("báo tang")


def test_synonyms_are_managed_as_a_snippet_in_vietnamese(client, db):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.vn", "mat-khau-dai")
    client.force_login(admin)
    response = client.get("/admin/snippets/search/synonym/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Từ đồng nghĩa" in html
    assert "bhyt" in html and "bảo hiểm y tế" in html
    add = client.post(
        "/admin/snippets/search/synonym/add/",
        {"colloquial": "giấy phép con", "official": "giấy phép kinh doanh", "note": ""},
    )
    assert add.status_code == 302
    assert Synonym.objects.filter(colloquial="giấy phép con").exists()
