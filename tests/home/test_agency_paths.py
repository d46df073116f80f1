"""ancestor_paths and nearest_agency: the nearest agency above a page, from its tree path alone."""

import pytest

from home.models import AgencyIndexPage, AgencyPage, agency_for, ancestor_paths, nearest_agency

# Paths as treebeard writes them (Page.steplen = 4): root / home / directory / district / commune / news.
HOME, DIRECTORY = "00010001", "000100010001"
DISTRICT = DIRECTORY + "0002"
COMMUNE = DISTRICT + "0003"
NEWS = COMMUNE + "0001"
AGENCIES = {DISTRICT: "district", COMMUNE: "commune"}


def test_ancestor_paths_are_nearest_first():
    assert list(ancestor_paths(NEWS)) == [COMMUNE, DISTRICT, DIRECTORY, HOME, "0001"]
    assert list(ancestor_paths(NEWS, inclusive=True)) == [NEWS, COMMUNE, DISTRICT, DIRECTORY, HOME, "0001"]
    assert list(ancestor_paths("0001")) == []


def test_nearest_agency_skips_pages_that_are_not_agencies():
    assert nearest_agency(NEWS, AGENCIES) == "commune"
    assert nearest_agency(NEWS + "0007", AGENCIES) == "commune"
    assert nearest_agency(DISTRICT + "0004", AGENCIES) == "district"


def test_an_agency_is_its_own_only_when_inclusive():
    assert nearest_agency(COMMUNE, AGENCIES) == "district"
    assert nearest_agency(COMMUNE, AGENCIES, inclusive=True) == "commune"


def test_no_agency_above_gives_none():
    assert nearest_agency(DIRECTORY, AGENCIES, inclusive=True) is None
    assert nearest_agency(DISTRICT, AGENCIES) is None
    assert nearest_agency(NEWS, {}) is None


@pytest.mark.django_db
def test_nearest_agency_agrees_with_agency_for(make_agency):
    make_agency("ubnd-huyen-cai-be", "Ủy ban nhân dân huyện Cái Bè")
    commune = make_agency("ubnd-xa-hau-my", "Ủy ban nhân dân xã Hậu Mỹ", parent="ubnd-huyen-cai-be")
    agencies = {agency.path: agency for agency in AgencyPage.objects.all()}
    for page in [commune.get_children().get(slug="tin-tuc"), commune, AgencyIndexPage.objects.get()]:
        assert nearest_agency(page.path, agencies, inclusive=True) == agency_for(page)
