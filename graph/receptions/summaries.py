"""A venue's monthly summary (the 321 rule's "one work summary a month"), generated from the
graph, and kept as a record once confirmed.

Until confirmed, the summary is computed on every read (a DRAFT, never stored): the figures
follow the graph as receptions are held and issues answered. Confirming stores the figures as
they are at that moment (CONFIRMED, with who confirmed and a note), once per venue and month,
under the venue's lock; from then on the stored record is what the month says, whatever
changes later. A month that has not begun has nothing to summarise and is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field

from neo4j import AsyncManagedTransaction

from graph.kernel import validate
from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode, not_found
from graph.kernel.locks import lock_nodes
from graph.kernel.reads import Row
from graph.receptions import cypher_summaries as cypher
from graph.receptions import slots
from graph.receptions.vocab import IssueStatus, SummaryStatus
from graph.trips.conflicts import MIN_DEPUTIES

OPEN_STATUSES = [s.value for s in IssueStatus if s.open]


@dataclass(frozen=True)
class Summary:
    venue_id: str
    month: str
    status: str
    receptions: int  # held (COMPLETED)
    planned: int
    deputies_present: int
    understaffed: int
    issues_by_status: dict[str, int] = field(default_factory=dict)
    feedback_overdue: int = 0
    id: str | None = None
    confirmed_at: dt.datetime | None = None
    confirmed_by: str | None = None
    note: str | None = None

    @property
    def issues_raised(self) -> int:
        return sum(self.issues_by_status.values())

    @classmethod
    def from_stored(cls, venue_id: str, row: Row) -> Summary:
        return cls(
            venue_id=venue_id,
            month=row["month"],
            status=row["status"],
            receptions=row.get("receptions") or 0,
            planned=row.get("planned") or 0,
            deputies_present=row.get("deputiesPresent") or 0,
            understaffed=row.get("understaffed") or 0,
            issues_by_status=json.loads(row.get("issuesByStatus") or "{}"),
            feedback_overdue=row.get("feedbackOverdue") or 0,
            id=row["id"],
            confirmed_at=row.get("confirmedAt"),
            confirmed_by=row.get("confirmedBy"),
            note=row.get("note"),
        )


def _month(month: str, today: dt.date) -> tuple[str, dt.date, dt.date]:
    text, first, last = slots.month(month)
    if first > today:
        raise validate.invalid(
            "month", f"{text} 尚未开始，不能总结", f"{text} has not begun; nothing to summarise"
        )
    return text, first, last


async def _generate(
    tx: AsyncManagedTransaction, venue_id: str, month: tuple[str, dt.date, dt.date], today: dt.date
) -> Summary:
    rows = await run(
        tx,
        cypher.GENERATE_SUMMARY,
        venue=venue_id,
        today=today,
        open=OPEN_STATUSES,
        minDeputies=MIN_DEPUTIES,
        **{"from": month[1], "to": month[2]},
    )
    if not rows:
        raise not_found("Venue", venue_id, field="venueId")
    row = rows[0]
    by_status = {s.value: 0 for s in IssueStatus}
    for status in row["statuses"]:
        by_status[status] = by_status.get(status, 0) + 1
    return Summary(
        venue_id=venue_id,
        month=month[0],
        status=SummaryStatus.DRAFT.value,
        receptions=row["held"],
        planned=row["planned"],
        deputies_present=row["deputiesPresent"],
        understaffed=row["understaffed"],
        issues_by_status=by_status,
        feedback_overdue=row["overdue"],
    )


async def month_summary(
    db: Database, venue_id: str, month: str, *, today: dt.date | None = None
) -> Summary:
    """The confirmed record of the month, or else the figures generated now (DRAFT)."""
    day = today or dt.date.today()
    wanted = _month(month, day)

    async def work(tx: AsyncManagedTransaction) -> Summary:
        stored = await run(tx, cypher.MATCH_SUMMARY, venue=venue_id, month=wanted[0])
        if stored:
            return Summary.from_stored(venue_id, stored[0]["node"])
        return await _generate(tx, venue_id, wanted, day)

    return await db.read_transaction(work)


async def confirm_summary(
    db: Database,
    venue_id: str,
    month: str,
    note: str | None,
    confirmed_by: str,
    *,
    today: dt.date | None = None,
) -> Summary:
    """Store the month's figures as generated now, once (CONFLICT for a second confirm)."""
    day = today or dt.date.today()
    wanted = _month(month, day)
    text = validate.optional_text(note, "note", limit=2000)

    async def work(tx: AsyncManagedTransaction) -> Summary:
        await lock_nodes(tx, [("Venue", venue_id, "venueId")])
        stored = await run(tx, cypher.MATCH_SUMMARY, venue=venue_id, month=wanted[0])
        if stored:
            node = stored[0]["node"]
            when = str(node.get("confirmedAt"))[:10]
            raise DomainError(
                ErrorCode.CONFLICT,
                f"{wanted[0]} 的月度总结已于 {when} 确认，不能再次确认",
                f"The summary of {wanted[0]} was already confirmed ({when})",
                field="month",
                ids=[node["id"]],
            )
        figures = await _generate(tx, venue_id, wanted, day)
        props = {
            "month": wanted[0],
            "status": SummaryStatus.CONFIRMED.value,
            "receptions": figures.receptions,
            "planned": figures.planned,
            "deputiesPresent": figures.deputies_present,
            "understaffed": figures.understaffed,
            "issuesRaised": figures.issues_raised,
            "issuesByStatus": json.dumps(figures.issues_by_status, sort_keys=True),
            "feedbackOverdue": figures.feedback_overdue,
            "confirmedBy": confirmed_by or None,
            "note": text,
            "source": "user",
        }
        rows = await run(
            tx, cypher.CREATE_SUMMARY, venue=venue_id, id=uuid.uuid4().hex, props=props
        )
        return Summary.from_stored(venue_id, rows[0]["node"])

    return await db.transaction(work)
