"""Handling as the rules have it: what a unit, the clerks and the supervising committees do
besides the loop's steps (steps.py).

- Return (退回): the lead unit returns a suggestion assigned to it by mistake within a number of
  working days of the assignment (HandlingRules, default 5; Monday to Friday), with a reason.
  It goes back to REGISTERED, its units are cleared, and it is assigned again — to another unit
  (assign_proposal refuses the units that returned it).
- Extension (延期): the due date is extended once, with a reason; a second is refused.
- Key supervision (重点督办): a supervising committee and a leader are named; the supervision's
  actions (通报, 约谈, 回访) are events in the history.
- Joint suggestions: one lead deputy (领衔, the raiser) and co-signers (联名).

Each runs in one transaction that locks the suggestion first, then checks, then writes the
change and its (:ProposalEvent), like the steps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, locks, validate
from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.reads import Row
from graph.kernel.settings import HandlingRules
from graph.proposals import cypher_handling as cypher
from graph.proposals.lifecycle import check_move
from graph.proposals.vocab import ProposalAction, ProposalStatus, RaiserRole, SupervisionKind
from graph.proposals.writes import check_step_date, lock_proposal, record_step


def add_working_days(day: dt.date, days: int) -> dt.date:
    """The day `days` working days (Monday to Friday) after `day`."""
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def return_deadline(assigned_at: dt.date, rules: HandlingRules) -> dt.date:
    """The last day the lead unit may return a suggestion assigned on `assigned_at`."""
    return add_working_days(assigned_at, rules.return_working_days)


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else "—"


def required_text(value: str | None, field: str, zh: str, en: str) -> str:
    """A reason that must be given: INVALID naming `field` when missing or blank."""
    text = validate.optional_text(value, field)
    if not text:
        raise validate.invalid(field, zh, en)
    return text


async def return_proposal(
    db: Database,
    proposal_id: str,
    by: str,
    *,
    reason: str,
    rules: HandlingRules,
    at: dt.date | None = None,
) -> Row:
    """The lead unit returns the suggestion (退回/申请调整): back to REGISTERED, for the clerks to
    assign it to another unit. CONFLICT naming the deadline after the window."""
    reason = required_text(
        reason, "reason", "退回须说明理由", "A return needs a reason (why it is not this unit's)"
    )
    day = at or dt.date.today()
    dates.in_range(day, "at")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_proposal(tx, proposal_id)
        to = check_move(current, ProposalAction.RETURN)
        check_step_date(current, day, "at")
        assigned_at = current.get("assignedAt") or current["raisedAt"]
        deadline = return_deadline(assigned_at, rules)
        if day > deadline:
            n = rules.return_working_days
            raise DomainError(
                ErrorCode.CONFLICT,
                f"已超过退回期限：交办日期 {assigned_at.isoformat()} 起 {n} 个工作日内"
                f"（截至 {deadline.isoformat()}）可申请退回，今为 {day.isoformat()}",
                f"Too late to return: a unit may return a suggestion within {n} working days of "
                f"its assignment on {assigned_at.isoformat()}, that is by "
                f"{deadline.isoformat()} (the return is dated {day.isoformat()})",
                field="at",
                ids=[proposal_id],
            )
        lead = await run(tx, cypher.LOCK_LEAD_UNIT, id=proposal_id)
        unit = lead[0] if lead else None
        await run(tx, cypher.DELETE_ASSIGNMENTS, id=proposal_id)
        returned = list(current.get("returnedBy") or [])
        if unit is not None and unit["id"] not in returned:
            returned.append(unit["id"])
        props = {
            "assignedAt": None,
            "due": None,
            "originalDue": None,
            "dueExtendedAt": None,
            "returnedBy": returned,
        }
        who = f"{unit['name']}：" if unit else ""
        return await record_step(
            tx,
            current,
            ProposalAction.RETURN,
            to,
            by,
            note=f"{who}{reason}（{day.isoformat()} 退回）",
            props=props,
            event={"unitId": unit["id"] if unit else None},
        )

    return await db.transaction(work)


async def extend_due(db: Database, proposal_id: str, by: str, *, due: dt.date, reason: str) -> Row:
    """Extend the due date (延期) once, with a reason; the second extension is CONFLICT."""
    reason = required_text(reason, "reason", "延期须说明理由", "An extension needs a reason")
    dates.in_range(due, "due")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_proposal(tx, proposal_id)
        to = check_move(current, ProposalAction.EXTEND_DUE)
        extended = current.get("dueExtendedAt")
        if extended is not None:
            was, now = _day(current.get("originalDue")), _day(current.get("due"))
            raise DomainError(
                ErrorCode.CONFLICT,
                f"办理期限只能延期一次：已于 {_day(extended)} 由 {was} 延至 {now}",
                f"The due date may be extended once: it was extended on {_day(extended)} "
                f"from {was} to {now}",
                field="due",
                ids=[proposal_id],
            )
        old = current.get("due")
        if old is not None and due <= old:
            raise validate.invalid(
                "due",
                f"延期后的期限 {due.isoformat()} 须晚于现期限 {old.isoformat()}",
                f"The extended due date {due.isoformat()} must be after the current one, "
                f"{old.isoformat()}",
            )
        await run(tx, cypher.SET_ASSIGNMENTS_DUE, id=proposal_id, due=due)
        today = dt.date.today()
        props = {"due": due, "originalDue": old, "dueExtendedAt": today}
        note = f"期限由 {_day(old)} 延至 {due.isoformat()}：{reason}"
        return await record_step(
            tx,
            current,
            ProposalAction.EXTEND_DUE,
            to,
            by,
            note=note,
            props=props,
            event={"due": due},
        )

    return await db.transaction(work)


async def mark_key_supervised(
    db: Database,
    proposal_id: str,
    by: str,
    *,
    committee_id: str,
    leader: str,
    note: str | None = None,
) -> Row:
    """Make it a key supervised suggestion (重点督办) of `committee_id`, led by `leader` (a
    named person: a standing committee leader need not be a deputy in the graph). Once."""
    leader = validate.name(leader, "leader")
    note = validate.optional_text(note, "note")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_proposal(tx, proposal_id)
        to = check_move(current, ProposalAction.MARK_KEY)
        if current.get("keySupervised"):
            raise DomainError(
                ErrorCode.CONFLICT,
                f"该意见建议已于 {_day(current.get('keySince'))} 列为重点督办"
                f"（督办领导：{current.get('keyLeader')}）",
                "The suggestion is key supervised already",
                field="id",
                ids=[proposal_id],
            )
        await locks.lock_nodes(tx, [("Committee", committee_id, "committeeId")])
        committee = (
            await run(tx, cypher.LINK_KEY_SUPERVISOR, committee=committee_id, id=proposal_id)
        )[0]
        props = {
            "keySupervised": True,
            "keyCommitteeId": committee_id,
            "keyLeader": leader,
            "keySince": dt.date.today(),
        }
        text = f"督办委员会：{committee['name']}；督办领导：{leader}"
        return await record_step(
            tx,
            current,
            ProposalAction.MARK_KEY,
            to,
            by,
            note=f"{text}。{note}" if note else text,
            props=props,
        )

    return await db.transaction(work)


async def record_supervision(
    db: Database, proposal_id: str, by: str, *, kind: str, note: str
) -> Row:
    """A supervision action on a key supervised suggestion (通报, 约谈, 回访), in its history."""
    validate.choice(kind, "kind", SupervisionKind.values())
    note = required_text(note, "note", "请记录督办情况", "Say what was done (who, what was agreed)")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_proposal(tx, proposal_id)
        to = check_move(current, ProposalAction.SUPERVISE)
        if not current.get("keySupervised"):
            raise DomainError(
                ErrorCode.CONFLICT,
                "该意见建议尚未列为重点督办，请先列为重点督办",
                "The suggestion is not key supervised: mark it first (markKeySupervised)",
                field="id",
                ids=[proposal_id],
            )
        return await record_step(
            tx,
            current,
            ProposalAction.SUPERVISE,
            to,
            by,
            note=note,
            event={"supervisionKind": kind},
        )

    return await db.transaction(work)


def _co_signer_error(field: str, zh: str, en: str, ids: Sequence[str]) -> DomainError:
    return DomainError(ErrorCode.INVALID, zh, en, field=field, ids=list(ids))


async def check_co_signers(
    tx: AsyncManagedTransaction, proposal_id: str, deputies: Sequence[str], field: str
) -> None:
    """Co-signers of a suggestion whose lead is a deputy: none of them its lead or a co-signer
    already. Call with the suggestion and the deputies locked."""
    signers = await run(tx, cypher.MATCH_SIGNERS, id=proposal_id)
    lead = [s for s in signers if s["role"] == RaiserRole.LEAD.value]
    if lead and not lead[0]["deputy"]:
        raise _co_signer_error(
            field,
            "代表小组提出的意见建议没有联名代表",
            "A suggestion raised by a deputy group has no co-signers",
            deputies,
        )
    for deputy in deputies:
        for s in signers:
            if s["id"] != deputy:
                continue
            if s["role"] == RaiserRole.LEAD.value:
                raise _co_signer_error(
                    field,
                    f"{s['name']} 是领衔代表，不能同时联名",
                    f"{s['name']} is the lead deputy and cannot co-sign too",
                    [deputy],
                )
            raise DomainError(
                ErrorCode.DUPLICATE,
                f"{s['name']} 已是联名代表",
                f"{s['name']} co-signs already",
                field=field,
                ids=[deputy],
            )


async def link_co_signers(
    tx: AsyncManagedTransaction, proposal_id: str, deputies: Sequence[str], field: str
) -> None:
    """Lock the deputies (NOT_FOUND naming `field`), check and link them as co-signers."""
    await locks.lock_nodes(tx, [("Deputy", d, field) for d in deputies])
    await check_co_signers(tx, proposal_id, deputies, field)
    await run(tx, cypher.LINK_CO_SIGNERS, id=proposal_id, deputies=list(deputies))


async def add_co_signer(db: Database, proposal_id: str, deputy_id: str) -> Row:
    """A deputy co-signs (联名) a suggestion while it is still SUBMITTED."""

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_proposal(tx, proposal_id)
        if current["status"] != ProposalStatus.SUBMITTED.value:
            status = ProposalStatus(current["status"])
            raise DomainError(
                ErrorCode.CONFLICT,
                f"联名须在登记前；该意见建议已{status.zh}",
                f"Co-signers join before registration; the suggestion is {status.value}",
                field="id",
                ids=[proposal_id],
            )
        await link_co_signers(tx, proposal_id, [deputy_id], "deputyId")
        return current

    return await db.transaction(work)
