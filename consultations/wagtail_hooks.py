"""Admin: the comment moderation viewset, its CSV export, the editors' report of drafts waiting
for their outcome, and links from a draft in the page explorer."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as ActionMenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from consultations import admin_views, permissions
from consultations.models import ConsultationComment, ConsultationPage

register_permission_policy(ConsultationComment, admin_views.CommentPermissionPolicy(ConsultationComment))


class CommentViewSet(ModelViewSet):
    model = ConsultationComment
    name = "consultation_comments"
    url_prefix = "gop-y-du-thao"
    icon = "comment"
    menu_label = "Góp ý dự thảo"
    add_to_admin_menu = True
    menu_order = 250
    index_view_class = admin_views.CommentIndexView
    inspect_view_class = admin_views.CommentInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "consultation",
        "article_number",
        "name",
        "email",
        "text",
        "status",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]
    form_fields = ["status"]  # required by the viewset; the edit view is refused by the policy
    list_display = ["text", "consultation", "article_number", "name", "created_at", "status"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", admin_views.ApproveView.as_view(), name="approve"),
            path("reject/<int:pk>/", admin_views.RejectView.as_view(), name="reject"),
        ]


@hooks.register("register_admin_viewset")
def register_comment_viewset():
    return CommentViewSet()


@hooks.register("register_admin_urls")
def register_consultation_admin_urls():
    return [
        path(
            "gop-y-du-thao-xuat/<int:page_id>/",
            admin_views.export_comments,
            name="consultation_comments_export",
        ),
        path(
            "reports/du-thao-cho-bao-cao/",
            admin_views.PendingOutcomeReport.as_view(),
            name="consultations_pending_outcome",
        ),
        path(
            "reports/du-thao-cho-bao-cao/results/",
            admin_views.PendingOutcomeReport.as_view(results_only=True),
            name="consultations_pending_outcome_results",
        ),
    ]


class EditorsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.editors_report_shown(request.user)


@hooks.register("register_reports_menu_item")
def register_pending_outcome_menu_item():
    return EditorsReportMenuItem(
        "Dự thảo chờ báo cáo tiếp thu",
        reverse("consultations_pending_outcome"),
        name="consultations-pending-outcome",
        icon_name="warning",
        order=1310,
    )


@hooks.register("register_page_listing_more_buttons")
def consultation_comment_buttons(page, user, next_url=None):
    if not isinstance(page.specific_deferred, ConsultationPage) or not permissions.can_moderate(user, page):
        return
    yield ActionMenuItem(
        "Góp ý nhận được",
        reverse("consultation_comments:index") + f"?consultation={page.pk}",
        icon_name="comment",
        priority=60,
    )
    yield ActionMenuItem(
        "Xuất góp ý (CSV)",
        reverse("consultation_comments_export", args=[page.pk]),
        icon_name="download",
        priority=61,
    )
