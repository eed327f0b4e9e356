"""The steps of a suggestion's closed loop (see lifecycle.py), one function each.

Every step runs in one transaction that locks the suggestion, checks the move and its inputs,
then writes the new status, the properties that statistics read (facts.py) and one
(:ProposalEvent) for the audit history. A rejected step raises a DomainError before anything
is committed, so it writes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, locks, validate
from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode, not_found
from graph.kernel.model import sort_key
from graph.kernel.reads import Row
from graph.proposals import cypher, handling
from graph.proposals.facts import derived, stats_facts
from graph.proposals.lifecycle import TERMINAL, check_move, evaluate_target
from graph.proposals.vocab import (
    AssignmentRole,
    ProposalAction,
    ProposalStage,
    ProposalStatus,
    ReplyClass,
    Satisfaction,
)
from graph.proposals.writes import (
    check_step_date,
    clean_codes,
    lock_committees,
    lock_industries,
    lock_proposal,
    record_step,
)


@dataclass(frozen=True)
class SubmitInput:
    title: str
    raised_by_label: str  # Deputy | DeputyGroup
    raised_by_id: str
    raised_at: dt.date
    stage: str = ProposalStage.INTERSESSION.value
    summary: str | None = None
    industry_codes: Sequence[str] = ()
    activity_id: str | None = None
    committee_ids: Sequence[str] = ()
    co_signer_ids: Sequence[str] = ()  # deputies who co-sign (联名) a deputy's suggestion


async def submit_proposal(db: Database, data: SubmitInput, by: str) -> Row:
    """Record a suggestion as raised (SUBMITTED), with who entered it; DUPLICATE when the same
    deputy or group raised one with the same title on the same day."""
    return await db.transaction(lambda tx: submit_in(tx, data, by))


async def submit_in(tx: AsyncManagedTransaction, data: SubmitInput, by: str) -> Row:
    """`submit_proposal` inside the caller's transaction (an issue escalated into a suggestion,
    graph/receptions/issue_steps.py, locks the issue first)."""
    title = validate.name(data.title, "input.title")
    summary = validate.optional_text(data.summary, "input.summary")
    dates.in_range(data.raised_at, "input.raisedAt")
    validate.choice(data.stage, "input.stage", ProposalStage.values())
    if data.raised_by_label not in cypher.MATCH_RAISER:
        raise validate.invalid(
            "input.raisedById",
            "提出者须为代表或代表小组",
            "`raisedById` must be a Deputy or a DeputyGroup",
        )
    codes = clean_codes(data.industry_codes)
    committees = list(dict.fromkeys(data.committee_ids))
    co_signers = list(dict.fromkeys(data.co_signer_ids))
    proposal_id = str(uuid.uuid4())
    # The raiser is locked first: the same title twice on one day would pass two checks
    # running side by side.
    await locks.lock_nodes(tx, [(data.raised_by_label, data.raised_by_id, "input.raisedById")])
    raiser = await run(tx, cypher.MATCH_RAISER[data.raised_by_label], id=data.raised_by_id)
    if not raiser:
        raise not_found(data.raised_by_label, data.raised_by_id, field="input.raisedById")
    existing = await run(
        tx,
        cypher.MATCH_DUPLICATE_PROPOSAL[data.raised_by_label],
        raiser=data.raised_by_id,
        title=title,
        raisedAt=data.raised_at,
    )
    if existing:
        raise DomainError(
            ErrorCode.DUPLICATE,
            f"同一提出者同日已提出同名意见建议（{existing[0]['id']}）",
            f"The same deputy or group already raised {title!r} that day: {existing[0]['id']}",
            field="input.title",
            ids=[existing[0]["id"]],
        )
    await lock_industries(tx, codes)
    await lock_committees(tx, committees)
    activity = data.activity_id
    if activity is not None and not await run(tx, cypher.MATCH_ACTIVITY, id=activity):
        raise not_found("Activity", activity, field="input.activityId")
    props = {
        "name": title,
        "title": title,
        "summary": summary,
        "raisedAt": data.raised_at,
        "stage": data.stage,
        "reviewRound": 0,
        "source": "user",
        "enteredBy": by,
        "congressId": raiser[0]["congressId"],
        "groupId": raiser[0]["groupId"],
        **derived(data.raised_at, codes),
    }
    props["statsFacts"] = stats_facts(props)
    await run(tx, cypher.CREATE_PROPOSAL, id=proposal_id, props=props, sortKey=sort_key(title))
    await run(
        tx, cypher.LINK_RAISER[data.raised_by_label], raiser=data.raised_by_id, id=proposal_id
    )
    await run(tx, cypher.SET_INDUSTRIES, id=proposal_id, codes=codes)
    await run(tx, cypher.SET_SUPERVISORS, id=proposal_id, committees=committees)
    if data.activity_id is not None:
        await run(tx, cypher.LINK_ACTIVITY, id=proposal_id, activity=data.activity_id)
    if co_signers:
        await handling.link_co_signers(tx, proposal_id, co_signers, "input.coSignerIds")
    current = {"id": proposal_id, "status": None, "source": "user"}
    return await record_step(
        tx, current, ProposalAction.SUBMIT, ProposalStatus.SUBMITTED, by, note=f"由 {by} 录入"
    )


async def register_proposal(
    db: Database,
    proposal_id: str,
    by: str,
    *,
    industry_codes: Sequence[str] | None = None,
    committee_ids: Sequence[str] | None = None,
    note: str | None = None,
) -> Row:
    """Sort a suggestion (整理): register it, optionally re-filing its industries and naming the
    committees that supervise it."""
    codes = clean_codes(industry_codes) if industry_codes is not None else None
    note = validate.optional_text(note, "input.note")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_proposal(tx, proposal_id)
        to = check_move(current, ProposalAction.REGISTER)
        props: dict[str, Any] = {}
        if codes is not None:
            await lock_industries(tx, codes)
            await run(tx, cypher.SET_INDUSTRIES, id=proposal_id, codes=codes)
            props = derived(current["raisedAt"], codes)
        if committee_ids is not None:
            committees = list(dict.fromkeys(committee_ids))
            await lock_committees(tx, committees)
            await run(tx, cypher.SET_SUPERVISORS, id=proposal_id, committees=committees)
        return await record_step(
            tx, current, ProposalAction.REGISTER, to, by, note=note, props=props
        )

    return await db.transaction(work)


async def assign_proposal(
    db: Database,
    proposal_id: str,
    by: str,
    *,
    lead_unit_id: str,
    co_unit_ids: Sequence[str] = (),
    due: dt.date,
    at: dt.date | None = None,
    note: str | None = None,
) -> Row:
    """Assign (交办) to a lead unit and co-units, due by `due`."""
    assigned_at = at or dt.date.today()
    co = [u for u in dict.fromkeys(co_unit_ids) if u != lead_unit_id]
    note = validate.optional_text(note, "input.note")
    dates.in_range(assigned_at, "at")
    dates.in_range(due, "due")
    dates.not_before(due, assigned_at, "due", "交办日期", "the assignment date")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_proposal(tx, proposal_id)
        to = check_move(current, ProposalAction.ASSIGN)
        dates.not_before(assigned_at, current["raisedAt"], "at", "提出日期", "the date raised")
        if lead_unit_id in (current.get("returnedBy") or []):
            raise validate.invalid(
                "leadUnitId",
                "该单位已退回此意见建议，请交办其他单位",
                "This unit returned the suggestion: assign it to another unit",
            )
        for row in await run(tx, cypher.LOCK_UNITS, ids=[lead_unit_id, *co]):
            if not row["found"]:
                field = "input.leadUnitId" if row["id"] == lead_unit_id else "input.coUnitIds"
                raise not_found("Unit", row["id"], field=field)
        assignments = [{"unit": lead_unit_id, "role": AssignmentRole.LEAD.value}] + [
            {"unit": u, "role": AssignmentRole.CO.value} for u in co
        ]
        await run(
            tx,
            cypher.ASSIGN_UNITS,
            id=proposal_id,
            assignments=assignments,
            at=assigned_at,
            due=due,
        )
        props = {"assignedAt": assigned_at, "due": due}
        return await record_step(tx, current, ProposalAction.ASSIGN, to, by, note=note, props=props)

    return await db.transaction(work)


async def _simple_step(
    db: Database,
    proposal_id: str,
    action: ProposalAction,
    by: str,
    note: str | None,
    props: Mapping[str, Any] | None = None,
    dated: tuple[str, dt.date] | None = None,
    event: Mapping[str, Any] | None = None,
) -> Row:
    """One undated step, or a step dated `dated` = (field, day): checked against the dates of
    the steps before it."""
    note = validate.optional_text(note, "input.note")
    if dated is not None:
        dates.in_range(dated[1], dated[0])

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_proposal(tx, proposal_id)
        to = check_move(current, action)
        if dated is not None:
            check_step_date(current, dated[1], dated[0])
        extra = dict(props or {})
        if action is ProposalAction.REPLY and current.get("repliedAt") is not None:
            # Timeliness is judged on the first reply; a second round keeps that date.
            extra.pop("repliedAt", None)
        if to is ProposalStatus.CLOSED:
            extra["closedAt"] = dt.date.today()
        return await record_step(tx, current, action, to, by, note=note, props=extra, event=event)

    return await db.transaction(work)


async def start_handling(db: Database, proposal_id: str, by: str, note: str | None = None) -> Row:
    return await _simple_step(db, proposal_id, ProposalAction.START_HANDLING, by, note)


async def reply_proposal(
    db: Database,
    proposal_id: str,
    by: str,
    note: str | None = None,
    at: dt.date | None = None,
    *,
    reply_class: str,
    class_reason: str | None = None,
) -> Row:
    """The unit's reply (答复); its text goes into the event's note. `reply_class` classes it
    (A solved or being solved, B planned, C cannot be solved for now: `class_reason` required)."""
    day = at or dt.date.today()
    validate.choice(reply_class, "replyClass", ReplyClass.values())
    reason = validate.optional_text(class_reason, "classReason")
    if reply_class == ReplyClass.C.value and not reason:
        raise validate.invalid(
            "classReason",
            "C类答复（因条件限制暂时无法解决）须说明原因",
            "A class C reply (cannot be solved for now) needs the reason (classReason)",
        )
    props = {"repliedAt": day, "replyClass": reply_class, "replyClassReason": reason}
    return await _simple_step(
        db,
        proposal_id,
        ProposalAction.REPLY,
        by,
        note,
        props,
        ("at", day),
        event={"replyClass": reply_class},
    )


async def close_proposal(db: Database, proposal_id: str, by: str, note: str | None = None) -> Row:
    return await _simple_step(db, proposal_id, ProposalAction.CLOSE, by, note)


async def withdraw_proposal(
    db: Database, proposal_id: str, by: str, note: str | None = None
) -> Row:
    return await _simple_step(db, proposal_id, ProposalAction.WITHDRAW, by, note)


async def evaluate_proposal(
    db: Database, proposal_id: str, by: str, satisfaction: str, note: str | None = None
) -> Row:
    """The deputies' rating (满意 / 基本满意 / 不满意). UNSATISFIED sends it back to HANDLING
    once; the second UNSATISFIED is recorded and closes it for the year-end review."""
    validate.choice(satisfaction, "input.satisfaction", Satisfaction.values())
    note = validate.optional_text(note, "input.note")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_proposal(tx, proposal_id)
        check_move(current, ProposalAction.EVALUATE)
        to, review_round = evaluate_target(satisfaction, current.get("reviewRound") or 0)
        props: dict[str, Any] = {"satisfaction": satisfaction, "reviewRound": review_round}
        note_text: str | None
        if to is ProposalStatus.CLOSED:
            props["closedAt"] = dt.date.today()
            note_text = note or "二次评价不满意，提交年终评议 / second UNSATISFIED: year-end review"
        else:
            note_text = note
        return await record_step(
            tx,
            current,
            ProposalAction.EVALUATE,
            to,
            by,
            note=note_text,
            satisfaction=satisfaction,
            props=props,
        )

    return await db.transaction(work)


async def merge_proposal(
    db: Database, proposal_id: str, into_id: str, by: str, note: str | None = None
) -> Row:
    """Merge into another suggestion that is still open (并案)."""
    note = validate.optional_text(note, "input.note")
    if into_id == proposal_id:
        raise validate.invalid(
            "input.intoId", "不能与自身合并", "A suggestion cannot be merged into itself"
        )

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_proposal(tx, proposal_id)
        to = check_move(current, ProposalAction.MERGE)
        target = await lock_proposal(tx, into_id, "input.intoId")
        target_status = ProposalStatus(target["status"])
        if target_status in TERMINAL:
            raise DomainError(
                ErrorCode.CONFLICT,
                f"目标意见建议已{target_status.zh}，不能并入",
                f"The target suggestion is {target['status']} and cannot take a merge",
                field="input.intoId",
                ids=[into_id],
            )
        await run(tx, cypher.LINK_MERGED_INTO, id=proposal_id, into=into_id)
        return await record_step(
            tx, current, ProposalAction.MERGE, to, by, note=note or f"并入 {into_id}"
        )

    return await db.transaction(work)


async def transfer_proposal(
    db: Database,
    proposal_id: str,
    by: str,
    *,
    unit_id: str,
    kind: str,
    note: str | None = None,
    at: dt.date | None = None,
) -> Row:
    """Transfer out of the loop, e.g. into a procuratorate's public-interest litigation
    suggestion (公益诉讼检察建议): `kind` says into what."""
    kind = validate.name(kind, "input.kind")
    note = validate.optional_text(note, "input.note")
    day = at or dt.date.today()
    dates.in_range(day, "at")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_proposal(tx, proposal_id)
        to = check_move(current, ProposalAction.TRANSFER)
        check_step_date(current, day, "at")
        if not (await run(tx, cypher.LOCK_UNITS, ids=[unit_id]))[0]["found"]:
            raise not_found("Unit", unit_id, field="input.unitId")
        await run(tx, cypher.LINK_TRANSFERRED_TO, id=proposal_id, unit=unit_id, at=day, kind=kind)
        return await record_step(
            tx,
            current,
            ProposalAction.TRANSFER,
            to,
            by,
            note=note or kind,
            props={"transferredTo": kind},
        )

    return await db.transaction(work)
