"""The listings kept as cached fragments (news sections, the catalogue, the directory) answer any
page number a visitor types, as they did before they were cached: never a server error."""

import pytest

ODD_PAGE_NUMBERS = ["²", "٣", "9" * 5000, "-1", "1.5", " 2"]


@pytest.mark.parametrize("section", ["tin-tuc", "thu-tuc-hanh-chinh", "co-quan"])
@pytest.mark.parametrize("number", ODD_PAGE_NUMBERS)
def test_a_listing_answers_an_odd_page_number_without_a_server_error(
    client, portal_sections, section, number
):
    response = client.get(portal_sections[section].url, {"page": number})
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()
