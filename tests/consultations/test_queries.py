"""The list and a draft's page cost a constant number of queries, whatever their size."""

import pytest

from consultations.models import ConsultationComment, today
from tests.consultations.conftest import DAY
from tests.queries import BUDGET, warm_queries

pytestmark = pytest.mark.django_db


def test_the_list_and_a_draft_stay_within_the_query_budget(
    client, agency, agency_b, make_consultation, make_comment
):
    page = make_consultation(agency, "du-thao-0")
    make_consultation(agency_b, "du-thao-1", articles=1)
    small_list, small_page = warm_queries(client, "/gop-y-du-thao/"), warm_queries(client, page.url)
    for n in range(2, 9):
        make_consultation(agency if n % 2 else agency_b, f"du-thao-{n}", opens=today() - n * DAY)
    for n in range(8):
        make_comment(page, f"Ý kiến {n}", ConsultationComment.APPROVED, article_number=n % 3 + 1)
    assert warm_queries(client, "/gop-y-du-thao/") == small_list <= BUDGET
    assert warm_queries(client, page.url) == small_page <= BUDGET
