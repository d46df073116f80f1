"""Moderating comments in the admin: the agency's moderators see, approve, reject and export the
comments on their own agency's drafts only (consultations.permissions); editors get the list of
closed drafts still waiting for their outcome report."""

import csv
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import Button
from wagtail.permission_policies.base import BasePermissionPolicy

import django_filters

from consultations import permissions
from consultations.models import ConsultationComment, ConsultationPage, today


class CommentPermissionPolicy(BasePermissionPolicy):
    """ "view" and "moderate" for whoever moderates some agency's pages, each comment checked
    against its draft; nobody adds, edits or deletes comments in the admin (citizens write them,
    moderators reject them)."""

    ACTIONS = {"view", "moderate"}

    def user_has_permission(self, user, action):
        return action in self.ACTIONS and permissions.moderates_any(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return action in self.ACTIONS and permissions.can_moderate(user, instance.consultation)

    def instances_user_has_permission_for(self, user, action):
        if action not in self.ACTIONS or not user.is_active:
            return ConsultationComment.objects.none()
        return ConsultationComment.objects.filter(permissions.moderated(user))

    def users_with_permission(self, action):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.none()


def moderated_comments(user):
    return ConsultationComment.objects.filter(permissions.moderated(user))


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="Trạng thái", choices=ConsultationComment.STATUS_CHOICES)
    consultation = django_filters.ModelChoiceFilter(label="Dự thảo", queryset=ConsultationPage.objects.none())

    class Meta:
        model = ConsultationComment
        fields = ["status", "consultation"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        drafts = ConsultationPage.objects.filter(permissions.moderated(request.user, field="path"))
        self.filters["consultation"].queryset = drafts.order_by("-opens")


class CommentIndexView(IndexView):
    filterset_class = CommentFilterSet
    default_ordering = "-created_at"

    def get_base_queryset(self):
        return moderated_comments(self.request.user).select_related("consultation")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status != instance.APPROVED:
            buttons.append(_button("Duyệt", "approve", instance, "check", 5))
        if instance.status != instance.REJECTED:
            buttons.append(_button("Từ chối", "reject", instance, "cross", 6))
        return buttons

    def get_header_more_buttons(self):
        buttons = super().get_header_more_buttons()
        consultation = self.request.GET.get("consultation", "")
        if consultation.isdigit() and len(consultation) <= 10:
            buttons.append(
                Button(
                    "Xuất CSV theo điều",
                    url=reverse("consultation_comments_export", args=[int(consultation)]),
                    icon_name="download",
                )
            )
        return buttons


def _button(label, action, instance, icon, priority):
    return MenuItem(
        label,
        url=reverse(f"consultation_comments:{action}", args=[instance.pk]),
        icon_name=icon,
        priority=priority,
    )


class CommentInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(moderated_comments(self.request.user), pk=self.pk)


class ModerateView(View):
    """GET asks for confirmation; POST approves or rejects. A comment of another agency's draft
    is not found (404), as if it did not exist."""

    status = None
    template_name = "consultations/admin/moderate.html"
    verbs = {ConsultationComment.APPROVED: "duyệt", ConsultationComment.REJECTED: "từ chối"}

    def dispatch(self, request, pk):
        if not permissions.moderates_any(request.user):
            raise PermissionDenied
        if not str(pk).isdigit():
            raise Http404
        self.comment = get_object_or_404(
            moderated_comments(request.user).select_related("consultation"), pk=pk
        )
        return super().dispatch(request, pk)

    def get(self, request, pk):
        return TemplateResponse(
            request,
            self.template_name,
            {"comment": self.comment, "verb": self.verbs[self.status], "status": self.status},
        )

    def post(self, request, pk):
        self.comment.moderate(self.status, request.user)
        messages.success(request, f"Đã {self.verbs[self.status]} góp ý của {self.comment.name}.")
        return redirect(
            reverse("consultation_comments:index") + f"?consultation={self.comment.consultation_id}"
        )


class ApproveView(ModerateView):
    status = ConsultationComment.APPROVED


class RejectView(ModerateView):
    status = ConsultationComment.REJECTED


def export_comments(request, page_id):
    """Every comment on one draft as CSV, grouped by article: the general comments first, then
    article by article in number order, each group oldest first (Decidim's export)."""
    page = get_object_or_404(ConsultationPage, pk=page_id)
    if not permissions.can_moderate(request.user, page):
        raise PermissionDenied
    headings = {article.number: str(article) for article in page.articles.all()}
    comments = sorted(
        page.comments.all(),
        key=lambda c: (c.article_number is not None, c.article_number or 0, c.created_at, c.pk),
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="gop-y-{page.slug}-{datetime.date.today():%Y-%m-%d}.csv"'
    )
    response.write("\ufeff")  # so that Excel reads the Vietnamese text as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        ["Điều", "Tên điều", "Người góp ý", "Thư điện tử", "Ngày gửi", "Trạng thái", "Nội dung góp ý"]
    )
    for comment in comments:
        number = comment.article_number
        writer.writerow(
            [
                number if number is not None else "",
                "Góp ý chung" if number is None else headings.get(number, f"Điều {number}"),
                comment.name,
                comment.email,
                comment.created_at.astimezone().strftime("%d/%m/%Y %H:%M"),
                comment.get_status_display(),
                comment.text,
            ]
        )
    return response


class PendingOutcomeReport(ReportView):
    """Closed drafts of the user's agencies that have no outcome report yet (GOV.UK's list)."""

    page_title = "Dự thảo chờ báo cáo tiếp thu"
    header_icon = "warning"
    index_url_name = "consultations_pending_outcome"
    index_results_url_name = "consultations_pending_outcome_results"
    model = ConsultationPage
    paginate_by = 50
    columns = [
        TitleColumn("title", label="Dự thảo", url_name="wagtailadmin_pages:edit"),
        DateColumn("closes", label="Hết hạn ngày"),
        Column("comment_total", label="Số góp ý"),
    ]
    list_export = ["title", "closes", "comment_total"]
    export_headings = {"title": "Dự thảo", "closes": "Hết hạn ngày", "comment_total": "Số góp ý"}

    def dispatch(self, request, *args, **kwargs):
        if not editors_report_shown(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"du-thao-cho-bao-cao-tiep-thu-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return (
            ConsultationPage.objects.filter(permissions.edited(self.request.user))
            .filter(outcome="", closes__lt=today())
            .annotate(
                comment_total=Count("comments", filter=~Q(comments__status=ConsultationComment.REJECTED))
            )
            .order_by("closes", "pk")
        )


def editors_report_shown(user):
    return user.is_active and (
        user.is_superuser or ConsultationPage.objects.filter(permissions.edited(user)).exists()
    )
