"""The one door to Neo4j: sessions, transactions, round-trip counting and error translation.

Every query in graph/ goes through `Database.read`, `Database.write` or `run` inside
`Database.transaction`, so driver errors become the project's own `DomainError`s here and each
Cypher round trip is counted for the current request (tests and /metrics read the count).
A write hook set for the current context (`write_hook`, the audit trail of
graph/kernel/audit.py) runs inside every write transaction, just before it commits.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import neo4j
from neo4j import AsyncDriver, AsyncManagedTransaction, RoutingControl
from neo4j import exceptions as nx
from neo4j import time as ntime

from graph.kernel.errors import DomainError, ErrorCode

if TYPE_CHECKING:
    from graph.kernel.settings import Settings

T = TypeVar("T")


@dataclass
class RoundTrips:
    count: int = 0
    queries: list[str] = field(default_factory=list)


_round_trips: ContextVar[RoundTrips | None] = ContextVar("round_trips", default=None)


@contextlib.contextmanager
def count_round_trips() -> Iterator[RoundTrips]:
    """Count the Cypher round trips made inside the block (per task/request)."""
    counter = RoundTrips()
    token = _round_trips.set(counter)
    try:
        yield counter
    finally:
        _round_trips.reset(token)


def _count(query: str) -> None:
    counter = _round_trips.get()
    if counter is not None:
        counter.count += 1
        counter.queries.append(query.strip().splitlines()[0] if query.strip() else "")


class WriteHook(Protocol):
    """Work that rides along in every write transaction of a context (see `write_hook`)."""

    async def before_commit(self, tx: AsyncManagedTransaction, result: Any) -> None:
        """Write inside `tx` after the work returned `result`; raising rolls back both."""

    def committed(self) -> None:
        """The transaction that ran `before_commit` has committed."""


_write_hook: ContextVar[WriteHook | None] = ContextVar("write_hook", default=None)


@contextlib.contextmanager
def write_hook(hook: WriteHook) -> Iterator[WriteHook]:
    """Run `hook` in every write transaction made inside the block (this task only)."""
    token = _write_hook.set(hook)
    try:
        yield hook
    finally:
        _write_hook.reset(token)


def native(value: Any) -> Any:
    """Neo4j values → plain Python (dates, datetimes, nested lists and maps)."""
    if isinstance(value, ntime.Date | ntime.DateTime | ntime.Time | ntime.Duration):
        return value.to_native() if not isinstance(value, ntime.Duration) else value
    if isinstance(value, list):
        return [native(v) for v in value]
    if isinstance(value, dict):
        return {k: native(v) for k, v in value.items()}
    return value


def _translate(exc: Exception) -> DomainError:
    if isinstance(exc, nx.ConstraintError):
        return DomainError(ErrorCode.DUPLICATE, "记录重复", f"Duplicate: {exc.message or exc}")
    if isinstance(exc, nx.ServiceUnavailable | nx.SessionExpired | OSError):
        return DomainError(
            ErrorCode.UNAVAILABLE,
            "图数据库暂时不可用，请稍后重试",
            "The graph database is unavailable; try again shortly",
        )
    if isinstance(exc, nx.TransientError) and "DeadlockDetected" in (exc.code or ""):
        # The driver retried and the same data was still being changed by others.
        return DomainError(
            ErrorCode.UNAVAILABLE,
            "同一数据正被同时修改，请稍后重试",
            "The same data is being changed by other requests; try again shortly",
        )
    if isinstance(exc, nx.Neo4jError) and "TransactionTimedOut" in (exc.code or ""):
        return DomainError(ErrorCode.TIMEOUT, "查询超时", "The query took too long and was stopped")
    raise exc


async def run(tx: AsyncManagedTransaction, query: str, **params: Any) -> list[dict[str, Any]]:
    """Run one query inside a managed transaction; count it; return plain dict rows."""
    _count(query)
    result = await tx.run(query, params)
    return [native(record.data()) for record in [r async for r in result]]


class Database:
    """A driver and the database name it talks to."""

    def __init__(self, driver: AsyncDriver, database: str = "neo4j", timeout: float | None = None):
        self.driver = driver
        self.database = database
        self.timeout = timeout

    async def _query(
        self,
        query: str,
        params: Mapping[str, Any],
        routing: RoutingControl,
        *,
        plain: bool = False,
    ) -> list[dict[str, Any]]:
        _count(query)
        try:
            records, _, _ = await self.driver.execute_query(
                neo4j.Query(query, timeout=self.timeout),
                dict(params),
                database_=self.database,
                routing_=routing,
            )
        except (nx.Neo4jError, nx.DriverError, OSError) as exc:
            raise _translate(exc) from exc
        if plain:  # the values as decoded, without the driver's per-value export walk
            return [dict(zip(record.keys(), record, strict=True)) for record in records]
        return [native(record.data()) for record in records]

    async def read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        return await self._query(query, params, RoutingControl.READ)

    async def read_plain(self, query: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """`read` for statements that return no temporal values (they convert them with
        toString), so the rows need no walk through `native`: the read path's large
        nested results (graph/liaison/selection.py)."""
        return await self._query(query, params, RoutingControl.READ, plain=True)

    async def write(self, query: str, **params: Any) -> list[dict[str, Any]]:
        if _write_hook.get() is not None:  # the hook needs a transaction to write in
            return await self.transaction(lambda tx: run(tx, query, **params))
        return await self._query(query, params, RoutingControl.WRITE)

    async def transaction(self, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        """Run `work` in one write transaction (retried by the driver on transient errors);
        a DomainError raised inside rolls everything back. The context's write hook, if any,
        writes in the same transaction after `work` (a retry runs both again)."""
        hook = _write_hook.get()

        async def work_and_hook(tx: AsyncManagedTransaction) -> T:
            result = await work(tx)
            if hook is not None:
                await hook.before_commit(tx, result)
            return result

        try:
            async with self.driver.session(database=self.database) as session:
                done = await session.execute_write(_with_timeout(work_and_hook, self.timeout))
        except (nx.Neo4jError, nx.DriverError, OSError) as exc:
            raise _translate(exc) from exc
        if hook is not None:
            hook.committed()
        return done

    async def read_transaction(self, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        try:
            async with self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS
            ) as session:
                return await session.execute_read(_with_timeout(work, self.timeout))
        except (nx.Neo4jError, nx.DriverError, OSError) as exc:
            raise _translate(exc) from exc


def _with_timeout(
    work: Callable[[AsyncManagedTransaction], Awaitable[T]], timeout: float | None
) -> Callable[[AsyncManagedTransaction], Awaitable[T]]:
    if timeout is None:
        return work
    return neo4j.unit_of_work(timeout=timeout)(work)


def open_driver(settings: Settings, **config: Any) -> AsyncDriver:
    """The async driver for `settings`. Server notifications (e.g. "label does not exist yet"
    on an empty graph) are off: they are noise for an application. `config` is passed on to
    the driver (the API shortens the retry time, so a dead server is reported, not waited on)."""
    return neo4j.AsyncGraphDatabase.driver(
        settings.uri,
        auth=(settings.user, settings.password),
        notifications_min_severity="OFF",
        **config,
    )
