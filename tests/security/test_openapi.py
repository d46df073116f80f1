"""The OpenAPI description at /api/schema.json against the application it describes: schemathesis
generates requests from it (a bounded number) and checks each answer's status, content type
and body against the description, and that none is a server error."""

from django.core import signals
from django.db import close_old_connections
from django.urls import Resolver404, resolve

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance

from portal_site import api_schema
from portal_site.wsgi import application
from search import urls as search_urls
from search.queries import MAX_RESULT_WINDOW, PAGE_SIZE_DEFAULT


@pytest.fixture
def served_schema(db, home):
    """The description as served, loaded through the WSGI application that schemathesis then calls.

    Called straight through WSGI, Django closes the database connection after each request, as
    in production; inside a test's transaction that would close it under the test (PostgreSQL).
    Django's own test client disconnects the same handler, for the same reason."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema.json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def operations():
    return [
        (path, method.upper()) for path, item in api_schema.document()["paths"].items() for method in item
    ]


# schemathesis's own pytest integration (`from_fixture`) does not run under pytest 9: the cases
# are drawn here from each operation's Hypothesis strategy instead.
@pytest.mark.parametrize(("path", "method"), operations())
@settings(
    max_examples=40,
    deadline=None,
    # One database (the `db` fixture's transaction) for every example: nothing here writes.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_the_api_answers_as_described(served_schema, path, method, data):
    case = data.draw(served_schema[path][method].as_strategy())
    headers = {"Accept": "application/json"}  # the rating answers JSON only when asked to
    response = case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
    if method == "POST":
        # A valid post to a page that does not exist (or takes no ratings), a reason that does
        # not go with the score, a second rating or too many: refused, as described.
        assert response.status_code in (201, 400, 404, 409, 429)
        if response.status_code == 400:
            assert response.json()["field"] == "reason"
        return
    # The one refusal of schema-valid parameters, which JSON Schema cannot express: past the
    # result window (page × page_size). Every other valid request must be answered.
    if response.status_code == 400:
        query = case.query or {}
        window = int(query.get("page", 1)) * int(query.get("page_size", PAGE_SIZE_DEFAULT))
        assert (path, response.json()["field"]) == ("/api/search/", "page")
        assert window > MAX_RESULT_WINDOW
    else:
        assert response.status_code == 200


def test_the_schema_is_openapi_3_1_and_served_as_json(client):
    response = client.get("/api/schema.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == api_schema.document()
    assert response.json()["openapi"].startswith("3.1")


def test_every_described_path_is_served_and_every_json_endpoint_described():
    described = set(api_schema.document()["paths"])
    for path in described:
        try:
            resolve(path)
        except Resolver404:
            pytest.fail(f"{path} is described but not served")
    from portal_site import urls

    served = {
        f"/{pattern.pattern}" for pattern in urls.urlpatterns if str(pattern.pattern).startswith("api/")
    }

    served |= {
        f"/{pattern.pattern}"
        for pattern in search_urls.urlpatterns
        if str(pattern.pattern).startswith("api/")
    }
    assert served - {"/api/schema.json"} <= described
