import re

import pytest


@pytest.mark.django_db
def test_catalogue_sorts_names_in_vietnamese_order(client, make_procedure, portal_sections):
    make_procedure("1.000001", "Xóa đăng ký thường trú")
    make_procedure("1.000002", "Đăng ký khai sinh")
    make_procedure("1.000003", "Cấp bản sao trích lục")
    make_procedure("1.000004", "Chứng thực bản sao")
    html = client.get("/thu-tuc-hanh-chinh/").content.decode()
    titles = [
        t
        for t in re.findall(r">([^<>]+)</a>", html)
        if t in {"Xóa đăng ký thường trú", "Đăng ký khai sinh", "Cấp bản sao trích lục", "Chứng thực bản sao"}
    ]
    assert titles == [
        "Cấp bản sao trích lục",
        "Chứng thực bản sao",
        "Đăng ký khai sinh",
        "Xóa đăng ký thường trú",
    ]
