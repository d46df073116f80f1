"""The rating form on every content page and POST /danh-gia/ (contracts.md §10), through HTTP."""

import pytest

from feedback.models import Rating

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def test_a_content_page_carries_the_form_without_a_token_or_per_visitor_content(client, page_a):
    response = client.get(page_a.url)
    html = response.content.decode()
    assert "Thông tin này có hữu ích với bạn không?" in html
    assert 'action="/danh-gia/"' in html
    assert f'name="page" value="{page_a.pk}"' in html
    assert html.count('name="score"') == 5
    assert 'name="website"' in html and 'class="form-honeypot" aria-hidden="true"' in html
    assert 'maxlength="1000"' in html
    # Both reason lists are in the HTML (without JavaScript both show).
    assert 'data-reasons="negative"' in html and 'data-reasons="positive"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "js/rating.js" in html
    # Publicly cacheable: no cookie set, public Cache-Control.
    assert not response.cookies
    assert "public" in response["Cache-Control"]


def test_the_home_page_has_no_rating_form(client, home, portal_sections):
    assert "Thông tin này có hữu ích" not in client.get("/").content.decode()


def test_portal_sections_and_agency_pages_are_rated(client, agency_a, portal_sections):
    for url in (agency_a.url, portal_sections["tin-tuc"].url):
        assert "Thông tin này có hữu ích với bạn không?" in client.get(url).content.decode()


