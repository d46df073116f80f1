"""The answers list follows publishing in the front cache; editors may also write FAQ entries."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from questions.models import QuestionPage
from tests.front_cache import RecordingBackend, paths

from .conftest import hoi_dap


def test_publishing_an_answer_purges_the_lists_that_show_it(
    agency_a,
    make_answer,
    purged,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_answer(agency_a)
    assert {page.url, "/co-quan/so-tu-phap/hoi-dap/", "/hoi-dap/"} <= paths(purged)
    assert RecordingBackend.purged is purged


def test_every_agency_gets_its_faq_section(agency_a, portal_sections):
    assert portal_sections["hoi-dap"].title == "Hỏi đáp"
    assert hoi_dap(agency_a).title == "Hỏi đáp"


def test_an_editor_may_write_an_faq_entry_directly(client, agency_a, people):
    client.force_login(people["editor_a"])
    section = hoi_dap(agency_a)
    url = reverse("wagtailadmin_pages:add", args=["questions", "questionpage", section.pk])
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Giờ tiếp nhận hồ sơ của Sở?",
            "slug": "gio-tiep-nhan",
            "asker_name": "Ban biên tập",
            "sector": "",
            "question": "Sở tiếp nhận hồ sơ vào những giờ nào?",
            "answer": rich_text("<p>Sáng thứ Hai đến sáng thứ Bảy.</p>"),
            "legal_references": inline_formset([]),
        }
    )
    data["action-submit"] = "1"
    assert client.post(url, data).status_code == 302
    page = QuestionPage.objects.get(slug="gio-tiep-nhan")
    assert page.code.startswith("HD-") and page.question_record is None and not page.live
