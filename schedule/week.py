"""ISO weeks (Monday to Sunday) as the schedule names them: "2026-W49"."""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


@dataclass(frozen=True)
class Week:
    year: int
    number: int

    @classmethod
    def parse(cls, text):
        """The week for "2026-W49", or None for anything else (including W53 of a 52-week year)."""
        match = WEEK_RE.match(text or "")
        if not match:
            return None
        year, number = int(match[1]), int(match[2])
        try:
            datetime.date.fromisocalendar(year, number, 1)
        except ValueError:
            return None
        return cls(year, number)

    @classmethod
    def of(cls, day):
        year, number, _ = day.isocalendar()
        return cls(year, number)

    @classmethod
    def current(cls):
        return cls.of(timezone.localdate())

    @property
    def monday(self):
        return datetime.date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self):
        return self.monday + datetime.timedelta(days=6)

    @property
    def days(self):
        return [self.monday + datetime.timedelta(days=offset) for offset in range(7)]

    def shifted(self, weeks):
        return Week.of(self.monday + datetime.timedelta(weeks=weeks))

    def __str__(self):
        return f"{self.year}-W{self.number:02d}"


def weekday_label(day):
    return f"{WEEKDAYS[day.weekday()]}, {day:%d/%m/%Y}"
