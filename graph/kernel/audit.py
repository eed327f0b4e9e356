"""The audit trail: one (:AuditEvent {id, at, tokenName, role, operation, ids}) per successful
write through the API, newest first when listed.

The event is written inside the write transaction of the change it records, so both commit or
neither does (a killed API cannot leave a change without its event). The API declares who is
writing and what with `pending(...)` around a mutation's resolver; graph/kernel/db.py runs the
`PendingAudit` hook at the end of every write transaction made inside it, just before commit:
the first one CREATEs the event, any later one of the same mutation adds its ids to it. A
transaction that raises (a DomainError, a failed audit CREATE) rolls back with its event, and
a mutation that wrote nothing records nothing.

`ids` holds the ids the API named in the arguments (Label:id) and those of the nodes the write
returned, labelled here by index seeks over `TOUCHED_LABELS`.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import dataclasses
import inspect
import uuid
from collections.abc import Awaitable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from neo4j import AsyncManagedTransaction

from graph.kernel.db import Database, native, write_hook
from graph.kernel.model import NAMED_LABELS, RECEPTION_LABELS
from graph.kernel.reads import Page, Row, check_page

T = TypeVar("T")


async def uncounted(work: Awaitable[T]) -> T:
    """Await `work` in an empty context, so its Cypher is not counted as the request's round
    trips: X-Cypher-Round-Trips measures the operation, not bookkeeping (tokens, this trail)."""
    task = asyncio.create_task(_await(work), context=contextvars.Context())
    try:
        return await task
    except asyncio.CancelledError:
        # Cancelled (a request's deadline) before the task ran: `work` was never awaited.
        if inspect.iscoroutine(work):
            work.close()
        raise


async def _await(work: Awaitable[T]) -> T:
    return await work


# The labels of the nodes a write may return (all have a unique id constraint).
TOUCHED_LABELS = (*NAMED_LABELS, "Activity", "Proposal", "CalendarFeed", *RECEPTION_LABELS)
_LABEL_OF = " UNION ".join(
    f"MATCH (:{label} {{id: id}}) RETURN '{label}:' + id AS ref" for label in TOUCHED_LABELS
)
# `$ids` first, then the returned nodes as Label:id, each once.
_TOUCHED = f"""
CALL () {{
  UNWIND $returned AS id
  CALL (id) {{ {_LABEL_OF} }}
  RETURN reduce(acc = $ids, ref IN collect(ref) |
                CASE WHEN ref IN acc THEN acc ELSE acc + ref END) AS ids
}}
"""
RECORD_EVENT = (
    _TOUCHED
    + """
CREATE (e:AuditEvent {id: $id, at: datetime(), tokenName: $tokenName, role: $role,
                      operation: $operation, ids: ids})
RETURN e {.*} AS event
"""
)
EXTEND_EVENT = (
    _TOUCHED
    + """
MATCH (e:AuditEvent {id: $id})
SET e.ids = reduce(acc = e.ids, ref IN ids | CASE WHEN ref IN acc THEN acc ELSE acc + ref END)
RETURN e {.*} AS event
"""
)


def returned_ids(result: Any, depth: int = 0) -> Iterator[str]:
    """The `id` of every node row in a write's result (rows, tuples and lists of rows, or a
    dataclass with an `id`, as graph/trips/feeds.py returns)."""
    if depth > 3:
        return
    if isinstance(result, dict):
        if isinstance(result.get("id"), str):
            yield result["id"]
    elif dataclasses.is_dataclass(result) and isinstance(
        node_id := getattr(result, "id", None), str
    ):
        yield node_id
    elif isinstance(result, list | tuple):
        for item in result:
            yield from returned_ids(item, depth + 1)


@dataclass
class PendingAudit:
    """The event a mutation will record in its write transaction(s); see the module doc."""

    token_name: str
    role: str
    operation: str
    ids: list[str]
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    recorded: bool = False  # an earlier transaction of this mutation committed the event
    event: Row | None = None

    async def before_commit(self, tx: AsyncManagedTransaction, result: Any) -> None:
        # tx.run, not graph.db.run: the trail is bookkeeping, not one of the operation's
        # round trips (X-Cypher-Round-Trips counts what the operation itself asks of Neo4j).
        records = await tx.run(
            EXTEND_EVENT if self.recorded else RECORD_EVENT,
            id=self.id,
            tokenName=self.token_name,
            role=self.role,
            operation=self.operation,
            ids=list(dict.fromkeys(self.ids)),
            returned=list(dict.fromkeys(returned_ids(result))),
        )
        row = await records.single(strict=True)
        self.event = native(row.data())["event"]

    def committed(self) -> None:
        self.recorded = True


@contextlib.contextmanager
def pending(
    *, token_name: str, role: str, operation: str, ids: Sequence[str]
) -> Iterator[PendingAudit]:
    """Record the writes made inside the block as one AuditEvent, in their own transactions."""
    audit = PendingAudit(token_name, role, operation, list(ids))
    with write_hook(audit):
        yield audit


# Newest first; id breaks ties so pages are stable.
LIST_EVENTS = """
MATCH (e:AuditEvent)
WHERE ($operation IS NULL OR e.operation = $operation)
  AND ($tokenName IS NULL OR e.tokenName = $tokenName)
WITH e ORDER BY e.at DESC, e.id
WITH collect(e {.*}) AS events
RETURN size(events) AS total, events[$offset..$offset + $first] AS rows
"""


async def list_events(
    db: Database,
    *,
    first: int,
    offset: int,
    operation: str | None = None,
    token_name: str | None = None,
) -> Page:
    check_page(first, offset)
    rows = await db.read(
        LIST_EVENTS, first=first, offset=offset, operation=operation, tokenName=token_name
    )
    return Page(rows=rows[0]["rows"], total=rows[0]["total"])
