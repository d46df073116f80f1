from django.contrib.auth.models import Permission
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from feedback.report import RatingReportView, RatingResetView
from feedback.rules import RatingScope


class RatingReportMenuItem(MenuItem):
    def is_shown(self, request):
        return RatingScope(request.user).can_view


@hooks.register("register_admin_urls")
def register_rating_report_urls():
    return [
        path("danh-gia/", RatingReportView.as_view(), name="feedback_report"),
        path("danh-gia/xoa/", RatingResetView.as_view(), name="feedback_reset"),
    ]


@hooks.register("register_reports_menu_item")
def register_rating_report_menu_item():
    return RatingReportMenuItem(
        "Đánh giá mức độ hài lòng", reverse("feedback_report"), name="ratings", icon_name="pick", order=1400
    )


@hooks.register("register_permissions")
def register_rating_permissions():
    # Shown in the admin's group editor: seeing the results and resetting them are granted apart.
    return Permission.objects.filter(
        content_type__app_label="feedback", codename__in=["view_rating", "reset_rating"]
    )
