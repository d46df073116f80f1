"""The home page's "Lịch công tác tuần này": the rest of this week's schedule, soonest first."""

import datetime

from django.utils import timezone

from schedule.week import Week, weekday_label

HOME_BLOCK_ENTRIES = 6


def this_week_block(context):
    from schedule.models import ScheduleEntry, SchedulePage

    today = timezone.localdate()
    week = Week.of(today)
    entries = (
        ScheduleEntry.objects.filter(agency__live=True, date__range=(today, week.sunday))
        .select_related("agency")
        .order_by("date", "start", "pk")[:HOME_BLOCK_ENTRIES]
    )
    return {
        "schedule_page": SchedulePage.objects.live().first(),
        "schedule_week": week,
        "schedule_items": [{"entry": entry, "day": weekday_label(entry.date)} for entry in entries],
        "schedule_today": today,
        "schedule_tomorrow": today + datetime.timedelta(days=1),
    }
