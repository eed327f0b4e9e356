"""What every step of the loop (steps.py) does in its transaction: lock the suggestion first,
check what it points at (locking that too), then record the move: the new status, the
statistics properties that follow from the changes (facts.py) and one (:ProposalEvent) for the
audit history.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, validate
from graph.kernel.db import run
from graph.kernel.errors import not_found
from graph.kernel.reads import Row
from graph.proposals import cypher
from graph.proposals.facts import STATS_INPUTS, stats_facts
from graph.proposals.vocab import ProposalAction, ProposalStatus


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def lock_proposal(tx: AsyncManagedTransaction, proposal_id: str, field: str = "id") -> Row:
    """The suggestion's stored properties, under its write lock; NOT_FOUND naming `field`."""
    rows = await run(tx, cypher.LOCK_PROPOSAL, id=proposal_id)
    if not rows:
        raise not_found("Proposal", proposal_id, field=field)
    node: Row = rows[0]["node"]
    return node


async def record_step(
    tx: AsyncManagedTransaction,
    current: Row,
    action: ProposalAction,
    to: ProposalStatus,
    by: str,
    *,
    note: str | None = None,
    satisfaction: str | None = None,
    props: Mapping[str, Any] | None = None,
    event: Mapping[str, Any] | None = None,
) -> Row:
    """Write the move of `current` (as locked) to `to` with `props`, and its history event
    (with the properties `event` adds: a reply's class, a supervision's kind …)."""
    changes = dict(props or {})
    if any(key in changes for key in STATS_INPUTS):
        # `current` is the whole node (LOCK), so the packed facts follow from it and the changes.
        changes["statsFacts"] = stats_facts({**current, **changes})
    rows = await run(
        tx,
        cypher.RECORD_STEP,
        id=current["id"],
        props=changes,
        to=to.value,
        eventId=str(uuid.uuid4()),
        at=_now(),
        by=by or "system",
        action=action.value,
        note=note,
        satisfaction=satisfaction,
        extra={k: v for k, v in (event or {}).items() if v is not None},
        **{"from": current.get("status")},
    )
    node: Row = rows[0]["node"]
    return node


async def lock_industries(tx: AsyncManagedTransaction, codes: Sequence[str]) -> None:
    for row in await run(tx, cypher.LOCK_INDUSTRIES, codes=list(codes)):
        if not row["found"]:
            raise not_found("Industry", row["code"], field="input.industryCodes")


async def lock_committees(tx: AsyncManagedTransaction, ids: Sequence[str]) -> None:
    for row in await run(tx, cypher.LOCK_COMMITTEES, ids=list(ids)):
        if not row["found"]:
            raise not_found("Committee", row["id"], field="input.committeeIds")


def clean_codes(codes: Iterable[str]) -> list[str]:
    """The industry codes, each checked and once, in the order given."""
    out: list[str] = []
    for code in codes:
        clean = validate.industry_code(code, "input.industryCodes")
        if clean not in out:
            out.append(clean)
    return out


# The dated steps before a step's own date, latest last: a reply is not dated before the
# suggestion was raised, assigned or first replied to (each step not before the previous one).
EARLIER_STEPS = (
    ("raisedAt", "提出日期", "the date raised"),
    ("assignedAt", "交办日期", "the assignment date"),
    ("repliedAt", "首次答复日期", "the first reply"),
)


def check_step_date(current: Row, day: dt.date, field: str) -> None:
    """INVALID naming `field` when `day` is before a step the suggestion has taken."""
    for key, zh, en in EARLIER_STEPS:
        dates.not_before(day, current.get(key), field, zh, en)
