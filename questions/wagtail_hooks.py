"""The questions in the admin: each agency's inbox, the portal editors' triage, the answer drafts
and the overdue report (questions waiting more than 15 working days)."""

import datetime
from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy

from questions.models import Question, QuestionIndexPage, QuestionPage
from questions.permissions import QuestionPermissionPolicy, is_triager, user_agencies, visible_questions
from questions.workdays import SLA_WORKING_DAYS

register_permission_policy(Question, QuestionPermissionPolicy(Question))


def _waited(question):
    return question.working_days_waited()


class QuestionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return visible_questions(self.request.user, super().get_base_queryset()).select_related("agency")


class QuestionEditView(generic.EditView):
    def get_queryset(self):
        # Another agency's question is "not found", not merely refused: its existence is private too.
        return visible_questions(self.request.user)

    @cached_property
    def header_buttons(self):
        page = self.object.answer_page
        if page is not None:
            url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            return [HeaderButton("Mở bản trả lời", url=url, icon_name="edit")]
        if self.object.agency_id:
            url = reverse("questions_answer", args=[self.object.pk])
            return [HeaderButton("Soạn trả lời", url=url, icon_name="doc-full")]
        return []


class QuestionHistoryView(generic.HistoryView):
    def get_base_object_queryset(self):
        return visible_questions(self.request.user)


class QuestionUsageView(generic.UsageView):
    def get_object(self):
        return get_object_or_404(visible_questions(self.request.user), pk=self.pk)


class QuestionDeleteView(generic.DeleteView):
    def get_object(self, queryset=None):
        return get_object_or_404(visible_questions(self.request.user), pk=self.kwargs[self.pk_url_kwarg])


class QuestionViewSet(ModelViewSet):
    model = Question
    icon = "help"
    menu_label = "Câu hỏi của công dân"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    url_prefix = "cau-hoi"
    index_view_class = QuestionIndexView
    edit_view_class = QuestionEditView
    history_view_class = QuestionHistoryView
    usage_view_class = QuestionUsageView
    delete_view_class = QuestionDeleteView
    list_display = [
        "code",
        "title",
        Column(
            "agency", label="Cơ quan trả lời", accessor=lambda q: q.agency.title if q.agency else "Chưa phân"
        ),
        "status",
        Column(
            "submitted_at",
            label="Ngày gửi",
            accessor=lambda q: f"{timezone.localtime(q.submitted_at):%d/%m/%Y}",
        ),
        Column("waited", label="Số ngày làm việc đã chờ", accessor=_waited),
    ]
    list_filter = ["status"]
    search_fields = ["code", "title", "name"]
    ordering = ["-submitted_at"]


question_viewset = QuestionViewSet("questions")


@hooks.register("register_admin_viewset")
def register_question_viewset():
    return question_viewset


class CreateAnswerView(View):
    """The answer to a question: a draft QuestionPage in the agency's "hoi-dap" section, made once
    with the question's public parts copied in, then edited and submitted like any page of the
    agency (its review workflow publishes it)."""

    template_name = "questions/admin/create_answer.html"

    def dispatch(self, request, pk):
        self.question = get_object_or_404(visible_questions(request.user), pk=pk)
        existing = self.question.answer_page
        if existing is not None:
            return redirect("wagtailadmin_pages:edit", existing.pk)
        if self.question.agency_id is None:
            messages.error(request, "Hãy chọn cơ quan trả lời cho câu hỏi trước khi soạn trả lời.")
            return redirect(question_viewset.get_url_name("edit"), pk)
        self.section = QuestionIndexPage.objects.child_of(self.question.agency).filter(slug="hoi-dap").first()
        if self.section is None or not self.section.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get(self, request, pk):
        return TemplateResponse(
            request, self.template_name, {"question": self.question, "section": self.section}
        )

    def post(self, request, pk):
        question = self.question
        page = QuestionPage(
            title=question.title,
            slug=question.code.lower(),
            code=question.code,
            asker_name=question.name,
            asked_at=question.submitted_at,
            sector=question.sector,
            question=question.question,
            question_record=question,
            owner=request.user,
            live=False,
        )
        self.section.add_child(instance=page)
        page.save_revision(user=request.user, log_action=True)
        if question.status == Question.WAITING:
            question.status = Question.IN_PROGRESS
            question.save(update_fields=["status"])
        messages.success(
            request, f"Đã tạo bản trả lời cho câu hỏi {question.code}; hãy viết trả lời rồi gửi duyệt."
        )
        return redirect("wagtailadmin_pages:edit", page.pk)


