"""Where a congress's third link is missing a piece, and where its work in a period left
holes: groups without a trip or a suggestion, enterprises visited above the trip planner's cap
(为基层减负)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.kernel import dates, validate
from graph.kernel.db import Database
from graph.kernel.errors import not_found
from graph.kernel.reads import Row
from graph.kernel.settings import TripRules
from graph.liaison.cypher import MATCH_COVERAGE_GAPS, MATCH_GROUPS_CONGRESS, MATCH_NODE_NAME


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class VisitLoad:
    """An enterprise visited above the cap: its visits' days in the period, and the most visits
    within the cap's window of one visit (`peak`, on `peak_day`)."""

    enterprise: Row
    days: list[dt.date]
    peak: int
    peak_day: dt.date


@dataclass(frozen=True)
class CoverageGaps:
    congress_id: str | None  # None: every congress
    period: Period
    rules: TripRules
    industries_without_committee: list[Row]
    industries_without_group: list[Row]
    groups_without_committee: list[Row]
    groups_without_alliance: list[Row]
    alliances_without_group: list[Row]
    groups_without_convener: list[Row]
    groups_without_trip: list[Row]
    groups_without_proposal: list[Row]
    enterprises_over_cap: list[VisitLoad]


def period(start: dt.date | None, end: dt.date | None, today: dt.date | None = None) -> Period:
    """The period asked for; a missing end is filled from the year of the other one, else of
    today (1 January, 31 December). INVALID when a date is implausible or the period ends
    before it starts."""
    dates.in_range(start, "from")
    dates.in_range(end, "to")
    year = (start or end or today or dt.date.today()).year
    start = start or dt.date(year, 1, 1)
    end = end or dt.date(year, 12, 31)
    if end < start:
        raise validate.invalid(
            "to",
            f"结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}",
            f"`to` ({end.isoformat()}) is before `from` ({start.isoformat()})",
        )
    return Period(start, end)


async def report_congress(db: Database, congress_id: str | None) -> str | None:
    """The congress a report is about: the one named (NOT_FOUND when there is none), else the
    one congress with deputy groups (the demo's), else None: every congress."""
    if congress_id is not None:
        if not await db.read(MATCH_NODE_NAME["Congress"], id=congress_id):
            raise not_found("Congress", congress_id, field="congressId")
        return congress_id
    rows = await db.read(MATCH_GROUPS_CONGRESS)
    return str(rows[0]["id"]) if len(rows) == 1 else None


async def coverage_gaps(
    db: Database,
    congress_id: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    rules: TripRules | None = None,
) -> CoverageGaps:
    """The gaps of a congress's third link (an industry no committee reaches, a group without an
    alliance or a convener, …) and of its work in a period (see cypher.MATCH_COVERAGE_GAPS)."""
    rules = rules or TripRules()
    span = period(start, end)
    congress = await report_congress(db, congress_id)
    row = (
        await db.read(
            MATCH_COVERAGE_GAPS,
            congress=congress,
            **{"from": span.start, "to": span.end},
            cap=rules.visit_cap,
            capDays=rules.visit_cap_days,
        )
    )[0]
    return CoverageGaps(
        congress_id=congress,
        period=span,
        rules=rules,
        industries_without_committee=row["industriesWithoutCommittee"],
        industries_without_group=row["industriesWithoutGroup"],
        groups_without_committee=row["groupsWithoutCommittee"],
        groups_without_alliance=row["groupsWithoutAlliance"],
        alliances_without_group=row["alliancesWithoutGroup"],
        groups_without_convener=row["groupsWithoutConvener"],
        groups_without_trip=row["groupsWithoutTrip"],
        groups_without_proposal=row["groupsWithoutProposal"],
        enterprises_over_cap=[
            VisitLoad(r["node"], r["days"], r["peak"], r["peakDay"])
            for r in row["enterprisesOverCap"]
        ],
    )
