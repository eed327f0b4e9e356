"""Reads of trips: the activity list with its filters, the activities of an owner (the
reverse fields), trip suggestions, and what a calendar feed shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from graph.kernel import validate
from graph.kernel.db import Database
from graph.kernel.errors import not_found
from graph.kernel.reads import Page, Row, check_page
from graph.trips import cypher
from graph.trips.conflicts import own_employer
from graph.trips.vocab import ActivityKind, ActivityStatus, InviteReason


@dataclass(frozen=True)
class ActivityFilter:
    start: dt.date | None = None  # activities that end on or after this day
    end: dt.date | None = None  # … and start on or before this one
    status: Sequence[str] | None = None
    kind: Sequence[str] | None = None
    committee_id: str | None = None
    group_id: str | None = None
    deputy_id: str | None = None
    industry_code: str | None = None  # the industry and its sub-tree
    enterprise_id: str | None = None


async def list_activities(db: Database, filter: ActivityFilter, *, first: int, offset: int) -> Page:
    """One page of activities by start date, with the total matching the filter."""
    check_page(first, offset)
    if filter.start and filter.end and filter.end < filter.start:
        raise validate.invalid("filter.to", "`to` 早于 `from`", "`to` is before `from`")
    for value in filter.status or ():
        validate.choice(value, "filter.status", (s.value for s in ActivityStatus))
    for value in filter.kind or ():
        validate.choice(value, "filter.kind", (k.value for k in ActivityKind))
    rows = await db.read(
        cypher.LIST_ACTIVITIES,
        **{"from": filter.start, "to": filter.end},
        status=list(filter.status) if filter.status else None,
        kind=list(filter.kind) if filter.kind else None,
        committee=filter.committee_id,
        group=filter.group_id,
        deputy=filter.deputy_id,
        enterprise=filter.enterprise_id,
        industry=validate.industry_code(filter.industry_code, "filter.industryCode")
        if filter.industry_code
        else None,
        skip=offset,
        limit=first,
    )
    return Page(total=rows[0]["total"], rows=rows[0]["rows"])


async def activities_by(db: Database, label: str, ids: Sequence[str]) -> list[list[Row]]:
    """For each id of a Committee, DeputyGroup, Deputy or Enterprise, its activities by date."""
    rows = await db.read(cypher.LIST_ACTIVITIES_OF[label], ids=list(ids))
    found = {row["id"]: row["items"] for row in rows}
    return [found.get(i, []) for i in ids]


@dataclass(frozen=True)
class Suggestion:
    committees: list[Row]
    groups: list[Row]
    # Deputies with `reason` (and its `rank`), `via` (the group's or committee's row) and
    # `viaLabel`, `employers` (the suggested enterprises they work at) and `conflicts`
    # (OWN_EMPLOYER, one per such enterprise).
    invitees: list[Row]
    enterprises: list[Row]  # with lastVisited (None: never), least recently visited first


async def suggest_trip(
    db: Database, industry_code: str, start: dt.date, end: dt.date, *, limit: int = 50
) -> Suggestion:
    """Who to involve and where to go for a trip on an industry (its sub-tree included).

    An invitee who works at a suggested enterprise stays on the list, flagged: a warning, not
    an exclusion. Conveners and members are often invited for what they know of their own
    industry, and the conflict only exists if they visit their employer, so the planner
    chooses: leave the deputy out or leave that stop out. Built anyway, the trip has the
    OWN_EMPLOYER conflict (graph/trips/conflicts.py, the same message), which blocks
    scheduling."""
    code = validate.industry_code(industry_code, "industryCode")
    if end < start:
        raise validate.invalid("to", "`to` 早于 `from`", f"`to` ({end}) is before `from` ({start})")
    rows = await db.read(cypher.SUGGEST_TRIP, code=code, **{"from": start, "to": end}, limit=limit)
    if not rows:
        raise not_found("Industry", code, field="industryCode")
    row = rows[0]
    invitees = [
        {
            **d,
            "reason": InviteReason.of_rank(d["rank"]).value,
            "conflicts": [
                own_employer(
                    {
                        "deputy": d["id"],
                        "deputyName": d["name"],
                        "enterprise": e["id"],
                        "enterpriseName": e["name"],
                    }
                )
                for e in d["employers"]
            ],
        }
        for d in row["invitees"]
    ]
    return Suggestion(row["committees"], row["groups"], invitees, row["enterprises"])


@dataclass(frozen=True)
class CalendarFeed:
    owner_label: str
    owner_id: str
    owner_name: str
    activities: list[Row]  # each with `visits` (in order) and `participants`


async def calendar_feed(db: Database, label: str, owner_id: str) -> CalendarFeed:
    """The non-cancelled activities of a deputy, committee or group, for an iCalendar feed."""
    if label not in cypher.MATCH_CALENDAR:
        raise validate.invalid("kind", f"不支持的日历类型 {label}", f"No calendars for {label}")
    rows = await db.read(cypher.MATCH_CALENDAR[label], id=owner_id)
    if not rows:
        raise not_found(label, owner_id, field="id")
    return CalendarFeed(label, owner_id, rows[0]["name"], rows[0]["activities"])
