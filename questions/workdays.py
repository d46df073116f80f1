"""Working days for the answer deadline: Decree 43/2011 Art. 17 gives 15 working days.

A working day is Monday to Friday, minus the public holidays in HOLIDAYS. The law
(Bộ luật Lao động 2019, Art. 112) fixes the holidays: Tết Dương lịch 1/1; Tết Âm lịch 5 days;
Giỗ Tổ Hùng Vương 10/3 âm lịch; 30/4; 1/5; Quốc khánh 2/9 and one day before or after it; a
holiday on a weekend is taken on the next working day. Which days are off each year, and any
swapped days, are announced by the Prime Minister (Thủ tướng Chính phủ) through the Ministry of
Home Affairs (Bộ Nội vụ, formerly Bộ Lao động – Thương binh và Xã hội) notice for that year;
the table below lists the weekdays off from those notices. 2027 is provisional: Tết and the day
next to 2/9 follow the usual pattern until that year's notice is out, then update this table.
"""

import datetime

SLA_WORKING_DAYS = 15


def _days(year, month, first, last=None):
    return [datetime.date(year, month, day) for day in range(first, (last or first) + 1)]


# Weekdays off only (weekends are never working days anyway).
HOLIDAYS = frozenset(
    [
        # 2025 (notice of the MoLISA, Công văn 7139/BLĐTBXH-CSLĐ; 2/5 swapped with Saturday 26/4)
        *_days(2025, 1, 1),  # Tết Dương lịch
        *_days(2025, 1, 27, 31),  # Tết Ất Tỵ: 25/1–2/2/2025
        *_days(2025, 4, 7),  # Giỗ Tổ Hùng Vương (10/3 Ất Tỵ)
        *_days(2025, 4, 30),
        *_days(2025, 5, 1, 2),
        *_days(2025, 9, 1, 2),  # Quốc khánh and the day before
        # 2026
        *_days(2026, 1, 1),  # Tết Dương lịch
        *_days(2026, 2, 16, 20),  # Tết Bính Ngọ: 14/2–22/2/2026
        *_days(2026, 4, 27),  # Giỗ Tổ Hùng Vương (10/3 Bính Ngọ = Sunday 26/4), taken on Monday
        *_days(2026, 4, 30),
        *_days(2026, 5, 1),
        *_days(2026, 9, 1, 2),  # Quốc khánh and the day before
        # 2027 (provisional, see above)
        *_days(2027, 1, 1),  # Tết Dương lịch
        *_days(2027, 2, 4, 5),  # Tết Đinh Mùi (mùng 1 = Saturday 6/2/2027): 29–30 Tết
        *_days(2027, 2, 8, 10),  # ... and mùng 3–5
        *_days(2027, 4, 16),  # Giỗ Tổ Hùng Vương (10/3 Đinh Mùi)
        *_days(2027, 4, 30),
        *_days(2027, 5, 3),  # 1/5 is a Saturday: taken on Monday
        *_days(2027, 9, 2, 3),  # Quốc khánh and the day after
    ]
)


def is_working_day(day):
    return day.weekday() < 5 and day not in HOLIDAYS


def working_days_between(start, end):
    """Working days after `start` up to and including `end` (dates): the days a question has
    waited when it arrived on `start` and it is now `end`. Zero when end <= start."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def add_working_days(start, days):
    """The date `days` working days after `start`: the answer deadline for a question sent on it."""
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day
