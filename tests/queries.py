"""Query budgets of public pages (issue 12): at most BUDGET queries, counted on a warm request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

BUDGET = 10


def warm_queries(client, url):
    """Queries of a request made after a first one warmed the caches; the page must be served."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)
