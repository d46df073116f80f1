"""The "ratings" import key that the demo uses: all or nothing, idempotent, never visitors' ratings."""

import pytest

from feedback.models import Rating
from portal_site.importing import ImportFailed, run_import

pytestmark = pytest.mark.django_db


def test_import_is_idempotent_and_keeps_visitors_ratings(page_a, make_rating):
    make_rating(page_a, 3)
    path = "/co-quan/so-tu-phap/chuc-nang-stp/"
    data = {
        "ratings": [
            {"page": path, "score": 5, "reason": "ro-rang", "comment": "Tốt", "date": "2026-11-20"},
            {"page": path, "score": 4, "date": "2026-11-21"},
            {"page": path, "score": 4, "date": "2026-11-21"},
        ]
    }
    assert run_import(data)["ratings"].created == 3
    again = run_import(data)["ratings"]
    assert (again.created, again.unchanged) == (0, 3)
    assert Rating.objects.filter(page=page_a).count() == 4
    assert Rating.objects.get(comment="Tốt").created_at.date().isoformat() == "2026-11-20"


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ({"page": "/co-quan/so-tu-phap/chuc-nang-stp/", "score": 6}, "score"),
        ({"page": "/co-quan/so-tu-phap/chuc-nang-stp/", "score": 5, "reason": "kho-hieu"}, "reason"),
        ({"page": "/khong-co/", "score": 5}, "page"),
        ({"page": "/", "score": 5}, "page"),
        ({"page": "/co-quan/so-tu-phap/chuc-nang-stp/", "score": 5, "ip": "1.2.3.4"}, "ip"),
    ],
)
def test_a_bad_entry_fails_the_whole_import_naming_entry_and_field(page_a, entry, field):
    good = {"page": "/co-quan/so-tu-phap/chuc-nang-stp/", "score": 4}
    with pytest.raises(ImportFailed) as failure:
        run_import({"ratings": [good, entry]})
    assert "ratings[1]" in str(failure.value) and f'"{field}"' in str(failure.value)
    assert not Rating.objects.exists()
