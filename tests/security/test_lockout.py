"""Admin sign-in lockout (django-axes): ten wrong passwords and the admin says, in Vietnamese, to
wait; the right password is refused too until then."""

from django.core.management import call_command
from django.test import override_settings

import pytest

from .conftest import EDITOR_PASSWORD

LOGIN_URL = "/admin/login/"


def sign_in(client, username, password, address="203.113.10.1", **headers):
    return client.post(
        LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def fail(client, times, username="bientap", **kwargs):
    return [sign_in(client, username, "sai-mat-khau", **kwargs) for _ in range(times)]


@pytest.mark.django_db
def test_nine_wrong_passwords_still_show_the_sign_in_form(client, editor):
    responses = fail(client, 9)
    assert {response.status_code for response in responses} == {200}
    assert sign_in(client, "bientap", EDITOR_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_tenth_failure_locks_the_account_out_with_a_vietnamese_message(client, editor):
    responses = fail(client, 10)
    locked = responses[-1]
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "đã nhập sai 10 lần" in page
    assert "thử lại sau 30 phút" in page
    assert locked["Cache-Control"] == "no-store"

    # The right password no longer opens the admin, from this client or for this name elsewhere.
    assert sign_in(client, "bientap", EDITOR_PASSWORD).status_code == 429
    assert sign_in(client, "bientap", EDITOR_PASSWORD, address="198.51.100.7").status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_locked_out_client_cannot_try_other_names(client, editor, django_user_model):
    django_user_model.objects.create_superuser("khac", "khac@tiengiang.gov.vn", EDITOR_PASSWORD)
    fail(client, 10)
    assert sign_in(client, "khac", EDITOR_PASSWORD).status_code == 429
    # Another client signs in to another account as usual.
    assert sign_in(client, "khac", EDITOR_PASSWORD, address="198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_a_successful_sign_in_resets_the_count(client, editor):
    fail(client, 9)
    assert sign_in(client, "bientap", EDITOR_PASSWORD).status_code == 302
    client.logout()
    responses = fail(client, 9)
    assert {response.status_code for response in responses} == {200}


@pytest.mark.django_db
def test_resetting_the_user_name_lifts_the_lockout(client, editor):
    fail(client, 10)
    call_command("axes_reset", verbosity=0)
    assert sign_in(client, "bientap", EDITOR_PASSWORD).status_code == 302


@pytest.mark.django_db
@override_settings(PORTAL_PROXY_COUNT=1)
def test_clients_behind_the_front_cache_are_counted_apart(client, editor, django_user_model):
    """Behind Varnish every request comes from 127.0.0.1: the client is the forwarded address."""
    django_user_model.objects.create_superuser("khac", "khac@tiengiang.gov.vn", EDITOR_PASSWORD)
    fail(client, 10, address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.113.10.1")
    other = sign_in(client, "khac", EDITOR_PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.status_code == 302


@pytest.mark.django_db
def test_commands_authenticate_without_a_request(editor):
    """Management commands and shells call authenticate() without a request: no lockout there."""
    from django.contrib.auth import authenticate

    assert authenticate(username="bientap", password=EDITOR_PASSWORD) == editor
    assert authenticate(username="bientap", password="sai") is None
