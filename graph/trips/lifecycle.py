"""The lifecycle of an activity: DRAFT → SCHEDULED → IN_PROGRESS → COMPLETED, or CANCELLED from
any state but COMPLETED; nothing else (`TRANSITIONS`). COMPLETED and CANCELLED activities are
closed: no further edits. Hard conflicts block the move to SCHEDULED (CONFLICT, with the
conflicts listed); warnings never block.

A refused move raises `StepRefused`, which carries the activity's conflicts as the move's own
transaction saw them (so a refused schedule shows what blocks it).
"""

from __future__ import annotations

from neo4j import AsyncManagedTransaction

from graph.kernel import validate
from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.reads import Row
from graph.kernel.settings import TripRules
from graph.trips import cypher
from graph.trips.conflicts import DEFAULT_RULES, Conflict, conflicts_in
from graph.trips.steps import StepRefused, StepResult, lock_activity
from graph.trips.vocab import ActivityStatus, status_of

DRAFT, SCHEDULED, IN_PROGRESS, COMPLETED, CANCELLED = ActivityStatus

TRANSITIONS: dict[ActivityStatus, tuple[ActivityStatus, ...]] = {
    DRAFT: (SCHEDULED, CANCELLED),
    SCHEDULED: (IN_PROGRESS, CANCELLED),
    IN_PROGRESS: (COMPLETED, CANCELLED),
    COMPLETED: (),
    CANCELLED: (),
}


def _illegal_move(node: Row, target: ActivityStatus) -> DomainError:
    status = node.get("status", "DRAFT")
    known = status_of(status)
    allowed = TRANSITIONS[known] if known else ()
    allowed_zh = "、".join(s.zh for s in allowed) or "无"
    return DomainError(
        ErrorCode.CONFLICT,
        f"活动状态为{known.zh if known else status}，不能改为{target.zh}（可改为：{allowed_zh}）",
        f"Cannot move the activity from {status} to {target.value}; allowed: "
        f"{', '.join(s.value for s in allowed) or 'none'}",
        field="status",
        ids=[node["id"]],
    )


def _refusal(node: Row, target: ActivityStatus, found: list[Conflict]) -> DomainError | None:
    """Why the activity cannot move to `target` now, if it cannot."""
    known = status_of(node.get("status", "DRAFT"))
    if known is None or target not in TRANSITIONS[known]:
        return _illegal_move(node, target)
    hard = [c for c in found if c.hard]
    if target is SCHEDULED and hard:
        return DomainError(
            ErrorCode.CONFLICT,
            "存在硬冲突，不能安排：" + "；".join(c.zh for c in hard),
            "Hard conflicts block scheduling: " + "; ".join(c.en for c in hard),
            field="status",
            ids=sorted({i for c in hard for i in c.ids}),
        )
    return None


def _summary(summary: str | None) -> str:
    text = validate.optional_text(summary, "summary")
    if not text:
        raise validate.invalid("summary", "总结不能为空", "`summary` is required to complete")
    return text


async def _move(
    db: Database,
    activity_id: str,
    target: ActivityStatus,
    rules: TripRules,
    summary: str | None = None,
) -> StepResult:
    # An activity's own status is no part of its conflicts, so those read before the move
    # are those after it.
    async def work(tx: AsyncManagedTransaction) -> StepResult:
        try:
            text = _summary(summary) if target is COMPLETED else None
            current = await lock_activity(tx, activity_id, editable=False)
        except DomainError as error:
            raise StepRefused(error, await conflicts_in(tx, activity_id, rules)) from error
        found = await conflicts_in(tx, activity_id, rules)
        refusal = _refusal(current, target, found)
        if refusal is not None:
            raise StepRefused(refusal, found)
        rows = await run(tx, cypher.SET_STATUS, id=activity_id, status=target.value, summary=text)
        return StepResult(rows[0]["node"], found)

    return await db.transaction(work)


async def schedule_activity(
    db: Database, activity_id: str, *, rules: TripRules = DEFAULT_RULES
) -> StepResult:
    return await _move(db, activity_id, SCHEDULED, rules)


async def start_activity(
    db: Database, activity_id: str, *, rules: TripRules = DEFAULT_RULES
) -> StepResult:
    return await _move(db, activity_id, IN_PROGRESS, rules)


async def complete_activity(
    db: Database, activity_id: str, summary: str, *, rules: TripRules = DEFAULT_RULES
) -> StepResult:
    return await _move(db, activity_id, COMPLETED, rules, summary)


async def cancel_activity(
    db: Database, activity_id: str, *, rules: TripRules = DEFAULT_RULES
) -> StepResult:
    return await _move(db, activity_id, CANCELLED, rules)
