"""Entries for the content import (`import_content`'s JSON file) that tests in several packages feed it."""

JUSTICE = {"slug": "so-tu-phap", "name": "Sở Tư pháp"}


def minimal_procedure(**fields):
    """A procedure entry with only the fields the import requires: by default "Đăng ký khai sinh"
    (1.001193) of JUSTICE; `fields` add to them or replace them."""
    return {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "agency": "so-tu-phap",
        "sector": "Hộ tịch",
        "level": 1,
        "implementation_level": "Cấp xã",
        "steps": "Nộp hồ sơ.",
        "processing_time": "Ngay trong ngày",
        "result": "Giấy khai sinh",
        **fields,
    }
