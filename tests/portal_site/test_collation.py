import pytest

from home.models import StandardPage
from portal_site.collation import vi_sort_key, vietnamese
from tests.factories import StandardPageFactory

WORDS = ["Xóa đăng ký", "Đăng ký khai sinh", "Cấp giấy phép", "Chứng thực", "Dân tộc", "Ăn uống", "An toàn"]
EXPECTED = [
    "An toàn",
    "Ăn uống",
    "Cấp giấy phép",
    "Chứng thực",
    "Dân tộc",
    "Đăng ký khai sinh",
    "Xóa đăng ký",
]


def test_python_key_follows_the_vietnamese_alphabet():
    assert sorted(WORDS, key=vi_sort_key) == EXPECTED


def test_tones_order_after_letters():
    assert sorted(["má", "mà", "ma", "mạ", "mả", "mã", "mai"], key=vi_sort_key) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
        "mai",
    ]


@pytest.mark.django_db
def test_database_orders_in_vietnamese(home):
    for position, title in enumerate(WORDS):
        StandardPageFactory(parent=home, title=title, slug=f"trang-{position}")
    titles = list(StandardPage.objects.order_by(vietnamese("title")).values_list("title", flat=True))
    assert titles == EXPECTED
