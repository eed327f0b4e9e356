"""Plausible dates: every date a mutation takes lies in a range and in order.

The range runs from the founding of the People's Republic (1949-10-01) to ten years after today
by default; `THIRDLINK_EARLIEST_DATE` (an ISO date) and `THIRDLINK_YEARS_AHEAD` (whole years)
change it. It is read at each check, so a long-running API moves its upper bound with the
calendar. The statistics' packed facts (graph/proposals/facts.py) count days up to 2173, so the
upper bound is capped there: with dates in range, the fast and the general statistics agree.

Order is the caller's business (each domain knows which date follows which); `not_before`
phrases the error the same way everywhere. Both raise DomainError(INVALID) naming the field.
"""

from __future__ import annotations

import datetime as dt
import os

from graph.kernel.validate import invalid

# Dates packed into integers (the suggestion statistics' facts, graph/proposals/facts.py) count
# days from FACTS_EPOCH; NO_DAY marks "no date" and is also the cap: dates up to 2173.
FACTS_EPOCH = dt.date(1900, 1, 1)
NO_DAY = 99_999

DEFAULT_EARLIEST = dt.date(1949, 10, 1)
DEFAULT_YEARS_AHEAD = 10
# The last day graph/proposals/facts.py can pack (its NO_DAY marks "no date").
LAST_PACKABLE = FACTS_EPOCH + dt.timedelta(days=NO_DAY - 1)


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def date_range(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """(earliest, latest) accepted date, from the environment or the defaults."""
    earliest_text = os.environ.get("THIRDLINK_EARLIEST_DATE")
    years_text = os.environ.get("THIRDLINK_YEARS_AHEAD")
    earliest = dt.date.fromisoformat(earliest_text) if earliest_text else DEFAULT_EARLIEST
    years = int(years_text) if years_text else DEFAULT_YEARS_AHEAD
    latest = min(_years_later(today or dt.date.today(), years), LAST_PACKABLE)
    return earliest, latest


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def in_range(value: dt.date | dt.datetime | None, field: str) -> None:
    """INVALID naming `field` when `value` lies outside `date_range()`; None passes."""
    if value is None:
        return
    earliest, latest = date_range()
    day = _day(value)
    if earliest <= day <= latest:
        return
    raise invalid(
        field,
        f"{field} 日期 {day.isoformat()} 不在合理范围内"
        f"（{earliest.isoformat()} 至 {latest.isoformat()}）",
        f"`{field}` {day.isoformat()} is outside the plausible range "
        f"{earliest.isoformat()} to {latest.isoformat()}",
    )


def not_before(
    value: dt.date | dt.datetime,
    earlier: dt.date | dt.datetime | None,
    field: str,
    zh_earlier: str,
    en_earlier: str,
) -> None:
    """INVALID naming `field` when `value` is before `earlier` (e.g. a reply before the
    suggestion was raised); `zh_earlier` / `en_earlier` say what `earlier` is."""
    if earlier is None or _day(value) >= _day(earlier):
        return
    day, before = _day(value).isoformat(), _day(earlier).isoformat()
    raise invalid(
        field,
        f"{field} 日期 {day} 早于{zh_earlier}（{before}）",
        f"`{field}` {day} is before {en_earlier} ({before})",
    )
