"""Visitors are served from the public URLconf alone (portal_site.urlconf); editors and the admin
from the whole site's."""

from django.urls import NoReverseMatch, reverse

import pytest

from portal_site.urlconf import PUBLIC_URLCONF


def test_a_visitors_page_is_routed_without_the_admin(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request.urlconf == PUBLIC_URLCONF
    with pytest.raises(NoReverseMatch):
        reverse("wagtailadmin_home", urlconf=PUBLIC_URLCONF)


def test_the_admin_still_answers_a_visitor_with_its_sign_in_page(client, home):
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert "Đăng nhập" in client.get(response["Location"]).content.decode()


def test_a_signed_in_editor_gets_the_whole_site_and_the_user_bar(admin_client, home):
    response = admin_client.get("/")
    assert not hasattr(response.wsgi_request, "urlconf")
    assert reverse("wagtailadmin_pages:edit", args=[home.pk]) in response.content.decode()


def test_an_editor_typing_the_admin_address_without_its_slash_reaches_the_sign_in(client, home):
    response = client.get("/admin")
    assert response.status_code == 301 and response["Location"] == "/admin/"