def test_a_rating_without_javascript_redirects_back_to_the_thanks(client, page_a):
    response = client.post(
        "/danh-gia/", {"page": page_a.pk, "score": "2", "reason": "kho-hieu", "comment": "Khó hiểu."}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{page_a.url}#cam-on-danh-gia"
    rating = Rating.objects.get()
    assert (rating.page_id, rating.score, rating.reason, rating.comment) == (
        page_a.pk,
        2,
        "kho-hieu",
        "Khó hiểu.",
    )
    # The page it returns to is the cached one, with the thank-you note that CSS :target shows.
    html = client.get(page_a.url).content.decode()
    assert 'id="cam-on-danh-gia"' in html and "Cảm ơn bạn đã đánh giá" in html


def test_a_rating_with_javascript_answers_json(client, page_a):
    response = client.post("/danh-gia/", {"page": page_a.pk, "score": "5", "reason": "ro-rang"}, **JSON)
    assert response.status_code == 201
    assert response.json()["ok"] is True and "Cảm ơn" in response.json()["message"]
    assert Rating.objects.filter(page=page_a, score=5).count() == 1


def test_one_rating_per_page_per_session(client, page_a, page_b):
    assert client.post("/danh-gia/", {"page": page_a.pk, "score": "4"}, **JSON).status_code == 201
    second = client.post("/danh-gia/", {"page": page_a.pk, "score": "1"}, **JSON)
    assert second.status_code == 409
    assert "đã đánh giá trang này" in second.json()["error"]
    assert Rating.objects.count() == 1
    # Without JavaScript the refusal is a page in Vietnamese, not an error.
    refused = client.post("/danh-gia/", {"page": page_a.pk, "score": "1"})
    assert refused.status_code == 409 and "đã đánh giá trang này" in refused.content.decode()
    # Another page may still be rated in the same session.
    assert client.post("/danh-gia/", {"page": page_b.pk, "score": "3"}, **JSON).status_code == 201
    assert Rating.objects.count() == 2


def test_a_rater_keeps_getting_pages_from_the_front_cache(client, page_a):
    """The pages rated are kept in a signed cookie, not Django's session: Varnish passes every
    request that carries a session cookie to Django, so a session would cost each rater the
    front cache for the rest of the visit."""
    response = client.post("/danh-gia/", {"page": page_a.pk, "score": "4"}, **JSON)
    assert response.status_code == 201
    assert "sessionid" not in response.cookies and "portal_rated" in response.cookies
    assert "public" in client.get(page_a.url)["Cache-Control"]


def test_a_forged_rated_cookie_is_ignored(client, page_a):
    client.cookies["portal_rated"] = str(page_a.pk)  # unsigned: not written by the portal
    assert client.post("/danh-gia/", {"page": page_a.pk, "score": "2"}, **JSON).status_code == 201
    assert Rating.objects.count() == 1


@pytest.mark.parametrize("score", ["0", "6", "abc", "", "4.5", "99999999999999999999"])
def test_a_bad_score_is_refused_with_400_and_nothing_stored(client, page_a, score):
    response = client.post("/danh-gia/", {"page": page_a.pk, "score": score}, **JSON)
    assert response.status_code == 400
    assert response.json()["field"] == "score"
    assert "sao" in response.json()["error"]
    html = client.post("/danh-gia/", {"page": page_a.pk, "score": score})
    assert html.status_code == 400 and "Đánh giá chưa được ghi nhận" in html.content.decode()
    assert not Rating.objects.exists()


@pytest.mark.parametrize("page", ["999999", "abc", "", "-1", "99999999999999999999"])
def test_an_unknown_page_is_refused_and_nothing_stored(client, page_a, page):
    response = client.post("/danh-gia/", {"page": page, "score": "4"}, **JSON)
    assert response.status_code in (400, 404)
    assert response.json()["ok"] is False
    assert not Rating.objects.exists()


def test_the_home_page_and_drafts_take_no_ratings(client, home, page_a):
    assert client.post("/danh-gia/", {"page": home.pk, "score": "4"}, **JSON).status_code == 404
    page_a.unpublish()
    assert client.post("/danh-gia/", {"page": page_a.pk, "score": "4"}, **JSON).status_code == 404
    assert not Rating.objects.exists()


def test_a_reason_from_the_other_list_is_refused(client, page_a):
    response = client.post("/danh-gia/", {"page": page_a.pk, "score": "5", "reason": "kho-hieu"}, **JSON)
    assert response.status_code == 400 and response.json()["field"] == "reason"
    response = client.post("/danh-gia/", {"page": page_a.pk, "score": "2", "reason": "khong-co"}, **JSON)
    assert response.status_code == 400
    assert not Rating.objects.exists()


def test_a_comment_over_1000_characters_is_refused(client, page_a):
    response = client.post("/danh-gia/", {"page": page_a.pk, "score": "3", "comment": "a" * 1001}, **JSON)
    assert response.status_code == 400 and "1000" in response.json()["error"]
    assert (
        client.post(
            "/danh-gia/", {"page": page_a.pk, "score": "3", "comment": "a" * 1000}, **JSON
        ).status_code
        == 201
    )


def test_a_filled_honeypot_stores_nothing(client, page_a):
    response = client.post("/danh-gia/", {"page": page_a.pk, "score": "5", "website": "http://spam"}, **JSON)
    assert response.status_code == 400 and "tự động" in response.json()["error"]
    assert not Rating.objects.exists()


def test_get_is_not_allowed(client):
    assert client.get("/danh-gia/").status_code == 405


def test_the_rate_limit_refuses_in_vietnamese(client, page_a, make_agency, settings):
    settings.PORTAL_RATE_LIMITS = {"rating": (1, 3600)}
    assert client.post("/danh-gia/", {"page": page_a.pk, "score": "4"}, **JSON).status_code == 201
    response = client.post("/danh-gia/", {"page": page_a.pk, "score": "4"}, **JSON)
    assert response.status_code == 429 and "quá nhiều lần" in response.json()["error"]


def test_no_ip_address_or_email_is_stored(client, page_a):
    client.post(
        "/danh-gia/",
        {"page": page_a.pk, "score": "4", "comment": "Tốt", "email": "nguoidan@example.org"},
        REMOTE_ADDR="203.0.113.77",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
        **JSON,
    )
    rating = Rating.objects.get()
    field_names = {field.name for field in Rating._meta.get_fields()}
    assert not field_names & {"ip", "ip_address", "address", "email", "user", "session", "user_agent"}
    stored = " ".join(str(getattr(rating, field.attname)) for field in Rating._meta.concrete_fields)
    assert "203.0.113.77" not in stored and "198.51.100.9" not in stored and "example.org" not in stored


def test_the_form_is_not_shown_in_previews_or_on_error_pages(client, page_a):
    html = client.get("/khong-co-trang-nay/").content.decode()
    assert "Thông tin này có hữu ích" not in html


def test_a_private_page_takes_ratings_only_from_those_who_may_see_it(client, page_a, django_user_model):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=page_a, restriction_type=PageViewRestriction.LOGIN)
    assert client.post("/danh-gia/", {"page": page_a.pk, "score": "4"}, **JSON).status_code == 404
    client.force_login(django_user_model.objects.create_user("can-bo", "cb@example.org", "x"))
    assert client.post("/danh-gia/", {"page": page_a.pk, "score": "4"}, **JSON).status_code == 201
    assert Rating.objects.count() == 1
