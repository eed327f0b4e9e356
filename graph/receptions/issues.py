"""An issue raised by people or an enterprise (诉求) and its closed loop (四闭环): 问需求 (RAISED)
→ 建清单 (LISTED) → 交办 (ASSIGNED) → 盯办理 (HANDLING) → 答复 (ANSWERED) → CLOSED, like a
suggestion's (graph/proposals/lifecycle.py): a table of allowed moves, each step under a lock on
the issue (lock, check, write, in one transaction), one (:IssueEvent) per step.

This module holds the rules (MOVES, `allowed_moves`, `check_move`), the step recorder and
`raise_issue`; the other steps are in issue_steps.py. An issue stores the ids of what it links
to (activityId, venueId, campaignId, enterpriseId, unitId, industryPath …) as well as the
relationships, so lists and statistics read the issue alone (issue_reads.py, issue_stats.py).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, locks, validate
from graph.kernel.dates import FACTS_EPOCH, NO_DAY
from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode, not_found
from graph.kernel.model import sort_key
from graph.kernel.reads import Row
from graph.proposals.facts import industry_path
from graph.receptions import contacts
from graph.receptions import cypher_issues as cypher
from graph.receptions.vocab import IssueAction, IssueOrigin, IssueStatus
from graph.trips.vocab import ActivityKind

S = IssueStatus
A = IssueAction

# status → the moves out of it (action, status after). FOLLOW repeats while HANDLING; ESCALATE
# (转为意见建议) keeps the status and is allowed once (see `allowed_moves`).
MOVES: dict[IssueStatus, tuple[tuple[IssueAction, IssueStatus], ...]] = {
    S.RAISED: ((A.LIST, S.LISTED),),
    S.LISTED: ((A.ASSIGN, S.ASSIGNED), (A.ESCALATE, S.LISTED)),
    S.ASSIGNED: ((A.FOLLOW, S.HANDLING), (A.ANSWER, S.ANSWERED), (A.ESCALATE, S.ASSIGNED)),
    S.HANDLING: ((A.FOLLOW, S.HANDLING), (A.ANSWER, S.ANSWERED), (A.ESCALATE, S.HANDLING)),
    S.ANSWERED: ((A.CLOSE, S.CLOSED),),
    S.CLOSED: (),
}

OPEN = [s.value for s in IssueStatus if s.open]


def allowed_moves(current: Row) -> list[tuple[IssueAction, IssueStatus]]:
    """The moves the issue whose stored properties are `current` may make (ESCALATE only while
    it has not been escalated)."""
    moves = MOVES[IssueStatus(current["status"])]
    escalated = current.get("proposalId") is not None
    return [(a, to) for a, to in moves if not (a is A.ESCALATE and escalated)]


def check_move(current: Row, action: IssueAction) -> IssueStatus:
    """The status `action` leads to; CONFLICT naming the current status and the allowed moves."""
    for move, to in allowed_moves(current):
        if move is action:
            return to
    status = IssueStatus(current["status"])
    moves = allowed_moves(current)
    zh = "、".join(f"{a.zh}→{to.zh}" for a, to in moves) or "无（已办结）"
    en = ", ".join(f"{a.value} → {to.value}" for a, to in moves) or "none (closed)"
    raise DomainError(
        ErrorCode.CONFLICT,
        f"诉求当前状态为“{status.zh}”，不能{action.zh}；可执行：{zh}",
        f"An issue in status {status.value} cannot {action.value}; allowed: {en}",
        field="id",
        ids=[str(current["id"])],
    )


def overdue(row: Row, today: dt.date) -> bool:
    """Feedback overdue: still open and past the date promised on the spot."""
    promised = row.get("promisedBy")
    return row.get("status") in OPEN and promised is not None and promised < today


def stats_facts(row: Row) -> int:
    """What statistics count, packed into one integer so they come from an index
    (migration 14: (campaignId, status, statsFacts), (year, status, statsFacts)) without
    reading the issues: promised day × 8 + assigned × 4 + answered × 2 + solved. The promised
    day counts from FACTS_EPOCH (NO_DAY: none promised); cypher_issues.REFRESH_KEYS computes
    the same in Cypher."""
    promised = row.get("promisedBy")
    day = (promised - FACTS_EPOCH).days if promised is not None else NO_DAY
    solved = row.get("status") == S.CLOSED.value and row.get("outcome") == "SOLVED"
    return (
        day * 8
        + 4 * (row.get("assignedAt") is not None)
        + 2 * (row.get("answeredAt") is not None)
        + int(solved)
    )


# The ids of its links an issue also stores as properties (lists and statistics filter on them).
LINK_KEYS = (
    "activityId",
    "venueId",
    "bookingId",
    "campaignId",
    "enterpriseId",
    "unitId",
    "industryCode",
    "proposalId",
)


def stored_keys(issue: Mapping[str, Any], links: Mapping[str, str | None]) -> dict[str, Any]:
    """The keys an issue stores, from its properties and the ids of its links (LINK_KEYS):
    for issues written in the stored format by a dataset, the same as raise_issue and the steps
    store (and cypher_issues.REFRESH_KEYS recomputes). Keys without a value are left out."""
    code = links.get("industryCode")
    raised: dt.date = issue["raisedAt"]
    keys: dict[str, Any] = {key: links.get(key) for key in LINK_KEYS}
    keys |= {
        "industryPath": industry_path([code]) if code else [],
        "year": raised.year,
        "month": raised.strftime("%Y-%m"),
    }
    keys["statsFacts"] = stats_facts({**issue, **keys})
    return {key: value for key, value in keys.items() if value is not None}


def facts_day(today: dt.date) -> int:
    """`today` as the facts count it (see `stats_facts`)."""
    return (today - FACTS_EPOCH).days


async def lock_issue(tx: AsyncManagedTransaction, issue_id: str) -> Row:
    rows = await run(tx, cypher.LOCK_ISSUE, id=issue_id)
    if not rows:
        raise not_found("Issue", issue_id, field="id")
    node: Row = rows[0]["node"]
    return node


async def record_step(
    tx: AsyncManagedTransaction,
    current: Row,
    action: IssueAction,
    to: IssueStatus,
    by: str,
    *,
    note: str | None = None,
    props: Mapping[str, Any] | None = None,
    unit_id: str | None = None,
    due: dt.date | None = None,
) -> Row:
    """Write the move of `current` (as locked) to `to` with `props`, and its history event."""
    changes = dict(props or {})
    if current.get("status") is not None:  # a new issue has its facts from `raise_issue`
        changes["statsFacts"] = stats_facts({**current, **changes, "status": to.value})
    rows = await run(
        tx,
        cypher.RECORD_STEP,
        id=current["id"],
        props=changes,
        to=to.value,
        eventId=uuid.uuid4().hex,
        source=current.get("source") or "user",
        at=dt.datetime.now(dt.UTC),
        by=by or "system",
        action=action.value,
        note=note,
        unitId=unit_id,
        due=due,
        **{"from": current.get("status")},
    )
    node: Row = rows[0]["node"]
    return node


@dataclass(frozen=True)
class IssueInput:
    title: str
    origin: str
    detail: str | None = None
    raised_at: dt.date | None = None  # default today
    reception_id: str | None = None  # a reception (Activity kind RECEPTION)
    activity_id: str | None = None  # a trip visit (an Activity that is not a reception)
    booking_id: str | None = None
    campaign_id: str | None = None
    enterprise_id: str | None = None
    deputy_ids: Sequence[str] = ()  # who collected it
    industry_code: str | None = None
    measure: str | None = None
    promise: str | None = None
    promised_by: dt.date | None = None
    contact: contacts.ContactInput | None = None
    source: str = "user"


# What each origin needs among the links given: (input field, zh, en).
ORIGIN_NEEDS = {
    IssueOrigin.RECEPTION: ("input.receptionId", "接待", "a reception (receptionId)"),
    IssueOrigin.VISIT: ("input.activityId", "走访活动", "a visit (activityId)"),
    IssueOrigin.CAMPAIGN: ("input.campaignId", "专项活动", "a campaign (campaignId)"),
    IssueOrigin.BOOKING: ("input.bookingId", "预约", "a booking (bookingId)"),
}


def _clean(data: IssueInput) -> tuple[IssueInput, dt.date, str | None]:
    """Checks that need no database: the text, dates, origin and its link."""
    validate.choice(data.origin, "input.origin", IssueOrigin.values())
    origin = IssueOrigin(data.origin)
    if data.reception_id and data.activity_id:
        raise validate.invalid(
            "input.activityId",
            "接待（receptionId）与走访活动（activityId）只能填一个",
            "Give a reception (receptionId) or a visit (activityId), not both",
        )
    given = {
        IssueOrigin.RECEPTION: data.reception_id,
        IssueOrigin.VISIT: data.activity_id,
        IssueOrigin.CAMPAIGN: data.campaign_id,
        IssueOrigin.BOOKING: data.booking_id,
    }
    if not given[origin]:
        field, zh, en = ORIGIN_NEEDS[origin]
        raise validate.invalid(
            field, f"来源为“{origin.zh}”的诉求须指明{zh}", f"A {origin.value} issue needs {en}"
        )
    raised_at = data.raised_at or dt.date.today()
    dates.in_range(raised_at, "input.raisedAt")
    if data.promised_by is not None:
        dates.in_range(data.promised_by, "input.promisedBy")
        dates.not_before(data.promised_by, raised_at, "input.promisedBy", "提出日期", "raisedAt")
    code = (
        validate.industry_code(data.industry_code, "input.industryCode")
        if data.industry_code
        else None
    )
    cleaned = IssueInput(
        **{
            **data.__dict__,
            "title": validate.name(data.title, "input.title"),
            "detail": validate.optional_text(data.detail, "input.detail"),
            "measure": validate.optional_text(data.measure, "input.measure"),
            "promise": validate.optional_text(data.promise, "input.promise"),
            "deputy_ids": list(dict.fromkeys(data.deputy_ids)),
            "contact": contacts.clean(data.contact) if data.contact else None,
        }
    )
    return cleaned, raised_at, code


async def _check_links(tx: AsyncManagedTransaction, data: IssueInput) -> Row:
    """Lock what the issue links to and read its context; the origin must fit the links."""
    activity = data.reception_id or data.activity_id
    field = "input.receptionId" if data.reception_id else "input.activityId"
    wanted = [("Deputy", d, "input.deputyIds") for d in data.deputy_ids]
    for label, node_id, fld in (
        ("Activity", activity, field),
        ("Booking", data.booking_id, "input.bookingId"),
        ("Campaign", data.campaign_id, "input.campaignId"),
        ("Enterprise", data.enterprise_id, "input.enterpriseId"),
    ):
        if node_id:
            wanted.append((label, node_id, fld))
    await locks.lock_nodes(tx, wanted)
    if (
        data.industry_code
        and not (await run(tx, cypher.LOCK_INDUSTRY, code=data.industry_code))[0]["found"]
    ):
        raise not_found("Industry", data.industry_code, field="input.industryCode")
    context: Row = (
        await run(
            tx,
            cypher.RAISE_CONTEXT,
            activity=activity,
            booking=data.booking_id,
            campaign=data.campaign_id,
        )
    )[0]
    is_reception = context["activityKind"] == ActivityKind.RECEPTION.value
    if data.reception_id and not is_reception:
        raise validate.invalid(
            "input.receptionId",
            "receptionId 须为接待活动（kind 为 RECEPTION）",
            "`receptionId` must be a reception (an Activity of kind RECEPTION)",
        )
    if data.activity_id and is_reception:
        raise validate.invalid(
            "input.activityId",
            "activityId 须为走访活动而非接待；接待请填 receptionId",
            "`activityId` must be a visit, not a reception: give a reception as receptionId",
        )
    return context


async def raise_issue(db: Database, data: IssueInput, by: str) -> Row:
    """Record an issue as raised (问需求, RAISED), with who collected it and where."""
    data, raised_at, code = _clean(data)
    issue_id = uuid.uuid4().hex

    async def work(tx: AsyncManagedTransaction) -> Row:
        context = await _check_links(tx, data)
        activity = data.reception_id or data.activity_id
        # A visit made in a campaign brings its issues into the campaign.
        campaign = data.campaign_id or context["activityCampaignId"]
        props = {
            "name": data.title,
            "title": data.title,
            "detail": data.detail,
            "origin": data.origin,
            "raisedAt": raised_at,
            "measure": data.measure,
            "promise": data.promise,
            "promisedBy": data.promised_by,
            "congressId": context["congressId"],
            "source": data.source,
        }
        links = {
            "activityId": activity,
            "venueId": context["venueId"],
            "bookingId": data.booking_id,
            "campaignId": campaign,
            "enterpriseId": data.enterprise_id,
            "industryCode": code,
        }
        props |= stored_keys({**props, "status": S.RAISED.value}, links)
        await run(
            tx,
            cypher.CREATE_ISSUE,
            id=issue_id,
            props=props,
            sortKey=sort_key(data.title),
            activity=activity,
            booking=data.booking_id,
            campaign=campaign,
            enterprise=data.enterprise_id,
            industry=code,
            deputies=list(data.deputy_ids),
        )
        if data.contact is not None:
            await contacts.set_contact(tx, "Issue", issue_id, data.contact)
        current = {"id": issue_id, "status": None, "source": data.source}
        return await record_step(tx, current, A.RAISE, S.RAISED, by)

    return await db.transaction(work)


async def refresh_keys(db: Database) -> None:
    """Recompute the keys every issue stores (ids of its links, month, industry path,
    statsFacts) from its relationships and properties: for issues loaded in the stored format
    by other means (seeds, demo or benchmark data), so lists and statistics see them."""
    async with db.driver.session(database=db.database) as session:
        result = await session.run(cypher.REFRESH_KEYS, epoch=FACTS_EPOCH, noDay=NO_DAY)
        await result.consume()
