"""What every planning step shares: the activity lock, and the step's result.

Concurrency: every write begins by bumping `a.version` on the activity node (`lock_activity`),
which takes its write lock, so writes to one activity serialise; participants and visits are
relationships created inside that transaction, so two planners editing at once never lose each
other's work. Each step then reads the activity's conflicts in that same transaction and
returns both as a `StepResult`: what the step wrote is what its conflicts describe.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from neo4j import AsyncManagedTransaction

from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.reads import Row, require_node
from graph.kernel.settings import TripRules
from graph.trips import cypher
from graph.trips.conflicts import Conflict, conflicts_in
from graph.trips.vocab import status_of


@dataclass(frozen=True)
class StepResult:
    """The activity as the step left it, and its conflicts, from the step's own transaction."""

    activity: Row
    conflicts: list[Conflict]

    @property
    def id(self) -> str:
        """The activity's id (the audit trail records the ids a write returns)."""
        activity_id: str = self.activity["id"]
        return activity_id


class StepRefused(DomainError):
    """A lifecycle step refused (graph/trips/lifecycle.py), carrying the activity's conflicts
    as they were when it was refused, so a refused schedule shows what blocks it."""

    def __init__(self, error: DomainError, conflicts: list[Conflict]) -> None:
        super().__init__(error.code, error.zh, error.en, field=error.field, ids=error.ids)
        self.conflicts = conflicts


def closed_error(node: Row) -> DomainError:
    status = node.get("status", "DRAFT")
    known = status_of(status)
    return DomainError(
        ErrorCode.CONFLICT,
        f"活动已{known.zh if known else status}，不能再修改",
        f"The activity is {status} and can no longer be changed",
        field="id",
        ids=[node["id"]],
    )


async def lock_activity(
    tx: AsyncManagedTransaction, activity_id: str, *, editable: bool = True
) -> Row:
    """Lock the activity (NOT_FOUND says why there is none); `editable`: it must be open."""
    rows = await run(tx, cypher.LOCK_ACTIVITY, id=activity_id)
    if not rows:
        await require_node(tx, "Activity", activity_id, "activityId")  # says why
    node: Row = rows[0]["node"]
    status = status_of(node.get("status"))
    if editable and status is not None and status.closed:
        raise closed_error(node)
    return node


async def run_step(
    db: Database, rules: TripRules, write: Callable[[AsyncManagedTransaction], Awaitable[Row]]
) -> StepResult:
    """Run `write` (which returns the activity row) in one transaction, then read the
    activity's conflicts in it."""

    async def work(tx: AsyncManagedTransaction) -> StepResult:
        node = await write(tx)
        return StepResult(node, await conflicts_in(tx, node["id"], rules))

    return await db.transaction(work)
