"""The "schedule" section of `import_content` (contracts.md §11).

Keys of the contract: agency (slug), date (YYYY-MM-DD), start and end (HH:MM; end optional),
content, place, leader, participants. Extension keys, all optional:
- kind: "cong-tac" (default) or "tiep-cong-dan" (citizen reception);
- week and weekday instead of date: the day `weekday` (1 Monday … 7 Sunday) of the ISO week
  `week` weeks after the week of the import (0 this week, 1 the next). The demo uses them so
  that its schedule is always around the day it is loaded.

Idempotent by agency, date, start and content: such an entry is updated, not repeated.
"""

import datetime

from django.utils import timezone

from schedule.forms import KIND_FILTERS

KEYS = {
    "agency",
    "date",
    "start",
    "end",
    "content",
    "place",
    "leader",
    "participants",
    "kind",
    "week",
    "weekday",
}


def _time(entry, field, required=False):
    value = entry.text(field, required=required, max_length=5)
    if not value:
        return None
    try:
        parsed = datetime.time.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or len(value) != 5:
        raise entry.error(field, f'"{value}" không phải giờ hợp lệ (định dạng HH:MM, ví dụ 08:00).')
    return parsed


class ScheduleSection:
    key = "schedule"
    label = "Lịch công tác"

    def validate(self, entries, context):
        from home.models import AgencyPage
        from portal_site.importing import Entry

        file_agencies = {raw.get("slug") for raw in context.data.get("agencies", []) if isinstance(raw, dict)}
        cleaned, seen = [], {}
        for position, raw in enumerate(entries):
            entry = Entry(self.key, position, raw)
            unknown = sorted(set(raw) - KEYS)
            if unknown:
                raise entry.error(unknown[0], f"khóa không được hỗ trợ (hỗ trợ: {', '.join(sorted(KEYS))}).")
            item = {
                "agency": entry.slug("agency", required=True),
                "date": self._date(entry),
                "start": _time(entry, "start", required=True),
                "end": _time(entry, "end"),
                "content": entry.text("content", required=True, max_length=2000),
                "place": entry.text("place", max_length=255),
                "leader": entry.text("leader", max_length=255),
                "participants": entry.text("participants", max_length=2000),
                "kind": entry.text("kind", default="cong-tac"),
                "_entry": entry,
            }
            if item["kind"] not in KIND_FILTERS:
                raise entry.error("kind", f'"{item["kind"]}" không hợp lệ (cong-tac hoặc tiep-cong-dan).')
            if item["end"] and item["end"] <= item["start"]:
                raise entry.error("end", "giờ kết thúc phải sau giờ bắt đầu.")
            key = (item["agency"], item["date"], item["start"], item["content"])
            if key in seen:
                raise entry.error(
                    "content", f"trùng với schedule[{seen[key]}] (cùng cơ quan, ngày, giờ và nội dung)."
                )
            seen[key] = position
            cleaned.append(item)

        referenced = {item["agency"] for item in cleaned}
        known = file_agencies | set(
            AgencyPage.objects.filter(slug__in=referenced).values_list("slug", flat=True)
        )
        for item in cleaned:
            if item["agency"] not in known:
                raise item["_entry"].error(
                    "agency", f'không có cơ quan "{item["agency"]}" trong tệp hoặc trong cổng.'
                )
        return cleaned

    @staticmethod
    def _date(entry):
        if "date" in entry.raw:
            if "week" in entry.raw or "weekday" in entry.raw:
                raise entry.error("date", "chỉ dùng một trong hai cách: date hoặc week và weekday.")
            return entry.date("date", required=True)
        if "week" not in entry.raw and "weekday" not in entry.raw:
            raise entry.error("date", "bắt buộc phải có giá trị.")
        week = entry.integer("week", minimum=-52, maximum=52, required=True)
        weekday = entry.integer("weekday", minimum=1, maximum=7, required=True)
        year, number, _ = timezone.localdate().isocalendar()
        monday = datetime.date.fromisocalendar(year, number, 1)
        return monday + datetime.timedelta(weeks=week, days=weekday - 1)

    def write(self, items, context, counts):
        from home.models import AgencyPage
        from portal_site.importing import set_if_changed
        from schedule.models import ScheduleEntry

        agencies = {}
        for done, item in enumerate(items, start=1):
            slug = item["agency"]
            if slug not in agencies:
                agencies[slug] = context.agencies.get(slug) or AgencyPage.objects.get(slug=slug)
            agency = agencies[slug]
            values = {key: item[key] for key in ("end", "place", "leader", "participants", "kind")}
            existing = ScheduleEntry.objects.filter(
                agency=agency, date=item["date"], start=item["start"], content=item["content"]
            ).first()
            if existing is None:
                ScheduleEntry.objects.create(
                    agency=agency, date=item["date"], start=item["start"], content=item["content"], **values
                )
                counts.add("created")
            elif set_if_changed(existing, values):
                existing.save()
                counts.add("updated")
            else:
                counts.add("unchanged")
            context.progress(self.label, done, len(items))
