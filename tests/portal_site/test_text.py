import pytest

from portal_site.text import vietnamese_slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Hộ tịch", "ho-tich"),
        ("Đất đai", "dat-dai"),
        ("ĐƯỜNG BỘ – Đường thủy", "duong-bo-duong-thuy"),
        ("Chu\u0309 ti\u0323ch", "chu-tich"),  # decomposed tone marks
        ("", ""),
        (None, ""),
        ("– …", ""),
    ],
)
def test_vietnamese_slugify_folds_every_mark_and_d(text, slug):
    assert vietnamese_slugify(text) == slug


def test_vietnamese_slugify_cuts_to_max_length_without_a_trailing_hyphen():
    assert vietnamese_slugify("Đăng ký khai sinh", max_length=8) == "dang-ky"
    assert vietnamese_slugify("Đăng ký khai sinh", max_length=9) == "dang-ky-k"
    assert len(vietnamese_slugify("Hộ tịch " * 50)) == 255
