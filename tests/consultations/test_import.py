"""The "consultations" import key (contracts.md §8): all or nothing, idempotent by slug within an agency."""

import datetime

import pytest

from consultations.demo import build_files
from consultations.models import ConsultationComment, ConsultationPage, today
from portal_site.importing import ImportFailed, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def files_dir(tmp_path):
    build_files(tmp_path)
    return str(tmp_path)


def entry(**overrides):
    data = {
        "slug": "du-thao-quy-che",
        "title": "Dự thảo Quy chế phối hợp",
        "agency": "so-tu-phap",
        "opens": "today-3",
        "closes": "today+10",
        "summary": "Lấy ý kiến về Quy chế.",
        "body": "Đoạn một.\n\nĐoạn hai.",
        "articles": ["Điều 1. Phạm vi điều chỉnh", "Điều 2. Nguyên tắc"],
        "files": [{"title": "Dự thảo", "filename": "du-thao-quy-che-phoi-hop-tro-giup-phap-ly.docx"}],
    }
    data.update(overrides)
    return data


def test_import_creates_a_published_draft_and_a_second_run_changes_nothing(client, agency, files_dir):
    results = run_import({"consultations": [entry()]}, files_dir=files_dir)
    assert (results["consultations"].created, results["consultations"].unchanged) == (1, 0)
    page = ConsultationPage.objects.get()
    assert page.live and page.get_parent().slug == "gop-y-du-thao" and page.status == "dang-mo"
    assert page.opens == today() - datetime.timedelta(days=3)
    assert [str(a) for a in page.articles.all()] == ["Điều 1. Phạm vi điều chỉnh", "Điều 2. Nguyên tắc"]
    document = page.files.get().document
    assert document.collection == agency.collection or document.collection_id == agency.collection_id
    assert "Đoạn hai." in client.get(page.url).content.decode()

    again = run_import({"consultations": [entry()]}, files_dir=files_dir)["consultations"]
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert ConsultationPage.objects.count() == 1

    changed = run_import({"consultations": [entry(title="Dự thảo mới")]}, files_dir=files_dir)[
        "consultations"
    ]
    assert changed.updated == 1 and ConsultationPage.objects.get().title == "Dự thảo mới"


def test_the_same_slug_in_two_agencies_makes_two_drafts(agency, make_agency, files_dir):
    make_agency("so-y-te", "Sở Y tế")
    run_import({"consultations": [entry(), entry(agency="so-y-te")]}, files_dir=files_dir)
    assert ConsultationPage.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"agency": "khong-co"}, "agency"),
        ({"opens": "2026-02-30"}, "opens"),
        ({"closes": "today-10"}, "closes"),
        ({"summary": ""}, "summary"),
        ({"slug": "Dự thảo"}, "slug"),
        ({"files": [{"title": "Thiếu", "filename": "khong-co.docx"}]}, "files[0].filename"),
        ({"articles": ["Điều 1. A", "Điều 1. B"]}, "articles[1]"),
        ({"outcome": {"text": "Tiếp thu."}}, "outcome"),
        ({"comments": [{"name": "A", "article": 9, "comment": "x"}]}, "comments[0].article"),
    ],
)
def test_a_bad_entry_fails_the_whole_import_naming_entry_and_field(agency, files_dir, overrides, field):
    good = entry(slug="du-thao-tot")
    with pytest.raises(ImportFailed) as failure:
        run_import({"consultations": [good, entry(**overrides)]}, files_dir=files_dir)
    assert "consultations[1]" in str(failure.value) and f'"{field}"' in str(failure.value)
    assert ConsultationPage.objects.count() == 0


def test_the_demo_has_one_open_draft_and_one_closed_with_its_outcome(client, make_agency, files_dir):
    import json
    from pathlib import Path

    import consultations

    make_agency("so-tu-phap", "Sở Tư pháp")
    make_agency("so-khoa-hoc-va-cong-nghe", "Sở Khoa học và Công nghệ")
    content = json.loads((Path(consultations.__file__).parent / "demo" / "content.json").read_text())
    run_import(content, files_dir=files_dir)
    statuses = sorted(page.status for page in ConsultationPage.objects.all())
    assert statuses == ["co-ket-qua", "dang-mo"]
    closed = ConsultationPage.objects.get(slug="du-thao-ke-hoach-chuyen-doi-so-2026")
    assert closed.outcome_files.count() == 1
    assert ConsultationComment.objects.filter(status=ConsultationComment.APPROVED).count() == 4
    assert "Lê Minh Châu" in client.get(closed.url).content.decode()
    again = run_import(content, files_dir=files_dir)["consultations"]
    assert again.unchanged == 2 and ConsultationComment.objects.count() == 4
