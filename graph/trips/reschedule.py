"""Moving a trip's dates with its visits (`updateActivity` with `moveVisits: true`, the default).

Every visit keeps its offset from the first day: a trip moved a week later visits each
enterprise a week later. The move is refused (CONFLICT, nothing written) when it would give the
trip a conflict it did not have before: a visit past the new last day (the trip was shortened),
an enterprise visited by another trip within the cap's window, a participant booked on another
trip on the new dates, and so on; the refusal names the visits (and deputies) at fault and
carries those conflicts. Conflicts the trip already had are no reason to refuse.

Concurrency (lock, then check, then write): the caller holds the activity's lock
(graph/trips/steps.py), so no participant or visit of this trip changes meanwhile; this module
then locks the trip's participants and visited enterprises, in (label, id) order, so that two
trips moved at once into each other's way meet on a shared deputy or enterprise: the second
waits, then sees the first one's new days in its own check. The visits are moved and the
conflicts read in the same transaction; a refusal raises, and the transaction writes nothing.
"""

from __future__ import annotations

import datetime as dt

from neo4j import AsyncManagedTransaction

from graph.kernel.db import run
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.locks import lock_nodes
from graph.kernel.reads import Row
from graph.kernel.settings import TripRules
from graph.trips import cypher
from graph.trips.conflicts import Conflict, conflicts_in
from graph.trips.steps import StepRefused


async def lock_plan(tx: AsyncManagedTransaction, activity_id: str) -> None:
    """Lock the trip's participants and visited enterprises (the activity is locked already)."""
    rows = await run(tx, cypher.MATCH_PLAN_NODES, id=activity_id)
    await lock_nodes(
        tx,
        [("Deputy", d, "input.id") for d in rows[0]["deputies"]]
        + [("Enterprise", e, "input.id") for e in rows[0]["enterprises"]],
    )


def _key(conflict: Conflict) -> tuple[str, tuple[tuple[str, str], ...]]:
    return conflict.kind.value, tuple(conflict.refs)


async def shift_visits(
    tx: AsyncManagedTransaction,
    current: Row,
    start: dt.date,
    rules: TripRules,
    before: list[Conflict],
    field: str,
) -> None:
    """Move the visits with the start (the activity's new dates are written already), then
    refuse if the trip now has a conflict that is not in `before`."""
    days = (start - current["start"]).days
    if days:
        await run(tx, cypher.SHIFT_VISITS, id=current["id"], days=days)
    known = {_key(c) for c in before}
    new = [c for c in await conflicts_in(tx, current["id"], rules) if _key(c) not in known]
    if new:
        error = DomainError(
            ErrorCode.CONFLICT,
            "改期后行程会出现新的冲突，未作修改：" + "；".join(c.zh for c in new),
            "Moving the trip would give it new conflicts; nothing was changed: "
            + "; ".join(c.en for c in new),
            field=field,
            ids=sorted({i for c in new for i in c.ids}),
        )
        raise StepRefused(error, new)