class OverdueReport(ReportView):
    """Questions still open after more than 15 working days (Decree 43/2011 Art. 17), oldest first,
    each agency seeing its own; holidays from questions/workdays.py."""

    page_title = "Câu hỏi quá hạn trả lời"
    header_icon = "warning"
    index_url_name = "questions_overdue"
    index_results_url_name = "questions_overdue_results"
    model = Question
    paginate_by = 50
    columns = [
        Column("code", label="Mã"),
        Column("title", label="Tiêu đề"),
        Column("agency_title", label="Cơ quan trả lời"),
        Column("status_label", label="Trạng thái"),
        Column("submitted", label="Ngày gửi"),
        Column("deadline_label", label="Hạn trả lời"),
        Column("waited", label="Số ngày làm việc đã chờ"),
    ]
    list_export = ["code", "title", "agency_title", "status_label", "submitted", "deadline_label", "waited"]
    export_headings = {
        "code": "Mã",
        "title": "Tiêu đề",
        "agency_title": "Cơ quan trả lời",
        "status_label": "Trạng thái",
        "submitted": "Ngày gửi",
        "deadline_label": "Hạn trả lời",
        "waited": "Số ngày làm việc đã chờ",
    }

    def dispatch(self, request, *args, **kwargs):
        if not QuestionPermissionPolicy(Question).user_has_permission(request.user, "view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"cau-hoi-qua-han-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return visible_questions(self.request.user).filter(status__in=Question.OPEN_STATUSES)

    def get_filtered_queryset(self):
        today = timezone.localdate()
        # Any question over 15 working days old is over 15 calendar days old: the database cuts
        # the list to those before the holidays are counted here.
        cutoff = timezone.now() - datetime.timedelta(days=SLA_WORKING_DAYS)
        questions = self.get_queryset().filter(submitted_at__lt=cutoff).select_related("agency")
        rows = []
        for question in questions.order_by("submitted_at"):
            waited = question.working_days_waited(today)
            if waited <= SLA_WORKING_DAYS:
                continue
            rows.append(
                SimpleNamespace(
                    pk=question.pk,
                    code=question.code,
                    title=question.title,
                    agency_title=question.agency.title if question.agency else "Chưa phân cơ quan",
                    status_label=question.get_status_display(),
                    submitted=f"{timezone.localtime(question.submitted_at):%d/%m/%Y}",
                    deadline_label=f"{question.deadline():%d/%m/%Y}",
                    waited=waited,
                )
            )
        return rows


class QuestionsReportMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return is_triager(user) or user_agencies(user).exists()


@hooks.register("register_admin_urls")
def register_question_urls():
    return [
        path("cau-hoi/<int:pk>/tra-loi/", CreateAnswerView.as_view(), name="questions_answer"),
        path("reports/cau-hoi-qua-han/", OverdueReport.as_view(), name="questions_overdue"),
        path(
            "reports/cau-hoi-qua-han/results/",
            OverdueReport.as_view(results_only=True),
            name="questions_overdue_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_overdue_report_menu_item():
    return QuestionsReportMenuItem(
        "Câu hỏi quá hạn trả lời",
        reverse("questions_overdue"),
        name="questions-overdue",
        icon_name="warning",
        order=1400,
    )
