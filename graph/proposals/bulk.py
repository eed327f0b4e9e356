"""Bulk loading of suggestions (synthetic data, benchmarks): CREATE, not MERGE, into a graph
that does not hold them yet, one statement (one transaction) per batch."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.kernel.db import Database
from graph.kernel.reads import Row
from graph.proposals import cypher


@dataclass(frozen=True)
class BulkCounts:
    proposals: int
    nodes: int
    relationships: int


def bulk_counts(rows: Sequence[Row], *, events: bool = True) -> BulkCounts:
    """What `bulk_create` writes for `rows` (for load rates; computed, not asked of Neo4j)."""
    nodes = rels = 0
    for r in rows:
        n_events = len(r["events"]) if events else 0
        nodes += 1 + n_events
        rels += 1 + len(r["industries"]) + len(r["units"]) + n_events
    return BulkCounts(len(rows), nodes, rels)


async def bulk_create(db: Database, rows: list[Row], *, events: bool = True) -> None:
    """Create a batch of suggestions raised by groups, in one statement (one transaction).
    Each row: {raiser, props (every Proposal property, derived ones and `statsFacts`
    included), industries: [code], units: [{unit, role, at, due}], events: [event props]}.
    Batches of 10–20k rows suit the default transaction timeout; `events=False` leaves the
    histories out."""
    # Event times travel as epoch seconds: the driver packs a datetime in pure Python (about
    # 100 µs each, most of a batch's client time), an int for nothing. `at` must be aware.
    rows = [
        {
            **r,
            "events": [{**e, "at": int(e["at"].timestamp())} for e in r["events"]]
            if events
            else [],
        }
        for r in rows
    ]
    await db.write(cypher.CREATE_PROPOSAL_BATCH, rows=rows)
