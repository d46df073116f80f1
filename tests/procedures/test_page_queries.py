"""Query budgets of procedure pages: at most 10 queries, the same with 3 items as with 30.

Counted on a warm request, as a running server serves almost every page: the first request after
a publish rebuilds the cached fragments.
"""

import pytest

from procedures.models import LegalBasis, ProcedureStep, RequiredDocument
from tests.queries import BUDGET, warm_queries


def add_procedures(make_procedure, start, count):
    for number in range(start, start + count):
        make_procedure(f"1.{number + 100:06d}", f"Thủ tục hộ tịch số {number:02d}")


@pytest.mark.parametrize("query", ["", "?sector=ho-tich&level=1"])
def test_catalogue_stays_within_budget_and_does_not_grow_with_the_procedures(
    client, portal_sections, make_procedure, query
):
    url = "/thu-tuc-hanh-chinh/" + query
    add_procedures(make_procedure, 0, 3)
    few = warm_queries(client, url)
    add_procedures(make_procedure, 3, 27)
    many = warm_queries(client, url)
    assert few <= BUDGET
    assert many == few
    assert "Thủ tục hộ tịch số 19" in client.get(url).content.decode()


def test_procedure_page_stays_within_budget_whatever_the_size_of_its_record(
    client, birth_registration, make_procedure
):
    url = birth_registration.url
    few = warm_queries(client, url)
    add_procedures(make_procedure, 0, 30)
    birth_registration.steps = [ProcedureStep(title=f"Bước {n}", text="Nộp hồ sơ.") for n in range(30)]
    birth_registration.required_documents = [RequiredDocument(name=f"Giấy tờ {n}") for n in range(30)]
    birth_registration.legal_bases = [LegalBasis(summary=f"Văn bản {n}") for n in range(30)]
    birth_registration.save_revision().publish()
    many = warm_queries(client, url)
    assert few <= BUDGET
    assert many == few
    html = client.get(url).content.decode()
    assert "Bước 29" in html
    assert "Giấy tờ 29" in html
