"""How far the graph fans out: for each relationship of the model, seen from each end, the most
neighbours any one node has (its largest degree), and how many nodes each label has. The cost
limit (schema/cost.py) takes these as the ceiling of what a list can return, so a query is
charged for what the graph can give it, not only for the page size it asks for.

One statement reads them all, built once from the model's allowlist. `DegreeCache` keeps the
answer for a while (the graph of a liaison system changes slowly) and reads it again when it is
older than its time to live or when a write went through the API since.
"""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections.abc import Mapping
from dataclasses import dataclass

from graph.kernel.db import Database
from graph.kernel.errors import DomainError
from graph.kernel.model import LABELS, RELATIONS
from graph.kernel.reads import Direction

# (relationship key, label of the node seen from, label of its neighbours, direction)
DegreeKey = tuple[str, str, str, Direction]


def _label(node: str) -> str:
    return f"[l IN labels({node}) WHERE l IN $labels][0]"


# For each label, relationship type, neighbour label and direction, the most neighbours one
# node has (a pass over the relationships, grouped by node: one plan whatever the model); and
# each label's count (from the count store).
_COUNTS = "\n  UNION ALL\n  ".join(
    f"MATCH (n:{label}) RETURN '{label}' AS label, null AS type, null AS other, null AS way, "
    "count(n) AS value"
    for label in LABELS
)
MATCH_DEGREES = f"""
CALL () {{
  MATCH (n)-[r]->(m)
  WITH n, type(r) AS type, {_label("m")} AS other, count(*) AS degree
  RETURN {_label("n")} AS label, type, other, 'OUT' AS way, max(degree) AS value
  UNION ALL
  MATCH (n)<-[r]-(m)
  WITH n, type(r) AS type, {_label("m")} AS other, count(*) AS degree
  RETURN {_label("n")} AS label, type, other, 'IN' AS way, max(degree) AS value
  UNION ALL
  {_COUNTS}
}}
RETURN label, type, other, way, value
"""


def _keys(rel_type: str, label: str, other: str, way: Direction) -> list[str]:
    """The model's relationship keys of this type between these labels, this way round."""
    return [
        key
        for key, rel in RELATIONS.items()
        if rel.type == rel_type
        and (
            (label in rel.start and other in rel.end)
            if way is Direction.OUT
            else (label in rel.end and other in rel.start)
        )
    ]


@dataclass(frozen=True)
class Degrees:
    """The graph's largest degrees and label counts when they were read."""

    largest: Mapping[DegreeKey, int]
    counts: Mapping[str, int]

    def most_neighbours(self, rel_key: str, label: str, other: str, way: Direction) -> int | None:
        """The most `other` neighbours one `label` node has along `rel_key` going `way` (0
        when none has any); None when the model has no such relationship."""
        rel = RELATIONS.get(rel_key)
        if rel is None or rel_key not in _keys(rel.type, label, other, way):
            return None
        return self.largest.get((rel_key, label, other, way), 0)

    def count(self, label: str) -> int | None:
        return self.counts.get(label)


async def read_degrees(db: Database) -> Degrees:
    largest: dict[DegreeKey, int] = {}
    counts: dict[str, int] = {}
    for row in await db.read(MATCH_DEGREES, labels=list(LABELS)):
        label, other = row["label"], row["other"]
        if row["type"] is None:
            counts[label] = row["value"]
        elif label is not None and other is not None:
            way = Direction(row["way"])
            for key in _keys(row["type"], label, other, way):
                largest[(key, label, other, way)] = row["value"]
    return Degrees(largest, counts)


class DegreeCache:
    """The degrees of one database, read again when older than `ttl` seconds or after a write
    through the API (`stale()`); requests that need them at the same time share one read, and
    wait for it at most `wait` seconds. The read is the service's, not the request's: it runs
    outside the request's round-trip count (each request reports the Cypher it caused), and
    goes on when the request stops waiting. A read that fails or takes too long gives None:
    the caller then counts every page in full."""

    def __init__(self, ttl: float = 60.0, wait: float = 5.0, clock: object = time.monotonic):
        self.ttl = ttl
        self.wait = wait
        self._clock = clock
        self._degrees: Degrees | None = None
        self._read_at = -float("inf")
        self._reading: asyncio.Task[Degrees] | None = None
        self._writes = 0  # stale() calls so far: a read begun before one is not fresh
        self._read_writes = 0  # the count when the last read began

    def _now(self) -> float:
        now: float = self._clock()  # type: ignore[operator]
        return now

    def stale(self) -> None:
        """The graph changed: read the degrees again before they are next used."""
        self._read_at = -float("inf")
        self._writes += 1

    async def current(self, db: Database) -> Degrees | None:
        if self._degrees is not None and self._now() - self._read_at < self.ttl:
            return self._degrees
        if self._reading is None or self._reading.done() or self._writes != self._read_writes:
            started, writes = self._now(), self._writes
            self._read_writes = writes
            self._reading = asyncio.get_running_loop().create_task(
                read_degrees(db), context=contextvars.Context()
            )
            self._reading.add_done_callback(lambda task: self._store(task, started, writes))
        try:
            return await asyncio.wait_for(asyncio.shield(self._reading), self.wait)
        except (DomainError, TimeoutError):
            return None

    def _store(self, task: asyncio.Task[Degrees], started: float, writes: int) -> None:
        if task.cancelled() or task.exception() is not None:
            return
        if writes == self._writes:  # no write since the read began
            self._degrees = task.result()
            self._read_at = started
