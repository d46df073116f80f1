"""Response headers and login lockout (SECURITY.md).

- Content-Security-Policy (django-csp): public pages get `CONTENT_SECURITY_POLICY`, strict, with no
  inline script or style; the Wagtail admin, whose widgets and panels still write inline scripts
  and `style=` attributes, gets the looser `PORTAL_ADMIN_CONTENT_SECURITY_POLICY`.
- Permissions-Policy: the browser features no portal page uses (camera, microphone, location …)
  are switched off, for the page and every frame in it. Referrer-Policy and
  X-Content-Type-Options come from Django's SecurityMiddleware (`SECURE_REFERRER_POLICY`,
  `SECURE_CONTENT_TYPE_NOSNIFF`).
- Admin login lockout (django-axes): after `AXES_FAILURE_LIMIT` failures a client, or a user
  name, is refused for `AXES_COOLOFF_TIME` with a Vietnamese page.
"""

from django.conf import settings
from django.shortcuts import render

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_failure_limit
from csp.middleware import CSPMiddleware
from csp.utils import default_config

from portal_site.ratelimit import client_address

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with a second policy for the admin (and its page previews)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = default_config(settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


class PermissionsPolicyMiddleware:
    """Adds `Permissions-Policy` (Django has no setting for it) unless a view set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        features = settings.PORTAL_PERMISSIONS_POLICY
        self.header = ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in features.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


class LockoutBackend(AxesStandaloneBackend):
    """Axes' check before Django's ModelBackend. Axes counts what comes through HTTP; a call
    without a request (a management command, a shell) has no client to lock out, so it is left
    to the next backend instead of raising AxesBackendRequestParameterRequired."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request):
    """The client as the rate limits see it: behind Varnish and nginx, REMOTE_ADDR is the proxy,
    and every visitor would share one lockout."""
    return client_address(request) or None


def lockout_message(minutes):
    limit = settings.AXES_FAILURE_LIMIT
    return (
        f"Đăng nhập bị tạm khóa vì đã nhập sai {limit} lần. "
        f"Vui lòng thử lại sau {minutes} phút, hoặc liên hệ quản trị viên cổng thông tin "
        "nếu bạn quên mật khẩu."
    )


def lockout_response(request, original_response=None, credentials=None):
    """The admin's sign-in screen with the lockout explained, as 429 Too Many Requests."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    context = {
        "message": lockout_message(minutes) if minutes else settings.AXES_PERMALOCK_MESSAGE,
        "failure_limit": get_failure_limit(request, credentials),
    }
    response = render(request, "security/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Cache-Control"] = "no-store"
    return response
