"""The rows of one issue (诉求/问题) and its history, as graph/receptions/ stores them, shared by
the demo's reception and campaign parts (datasets/demo/receptions.py, campaigns.py).

An issue walks the loop 问需求 → 建清单 → 交办 → 盯办理 → 答复 → 办结 (RAISE, LIST, ASSIGN, FOLLOW,
ANSWER, CLOSE) up to the status it has today, one IssueEvent a step, numbered by `seq`, each at
10:00 Beijing time of its day; the issue's dates (`assignedAt`, `answeredAt`, `closedAt`) are the
days of those steps, so a status and its history never disagree. The events are illustrative
(the seed says how issues are handled, not on which day each step was taken), whatever the
issue's own source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from datasets.demo.ids import ILLUSTRATIVE
from datasets.rows import Chunk, node
from graph.kernel.reads import Row

D = dt.date
BEIJING = dt.timezone(dt.timedelta(hours=8))
# The loop's statuses in order, and the action that reaches each.
STEPS = (
    ("RAISED", "RAISE"),
    ("LISTED", "LIST"),
    ("ASSIGNED", "ASSIGN"),
    ("HANDLING", "FOLLOW"),
    ("ANSWERED", "ANSWER"),
    ("CLOSED", "CLOSE"),
)
STATUSES = tuple(status for status, _ in STEPS)


def at(day: D, hour: int = 10, minute: int = 0) -> dt.datetime:
    """`day` at `hour`:`minute` Beijing time, as the UTC instant the graph stores."""
    return dt.datetime.combine(day, dt.time(hour, minute), BEIJING).astimezone(dt.UTC)


def contact_row(cid: str, name: str, phone: str) -> Row:
    """A citizen's contact (personal data, only ever behind a booking or an issue)."""
    return {"id": cid, "name": name, "source": ILLUSTRATIVE, "phone": phone}


@dataclass
class IssuePlan:
    """One issue: what was raised, by whom and where, and how far its handling has come.

    `status` is where it stands today; the step days default to a plain rhythm after `raised`
    (listed the same day, assigned `assign_after` days later, followed up a fortnight after
    that, answered `answer_after` days after assignment, closed a week later)."""

    id: str
    title: str
    congress: str
    raised: D
    origin: str
    status: str
    by: str  # who records the steps (the congress's office, text)
    source: str = ILLUSTRATIVE
    unit: str | None = None
    outcome: str | None = None
    detail: str | None = None
    measure: str | None = None
    promise: str | None = None
    promised_by: D | None = None
    answer: str | None = None
    assign_after: int = 3
    due_days: int = 30
    answer_after: int = 20
    satisfaction: str | None = None
    industry: str | None = None
    activity: str | None = None
    campaign: str | None = None
    booking: str | None = None
    enterprises: tuple[str, ...] = ()
    deputies: tuple[str, ...] = ()
    contact: tuple[str, str] | None = None  # (name, phone)
    notes: dict[str, str] = field(default_factory=dict)  # action → event note

    def days(self) -> dict[str, D]:
        """The day of each step this issue has taken (by action)."""
        assigned = self.raised + dt.timedelta(days=self.assign_after)
        answered = assigned + dt.timedelta(days=self.answer_after)
        every = {
            "RAISE": self.raised,
            "LIST": self.raised,
            "ASSIGN": assigned,
            "FOLLOW": assigned + dt.timedelta(days=min(14, max(self.answer_after - 1, 0))),
            "ANSWER": answered,
            "CLOSE": answered + dt.timedelta(days=7),
        }
        reached = STATUSES.index(self.status) + 1
        return {action: every[action] for _, action in STEPS[:reached]}


def add_issue(chunk: Chunk, plan: IssuePlan) -> Row:
    """Add the issue's node, its events and its links to `chunk`; the issue's row."""
    if plan.status not in STATUSES:
        raise ValueError(f"{plan.id}: unknown status {plan.status}")
    if (plan.status == "CLOSED") != (plan.outcome is not None):
        raise ValueError(f"{plan.id}: an outcome exactly when CLOSED")
    days = plan.days()
    assigned = days.get("ASSIGN")
    due = assigned + dt.timedelta(days=plan.due_days) if assigned else None
    if assigned and plan.unit is None:
        raise ValueError(f"{plan.id}: assigned, but to no unit")
    row = node(
        plan.id,
        plan.title,
        plan.source,
        title=plan.title,
        detail=plan.detail,
        origin=plan.origin,
        status=plan.status,
        raisedAt=plan.raised,
        year=plan.raised.year,
        measure=plan.measure,
        promise=plan.promise,
        promisedBy=plan.promised_by,
        due=due,
        assignedAt=assigned,
        answeredAt=days.get("ANSWER"),
        answer=plan.answer if "ANSWER" in days else None,
        closedAt=days.get("CLOSE"),
        outcome=plan.outcome,
        satisfaction=plan.satisfaction if "CLOSE" in days else None,
        congressId=plan.congress,
    )
    chunk.node("Issue", row)
    previous: str | None = None
    for seq, ((status, action), day) in enumerate(zip(STEPS, days.values(), strict=False), 1):
        event = node(
            f"{plan.id}-e{seq}",
            action,
            ILLUSTRATIVE,
            at=at(day, 10 + seq // 3, (seq * 10) % 60),
            by=plan.by,
            action=action,
            to=status,
            seq=seq,
            note=plan.notes.get(action),
            unitId=plan.unit if action == "ASSIGN" else None,
            due=due if action == "ASSIGN" else None,
        )
        if previous is not None:
            event["from"] = previous
        previous = status
        chunk.node("IssueEvent", event)
        chunk.rel("ISSUE_HAS_EVENT", "Issue", "IssueEvent", plan.id, event["id"])
    if assigned and plan.unit:
        chunk.rel("ISSUE_ASSIGNED_TO", "Issue", "Unit", plan.id, plan.unit, at=assigned, due=due)
    _links(chunk, plan)
    return row


def _links(chunk: Chunk, plan: IssuePlan) -> None:
    if plan.activity:
        chunk.rel("RAISED_AT", "Issue", "Activity", plan.id, plan.activity)
    if plan.campaign:
        chunk.rel("IN_CAMPAIGN", "Issue", "Campaign", plan.id, plan.campaign)
    if plan.booking:
        chunk.rel("FROM_BOOKING", "Issue", "Booking", plan.id, plan.booking)
    if plan.industry:
        chunk.rel("IN_INDUSTRY", "Issue", "Industry", plan.id, plan.industry)
    for enterprise in plan.enterprises:
        chunk.rel("RAISED_BY", "Issue", "Enterprise", plan.id, enterprise)
    for deputy in plan.deputies:
        chunk.rel("COLLECTED", "Deputy", "Issue", deputy, plan.id)
    if plan.contact:
        name, phone = plan.contact
        chunk.node("Contact", contact_row(f"{plan.id}-contact", name, phone))
        chunk.rel("CONTACT", "Issue", "Contact", plan.id, f"{plan.id}-contact")
