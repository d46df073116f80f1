"""Questions in the admin: routing, triage, the answer through the agency's workflow, isolation."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from questions.models import Question, QuestionPage
from tests.refusals import assert_sent_to_login

from .conftest import hoi_dap

INDEX = "/admin/cau-hoi/"


def edit_url(question):
    return reverse("questions:edit", args=[question.pk])


def answer_form(page, answer, action):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "asker_name": page.asker_name,
            "sector": "",
            "question": page.question,
            "answer": rich_text(answer),
            "legal_references": inline_formset(
                [{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}], initial=0
            ),
        }
    )
    data[action] = "1"
    return data


@pytest.fixture
def questions(agency_a, agency_b, make_question):
    return {
        "a": make_question("Khai sinh cho con ở nước ngoài", agency=agency_a),
        "b": make_question("Cấp phép hành nghề y", agency=agency_b, email="y@example.org"),
        "none": make_question("Chưa rõ hỏi cơ quan nào", agency=None),
    }


@pytest.fixture
def portal_editor(db):
    return get_user_model().objects.create_superuser("bien-tap-cong", "btc@example.org", "mat-khau-thu")


def test_an_agency_sees_only_its_own_questions(client, people, questions):
    for user in (people["editor_a"], people["moderator_a"]):
        client.force_login(user)
        html = client.get(INDEX).content.decode()
        assert "Khai sinh cho con ở nước ngoài" in html
        assert "Cấp phép hành nghề y" not in html
        assert "Chưa rõ hỏi cơ quan nào" not in html
        found = client.get(INDEX, {"q": "khai sinh"}).content.decode()
        assert "Khai sinh cho con ở nước ngoài" in found
        assert "Cấp phép hành nghề y" not in client.get(INDEX, {"q": "hành nghề"}).content.decode()
        results = client.get(reverse("questions:index_results"), {"status": Question.WAITING})
        assert results.status_code == 200 and "Cấp phép hành nghề y" not in results.content.decode()


def test_one_agency_cannot_open_another_agency_question(client, people, questions):
    client.force_login(people["moderator_a"])
    other = questions["b"]
    for url in (
        edit_url(other),
        reverse("questions:history", args=[other.pk]),
        reverse("questions:delete", args=[other.pk]),
        reverse("questions_answer", args=[other.pk]),
        edit_url(questions["none"]),
    ):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert "y@example.org" not in response.content.decode()
    assert client.post(edit_url(other), {"status": Question.CLOSED}).status_code in (403, 404)
    other.refresh_from_db()
    assert other.status == Question.WAITING
    report = client.get(reverse("questions_overdue")).content.decode()
    assert "Cấp phép hành nghề y" not in report


def test_an_agency_handles_its_question_but_cannot_reroute_it(client, people, questions, agency_b):
    client.force_login(people["editor_a"])
    question = questions["a"]
    html = client.get(edit_url(question)).content.decode()
    assert question.email in html  # the agency needs it to contact the asker; the public never sees it
    assert 'name="agency"' not in html
    response = client.post(
        edit_url(question), {"status": Question.IN_PROGRESS, "note": "Đã gọi điện", "agency": agency_b.pk}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.IN_PROGRESS and question.note == "Đã gọi điện"
    assert question.agency.slug == "so-tu-phap"


def test_portal_editors_triage_questions_without_agency(client, portal_editor, questions, agency_a, people):
    client.force_login(portal_editor)
    html = client.get(INDEX).content.decode()
    for question in questions.values():
        assert question.title in html
    question = questions["none"]
    assert 'name="agency"' in client.get(edit_url(question)).content.decode()
    response = client.post(
        edit_url(question), {"agency": agency_a.pk, "status": Question.WAITING, "note": ""}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.agency == agency_a
    client.force_login(people["editor_a"])
    assert "Chưa rõ hỏi cơ quan nào" in client.get(INDEX).content.decode()


def test_the_answer_is_published_through_the_agency_workflow_and_mails_the_asker(
    client, people, questions, mailoutbox
):
    question = questions["a"]
    client.force_login(people["editor_a"])
    assert "Soạn trả lời" in client.get(edit_url(question)).content.decode()
    answer_url = reverse("questions_answer", args=[question.pk])
    assert client.get(answer_url).status_code == 200
    response = client.post(answer_url)
    page = QuestionPage.objects.get(question_record=question)
    assert response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[page.pk]
    )
    assert page.get_parent().pk == hoi_dap(questions["a"].agency).pk and not page.live
    question.refresh_from_db()
    assert question.status == Question.IN_PROGRESS
    # A second click opens the same draft instead of making another.
    assert client.post(answer_url)["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])

    page_edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    refused = client.post(page_edit, answer_form(page, "", "action-submit"))
    assert "Hãy viết câu trả lời" in refused.content.decode()
    client.post(
        page_edit,
        answer_form(page, "<p>Đăng ký tại cơ quan đại diện Việt Nam ở nước ngoài.</p>", "action-submit"),
    )
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert not page.live
    assert not [m for m in mailoutbox if question.email in m.to]  # moderators are told, not the asker

    client.force_login(people["moderator_a"])
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    approved = client.post(url, {"comment": ""})
    assert approved.status_code == 302
    assert approved["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    page.refresh_from_db()
    assert page.live
    question.refresh_from_db()
    assert question.status == Question.ANSWERED and question.answered_at
    mails = [m for m in mailoutbox if question.email in m.to]
    assert len(mails) == 1 and question.code in mails[0].subject and page.url in mails[0].body

    client.logout()
    public = client.get(page.url).content.decode()
    assert "Đăng ký tại cơ quan đại diện Việt Nam" in public and "60/2014/QH13" in public
    assert question.email not in public and question.phone not in public
    assert "Đã trả lời" in client.get("/hoi-dap/tra-cuu/", {"ma": question.code}).content.decode()
    assert question.title in client.get("/hoi-dap/").content.decode()


def test_another_agency_cannot_answer_in_the_section(client, people, questions):
    client.force_login(people["editor_b"])
    assert client.post(reverse("questions_answer", args=[questions["a"].pk])).status_code == 404
    assert not QuestionPage.objects.exists()


def test_a_question_without_agency_is_routed_before_it_is_answered(client, portal_editor, questions):
    client.force_login(portal_editor)
    response = client.post(reverse("questions_answer", args=[questions["none"].pk]))
    assert response.status_code == 302 and response["Location"] == edit_url(questions["none"])
    assert not QuestionPage.objects.exists()


def test_people_outside_agencies_see_no_questions(client, questions, db):
    user = get_user_model().objects.create_user("nguoi-ngoai", "x@example.org", "mat-khau-thu")
    client.force_login(user)
    assert_sent_to_login(client.get(INDEX), INDEX)
