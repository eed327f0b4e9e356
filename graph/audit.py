"""The audit trail: one (:AuditEvent {id, at, tokenName, role, operation, ids}) per successful
write through the API, newest first when listed."""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import uuid
from collections.abc import Awaitable, Sequence
from typing import TypeVar

from graph.db import Database
from graph.queries import Page, Row, check_page

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


RECORD_EVENT = """
CREATE (e:AuditEvent {id: $id, at: datetime(), tokenName: $tokenName, role: $role,
                      operation: $operation, ids: $ids})
RETURN e {.*} AS event
"""

# Newest first; id breaks ties so pages are stable.
LIST_EVENTS = """
MATCH (e:AuditEvent)
WHERE ($operation IS NULL OR e.operation = $operation)
  AND ($tokenName IS NULL OR e.tokenName = $tokenName)
WITH e ORDER BY e.at DESC, e.id
WITH collect(e {.*}) AS events
RETURN size(events) AS total, events[$offset..$offset + $first] AS rows
"""


async def record(
    db: Database, *, token_name: str, role: str, operation: str, ids: Sequence[str]
) -> Row:
    rows = await db.write(
        RECORD_EVENT,
        id=str(uuid.uuid4()),
        tokenName=token_name,
        role=role,
        operation=operation,
        ids=list(dict.fromkeys(ids)),
    )
    event: Row = rows[0]["event"]
    return event


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
