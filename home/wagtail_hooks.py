"""Admin hooks for agencies: set up agencies made in the admin, and the publishing report."""

import datetime
from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.functions import Substr, TruncMonth
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, PageLogEntry

import django_filters

from home.models import AgencyAccess, AgencyPage


@hooks.register("after_create_page")
def set_up_agency_made_in_admin(request, page):
    """An AgencyPage created in the admin gets the same groups, collection and workflow as one made
    by create_agency; any other page created under an agency may change who reaches it."""
    from home.agencies import ensure_agency_access, sync_page_permissions

    specific = page.specific
    if isinstance(specific, AgencyPage):
        ensure_agency_access(specific)
        return
    parent = page.get_parent().specific
    if isinstance(parent, AgencyPage):
        sync_page_permissions(parent)


@hooks.register("before_move_page")
def remember_where_a_page_moves_from(request, page, destination):
    request.agency_move_source = page.get_parent().specific


@hooks.register("after_move_page")
def keep_agency_access_in_step_after_a_move(request, page):
    """A move can change which agency's groups reach a page (when districts do not moderate their
    communes) and, for a moved agency, its collection's place and who approves its pages."""
    from home.agencies import ensure_agency_access, sync_page_permissions

    page = Page.objects.get(pk=page.pk).specific  # the view's instance still has the old path
    for parent in (getattr(request, "agency_move_source", None), page.get_parent().specific):
        if isinstance(parent, AgencyPage) and AgencyAccess.objects.filter(agency=parent).exists():
            sync_page_permissions(parent)
    if isinstance(page, AgencyPage):
        for agency in AgencyPage.objects.descendant_of(page, inclusive=True):
            ensure_agency_access(agency)


@hooks.register("before_create_page")
def only_administrators_create_agencies(request, parent_page, page_class):
    """Agencies come from create_agency or the import, or from a portal administrator: an agency
    editor adding a "sub-agency" would hand out new groups and a workflow of their own."""
    if issubclass(page_class, AgencyPage) and not request.user.is_superuser:
        messages.error(request, "Chỉ quản trị cổng mới tạo được cơ quan, đơn vị mới.")
        return redirect("wagtailadmin_explore", parent_page.pk)


class PublishingFilterSet(WagtailFilterSet):
    timestamp = django_filters.DateFromToRangeFilter(label="Thời gian xuất bản", widget=DateRangePickerWidget)

    class Meta:
        model = PageLogEntry
        fields = ["timestamp"]


class PublishedPerAgencyReport(ReportView):
    """Pages published per agency per month, counted from Wagtail's own log of publish actions."""

    page_title = "Xuất bản theo cơ quan"
    header_icon = "history"
    index_url_name = "agency_publishing_report"
    index_results_url_name = "agency_publishing_report_results"
    filterset_class = PublishingFilterSet
    model = PageLogEntry
    paginate_by = 50
    columns = [
        Column("agency", label="Cơ quan"),
        Column("month_label", label="Tháng"),
        Column("count", label="Số lượt xuất bản"),
    ]
    list_export = ["agency", "month_label", "count"]
    export_headings = {"agency": "Cơ quan", "month_label": "Tháng", "count": "Số lượt xuất bản"}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"xuat-ban-theo-co-quan-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return PageLogEntry.objects.filter(action="wagtail.publish", page__isnull=False)

    def get_filtered_queryset(self):
        entries = self.filter_queryset(self.get_queryset())
        agencies = list(AgencyPage.objects.order_by("-depth").values_list("path", "title"))
        if not agencies:
            return []
        # Group in the database by the page path cut at the deepest agency level, so the rows to
        # map onto agencies are sections and agencies, never every news item.
        width = max(len(agency_path) for agency_path, _ in agencies)
        grouped = (
            entries.annotate(month=TruncMonth("timestamp"), prefix=Substr("page__path", 1, width))
            .values("month", "prefix")
            .annotate(count=Count("id"))
        )
        totals = {}
        for row in grouped:
            title = next(
                (title for agency_path, title in agencies if row["prefix"].startswith(agency_path)),
                "Trang chung của cổng",
            )
            key = (row["month"].date() if hasattr(row["month"], "date") else row["month"], title)
            totals[key] = totals.get(key, 0) + row["count"]
        rows = [
            SimpleNamespace(agency=title, month=month, month_label=f"{month:%m/%Y}", count=count)
            for (month, title), count in totals.items()
        ]
        rows.sort(key=lambda row: (-row.month.toordinal(), row.agency))
        return rows


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_publishing_report_urls():
    return [
        path(
            "reports/agency-publishing/", PublishedPerAgencyReport.as_view(), name="agency_publishing_report"
        ),
        path(
            "reports/agency-publishing/results/",
            PublishedPerAgencyReport.as_view(results_only=True),
            name="agency_publishing_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_publishing_report_menu_item():
    return SuperuserMenuItem(
        "Xuất bản theo cơ quan",
        reverse("agency_publishing_report"),
        name="agency-publishing",
        icon_name="history",
        order=1300,
    )
