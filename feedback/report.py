"""The ratings report in the admin: per page and per agency subtree, recent comments, CSV, reset.

Who sees what is feedback.rules.RatingScope: an agency's moderators only their subtree.
"""

import csv
import datetime
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from feedback.models import Rating
from feedback.rules import RatingScope

SCORES = range(1, 6)
RECENT_COMMENTS = 20


@dataclass
class Tally:
    """Count, average and distribution of some ratings."""

    count: int = 0
    total: int = 0
    by_score: dict = field(default_factory=lambda: dict.fromkeys(SCORES, 0))

    def add(self, count, total, by_score):
        self.count += count
        self.total += total or 0
        for score in SCORES:
            self.by_score[score] += by_score[score]

    @property
    def average(self):
        return round(self.total / self.count, 2) if self.count else None

    @property
    def distribution(self):
        return [self.by_score[score] for score in SCORES]


def _tally_annotations():
    return {
        "count": Count("id"),
        "total": Sum("score"),
        **{f"s{score}": Count("id", filter=Q(score=score)) for score in SCORES},
    }


def tally(ratings):
    row = ratings.aggregate(**_tally_annotations())
    result = Tally()
    result.add(row["count"], row["total"], {score: row[f"s{score}"] for score in SCORES})
    return result


class ReportFilterForm(forms.Form):
    agency = forms.ChoiceField(label="Cơ quan (cả các đơn vị trực thuộc)", required=False)
    page = forms.IntegerField(label="Mã trang", required=False, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {agency.slug: agency for agency in agencies}
        choices = [("", "Mọi trang được phép xem")]
        choices += [(agency.slug, "— " * (agency.depth - 4) + agency.title) for agency in agencies]
        self.fields["agency"].choices = choices
        self.fields["agency"].error_messages["invalid_choice"] = "Không có cơ quan này trong phạm vi của bạn."


class ScopedRatingsMixin:
    """The ratings this user may see, narrowed by the filter form's agency and page."""

    def dispatch(self, request, *args, **kwargs):
        self.scope = RatingScope(request.user)
        if not self.scope.can_view:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def visible_agencies(self):
        from home.models import AgencyPage

        agencies = AgencyPage.objects.order_by("path").only("pk", "path", "depth", "title", "slug")
        if self.scope.everything:
            return list(agencies)
        return list(agencies.filter(self.scope.page_filter(prefix="")))

    def filtered(self, data):
        agencies = self.visible_agencies()
        form = ReportFilterForm(data or None, agencies=agencies)
        ratings = Rating.objects.filter(self.scope.page_filter())
        if form.is_bound and form.is_valid():
            agency = form.agencies.get(form.cleaned_data["agency"])
            if agency:
                ratings = ratings.filter(page__path__startswith=agency.path)
            if form.cleaned_data["page"]:
                ratings = ratings.filter(page_id=form.cleaned_data["page"])
        elif form.is_bound:
            ratings = ratings.none()
        return form, agencies, ratings


class RatingReportView(ScopedRatingsMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = "Đánh giá mức độ hài lòng"
    header_icon = "pick"
    template_name = "feedback/admin/report.html"
    pages_per_page = 50

    def get(self, request, *args, **kwargs):
        self.form, self.agencies, self.ratings = self.filtered(request.GET)
        if request.GET.get("xuat") == "csv":
            return self.csv_response()
        response = super().get(request, *args, **kwargs)
        if self.form.errors:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        per_page = list(
            self.ratings.values("page_id", "page__title", "page__path", "page__url_path")
            .annotate(**_tally_annotations())
            .order_by("-count", "page__path")
        )
        pages = []
        for row in per_page:
            item = Tally()
            item.add(row["count"], row["total"], {score: row[f"s{score}"] for score in SCORES})
            pages.append(
                {
                    "page_id": row["page_id"],
                    "title": row["page__title"],
                    "path": row["page__path"],
                    "tally": item,
                }
            )
        query = {key: value for key, value in self.request.GET.items() if key in ("agency", "page") and value}
        context.update(
            {
                "form": self.form,
                "overall": tally(self.ratings),
                "agency_rows": self.agency_rows(pages),
                "page_obj": Paginator(pages, self.pages_per_page).get_page(self.request.GET.get("p")),
                "comments": self.ratings.exclude(comment="").select_related("page")[:RECENT_COMMENTS],
                "scores": list(SCORES),
                "csv_url": "?" + urlencode({**query, "xuat": "csv"}),
                "reset_url": reverse("feedback_reset") + ("?" + urlencode(query) if query else ""),
                "can_reset": self.scope.can_reset,
                "query": urlencode(query),
            }
        )
        return context

    def agency_rows(self, pages):
        """Each visible agency's subtree (its sub-agencies included), from the per-page tallies."""
        rows = []
        for agency in self.agencies:
            item = Tally()
            for page in pages:
                if page["path"].startswith(agency.path):
                    item.add(page["tally"].count, page["tally"].total, page["tally"].by_score)
            if item.count:
                rows.append({"agency": agency, "tally": item})
        return rows

    def csv_response(self):
        from home.models import nearest_agency

        by_path = {agency.path: agency.title for agency in self.agencies}
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="danh-gia-{datetime.date.today():%Y-%m-%d}.csv"'
        )
        response.write("\ufeff")  # spreadsheets read the file as UTF-8 with the byte-order mark
        writer = csv.writer(response)
        writer.writerow(["Thời gian", "Trang", "Địa chỉ trang", "Cơ quan", "Số sao", "Lý do", "Góp ý"])
        ratings = self.ratings.select_related("page").order_by("-created_at", "-pk")
        for rating in ratings.iterator(chunk_size=2000):
            when = timezone.localtime(rating.created_at)
            agency = nearest_agency(rating.page.path, by_path, inclusive=True) or "Trang chung của cổng"
            writer.writerow(
                [
                    f"{when:%d/%m/%Y %H:%M}",
                    _cell(rating.page.title),
                    rating.page.url_path,
                    _cell(agency),
                    rating.score,
                    rating.reason_label,
                    _cell(rating.comment),
                ]
            )
        return response


def _cell(text):
    """Visitors write the comments: a cell starting like a formula is kept as text in spreadsheets."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class RatingResetView(ScopedRatingsMixin, WagtailAdminTemplateMixin, TemplateView):
    """Delete the results of a scope (one agency's subtree, one page, or all that the user sees),
    after a confirmation. Needs feedback.reset_rating besides seeing the results."""

    page_title = "Xóa kết quả đánh giá"
    header_icon = "bin"
    template_name = "feedback/admin/reset.html"

    def dispatch(self, request, *args, **kwargs):
        scope = RatingScope(request.user)
        if not scope.can_reset:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.form, _, self.ratings = self.filtered(request.GET)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form, _, ratings = self.filtered(request.POST)
        if form.errors:
            messages.error(request, "Phạm vi cần xóa không hợp lệ.")
            return redirect("feedback_report")
        deleted, _ = ratings.delete()
        messages.success(request, f"Đã xóa {deleted} đánh giá.")
        return redirect("feedback_report")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agency = (
            self.form.agencies.get(self.form.cleaned_data.get("agency")) if self.form.is_valid() else None
        )
        page_id = self.form.cleaned_data.get("page") if self.form.is_valid() else None
        context.update(
            {
                "form": self.form,
                "count": self.ratings.count(),
                "agency": agency,
                "page": Page.objects.filter(pk=page_id).first() if page_id else None,
                "values": {"agency": agency.slug if agency else "", "page": page_id or ""},
            }
        )
        return context
