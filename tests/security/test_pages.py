"""Every public page type carries the strict Content-Security-Policy and has nothing it would
block: no inline script, no <style>, no style= or on…= attribute, no javascript: link. The
admin gets its own, looser policy and still works."""

from html.parser import HTMLParser

from django.test import Client

from wagtail.models import Page

import pytest

from .demo import one_url_per_page_type

pytestmark = pytest.mark.usefixtures("demo_portal")

# Script types a browser does not run: data, which the policy does not govern.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "text/template"}


class InlineCode(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' would refuse."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name == "style":
                self.found.append(f"<{tag} style={value!r}>")
            elif name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "style":
            self.found.append("<style> element")
        if tag == "script" and "src" not in attributes:
            if (attributes.get("type") or "").lower() not in DATA_SCRIPT_TYPES:
                self._in_inline_script = True

    def handle_data(self, data):
        if self._in_inline_script and data.strip():
            self.found.append(f"inline <script>: {data.strip()[:60]!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def directives(header):
    """{"script-src": ["'self'"], …} from a policy header."""
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


EXTRA_URLS = {
    "search page": "/tim-kiem/?q=khai+sinh",
    "search page with a bad parameter": "/tim-kiem/?level=9",
    "not found": "/khong-co-trang-nay/",
}


@pytest.fixture(scope="module")
def public_responses(demo_portal, django_db_blocker):
    with django_db_blocker.unblock():
        urls = {**one_url_per_page_type(), **EXTRA_URLS}
        client = Client()
        return {name: (url, client.get(url)) for name, url in urls.items()}


def test_the_demo_has_every_kind_of_page(public_responses):
    assert {"HomePage", "StandardPage", "AgencyIndexPage", "AgencyPage", "NewsIndexPage", "NewsPage"} <= set(
        public_responses
    )
    assert {"ProcedureIndexPage", "ProcedurePage"} <= set(public_responses)


def test_public_pages_have_no_inline_script_or_style(public_responses):
    offending = {}
    for name, (url, response) in public_responses.items():
        assert response.status_code in (200, 400, 404), f"{name} {url}: {response.status_code}"
        found = inline_code(response.content.decode())
        if found:
            offending[f"{name} {url}"] = found
    assert offending == {}


def test_public_pages_carry_the_strict_policy_and_headers(public_responses):
    for name, (_url, response) in public_responses.items():
        policy = directives(response["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"], name
        assert policy["script-src"] == ["'self'"], name
        assert policy["style-src"] == ["'self'"], name
        assert policy["object-src"] == ["'none'"], name
        assert policy["frame-ancestors"] == ["'self'"], name
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", name
        assert response["X-Content-Type-Options"] == "nosniff", name
        permissions = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment"):
            assert f"{feature}=()" in permissions, name


def test_json_answers_carry_the_headers_too(client):
    response = client.get("/api/search/?q=khai+sinh")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_gets_its_own_policy_and_its_pages_load(client, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    client.force_login(admin)
    page = Page.objects.live().filter(depth=3).order_by("path").first()
    urls = ["/admin/", "/admin/pages/", f"/admin/pages/{page.pk}/edit/", "/admin/images/"]
    urls.append("/admin/documents/")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response["Content-Security-Policy"])
        assert "'unsafe-inline'" in policy["script-src"], url
        assert "blob:" in policy["img-src"], url
        assert policy["object-src"] == ["'none'"], url


def test_the_sign_in_page_is_under_the_admin_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
