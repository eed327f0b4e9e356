"""Times of day and months as the receptions domain stores them.

A slot is two "HH:MM" strings (24 h) with start before end; strings of that fixed width sort
as times do, so Cypher compares them directly (`b.slotStart < $slotEnd`). A month is
"YYYY-MM", the key of a venue's monthly summary.
"""

from __future__ import annotations

import datetime as dt
import re

from graph.kernel import dates, validate

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def hhmm(value: str, field: str) -> str:
    text = validate.clean_text(value)
    if not _HHMM.match(text):
        raise validate.invalid(
            field,
            f"{field} 须为 24 小时制时间 HH:MM（如 09:00），收到 {text!r}",
            f"`{field}` must be a 24-hour time HH:MM (e.g. 09:00), got {text!r}",
        )
    return text


def slot(start: str, end: str, field: str = "input") -> tuple[str, str]:
    """A valid slot (start, end), start strictly before end; INVALID names the field."""
    first = hhmm(start, f"{field}.slotStart")
    last = hhmm(end, f"{field}.slotEnd")
    if last <= first:
        raise validate.invalid(
            f"{field}.slotEnd",
            f"结束时间（{last}）须晚于开始时间（{first}）",
            f"`slotEnd` ({last}) must be after `slotStart` ({first})",
        )
    return first, last


def within(inner: tuple[str, str], outer: tuple[str, str]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def month(value: str, field: str = "month") -> tuple[str, dt.date, dt.date]:
    """("YYYY-MM", its first day, its last day); INVALID naming `field` otherwise."""
    text = validate.clean_text(value)
    found = _MONTH.match(text)
    if not found:
        raise validate.invalid(
            field,
            f"{field} 须为 YYYY-MM 格式的月份（如 2025-03），收到 {text!r}",
            f"`{field}` must be a month YYYY-MM (e.g. 2025-03), got {text!r}",
        )
    first = dt.date(int(found[1]), int(found[2]), 1)
    dates.in_range(first, field)
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return text, first, following - dt.timedelta(days=1)
