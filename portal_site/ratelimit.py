"""Per-client limits on the public forms (comments, questions, ratings), kept in Django's cache:
Redis in production, so that every worker counts together.

The client's address is never stored: it is hashed with the SECRET_KEY into a cache key that
expires with its window, which is as long as the limiter needs it. Behind Varnish (and nginx),
REMOTE_ADDR is the proxy; `PORTAL_PROXY_COUNT` says how many proxies of ours append to
X-Forwarded-For, so that the client is the address they were given, not one it wrote itself.
A cache outage lets posts through (the forms' honeypots and moderation still apply).
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache

# scope -> (posts, seconds). Settings may override any of them.
DEFAULT_LIMITS = {
    "consultation-comment": (5, 3600),
    "question": (5, 3600),
    "rating": (30, 3600),
}


def client_address(request):
    proxies = getattr(settings, "PORTAL_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def limit_for(scope):
    return {**DEFAULT_LIMITS, **getattr(settings, "PORTAL_RATE_LIMITS", {})}[scope]


def allow(request, scope):
    """Count one post from this client in `scope`; False once it is over the scope's limit."""
    posts, seconds = limit_for(scope)
    digest = hmac.new(settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256)
    key = f"ratelimit:{scope}:{digest.hexdigest()[:32]}:{int(time.time() // seconds)}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count is None or count <= posts  # None: the cache is down (IGNORE_EXCEPTIONS)


RATE_LIMITED_MESSAGE = "Bạn đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau."
