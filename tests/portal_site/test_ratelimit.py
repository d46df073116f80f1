"""The public forms' rate limit counts clients, not proxies, and stores no address."""

from django.core.cache import cache
from django.test import RequestFactory, override_settings

from portal_site import ratelimit


def _request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


@override_settings(PORTAL_RATE_LIMITS={"question": (2, 3600)})
def test_a_client_is_refused_after_its_limit_and_others_are_not():
    first = _request("203.0.113.7")
    assert ratelimit.allow(first, "question")
    assert ratelimit.allow(first, "question")
    assert not ratelimit.allow(first, "question")
    assert ratelimit.allow(_request("203.0.113.8"), "question")


@override_settings(PORTAL_RATE_LIMITS={"question": (1, 3600)}, PORTAL_PROXY_COUNT=1)
def test_behind_varnish_clients_are_told_apart_by_the_address_varnish_appended():
    # Varnish is REMOTE_ADDR for everyone; a client's own X-Forwarded-For entries are ignored.
    assert ratelimit.allow(_request("127.0.0.1", "198.51.100.1"), "question")
    assert ratelimit.allow(_request("127.0.0.1", "198.51.100.2"), "question")
    assert not ratelimit.allow(_request("127.0.0.1", "10.0.0.9, 198.51.100.1"), "question")


def test_the_address_is_not_kept_in_the_cache():
    ratelimit.allow(_request("203.0.113.99"), "rating")
    keys = list(cache._cache)  # LocMemCache in tests
    assert keys and not any("203.0.113.99" in key for key in keys)
