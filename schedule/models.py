"""The leaders' work schedule and the citizen-reception schedule (Decree 43/2011 Art. 10(c)).

Entries are plain rows per agency, edited in the admin by that agency's editors (schedule/admin.py)
and imported with the `schedule` key; the one SchedulePage at /lich-cong-tac/ shows them week by
week, filters by agency and kind, and exports iCalendar. Times are local (Asia/Ho_Chi_Minh).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils.http import urlencode

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from home.models import PortalPageMixin
from portal_site.collation import vietnamese
from schedule.forms import KIND_FILTERS, ICalFilterForm, ScheduleFilterForm
from schedule.ical import calendar_text
from schedule.week import Week, weekday_label

WORK, RECEPTION = "cong-tac", "tiep-cong-dan"
KIND_CHOICES = list(KIND_FILTERS.items())
ICAL_LIMIT = 2000


class ScheduleEntry(models.Model):
    """One engagement of an agency's leaders: a meeting, a visit, a citizen-reception session."""

    agency = models.ForeignKey(
        "home.AgencyPage", on_delete=models.CASCADE, related_name="schedule_entries", verbose_name="Cơ quan"
    )
    kind = models.CharField("Loại lịch", max_length=20, choices=KIND_CHOICES, default=WORK)
    date = models.DateField("Ngày")
    start = models.TimeField("Bắt đầu")
    end = models.TimeField("Kết thúc", null=True, blank=True)
    content = models.TextField("Nội dung")
    place = models.CharField("Địa điểm", max_length=255, blank=True)
    leader = models.CharField("Chủ trì", max_length=255, blank=True)
    participants = models.TextField("Thành phần", blank=True)
    updated_at = models.DateTimeField("Cập nhật lúc", auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("agency"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("date"), FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("content"),
        FieldPanel("place"),
        MultiFieldPanel([FieldPanel("leader"), FieldPanel("participants")], heading="Chủ trì / Thành phần"),
    ]

    class Meta:
        verbose_name = "Mục lịch công tác"
        verbose_name_plural = "Lịch công tác"
        ordering = ["date", "start", "pk"]
        indexes = [models.Index(fields=["date", "start"])]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.start:%H:%M} – {self.content[:60]}"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "Giờ kết thúc phải sau giờ bắt đầu."})

    @property
    def time_label(self):
        return f"{self.start:%H:%M}–{self.end:%H:%M}" if self.end else f"{self.start:%H:%M}"

    @property
    def starts_at(self):
        return datetime.datetime.combine(self.date, self.start)


class SchedulePage(RoutablePageMixin, PortalPageMixin, Page):
    """The portal's weekly schedule at /lich-cong-tac/: every agency's entries for one ISO week,
    with `?tuan=2026-W49`, `?agency=slug`, `?loai=tiep-cong-dan` and an iCalendar export at ical/.
    Created once under the home page by migrate (schedule/apps.py); the entries are not pages."""

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Trang lịch công tác"

    def get_cached_paths(self):
        # Purged together when entries change (schedule/signals.py).
        return ["/", "ical/"]

    def entries(self, agency=None, kind=""):
        entries = ScheduleEntry.objects.filter(agency__live=True).select_related("agency")
        if agency is not None:
            entries = entries.filter(agency=agency)
        if kind:
            entries = entries.filter(kind=kind)
        return entries

    @path("")
    def week(self, request):
        form = ScheduleFilterForm(request.GET)
        valid = form.is_valid()
        values = form.cleaned_data if valid else {}
        week = values.get("tuan") or Week.current()
        agency, kind = values.get("agency"), values.get("loai", "")
        entries = (
            list(self.entries(agency, kind).filter(date__range=(week.monday, week.sunday))) if valid else []
        )
        days = [
            {
                "date": day,
                "label": weekday_label(day),
                "entries": [entry for entry in entries if entry.date == day],
            }
            for day in week.days
        ]
        filters = {
            key: value for key, value in (("agency", agency.slug if agency else ""), ("loai", kind)) if value
        }
        response = self.render(
            request,
            context_overrides={
                "form": form,
                "week": week,
                "days": [day for day in days if day["entries"]],
                "entry_count": len(entries),
                "agency": agency,
                "kind_label": KIND_FILTERS.get(kind, ""),
                "agency_choices": self.agency_choices(),
                "week_links": self.week_links(week, filters),
                "ical_query": urlencode(filters),
            },
        )
        if not valid:
            response.status_code = 400
        return response

    @staticmethod
    def week_links(week, filters):
        current = Week.current()
        links = []
        for label, target, rel in (
            ("« Tuần trước", week.shifted(-1), "prev"),
            ("Tuần hiện tại", current, None),
            ("Tuần sau »", week.shifted(1), "next"),
        ):
            query = urlencode({**filters, "tuan": str(target)}) if target != current else urlencode(filters)
            links.append({"label": label, "query": query, "rel": rel, "current": target == week})
        return links

    @staticmethod
    def agency_choices():
        """Agencies that have a schedule, for the filter."""
        from home.models import AgencyPage

        agencies = AgencyPage.objects.live().filter(schedule_entries__isnull=False).distinct()
        return list(agencies.order_by(vietnamese("title")).only("pk", "title", "slug"))

    @path("ical/", name="ical")
    def ical(self, request):
        form = ICalFilterForm(request.GET)
        if not form.is_valid():
            return HttpResponse(form.first_error(), status=400, content_type="text/plain; charset=utf-8")
        agency, kind = form.cleaned_data.get("agency"), form.cleaned_data.get("loai", "")
        # A subscription: from four weeks back on, at most ICAL_LIMIT entries.
        since = Week.current().shifted(-4).monday
        entries = self.entries(agency, kind).filter(date__gte=since)[:ICAL_LIMIT]
        name = f"{self.title} – {agency.title}" if agency else self.title
        body = calendar_text(entries, request.get_host().split(":")[0], name)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        filename = f"lich-cong-tac-{agency.slug}" if agency else "lich-cong-tac"
        response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
        return response
