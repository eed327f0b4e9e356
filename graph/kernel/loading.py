"""Bulk loading of datasets (the demo city, synthetic cities) into the graph.

What a dataset is, and its check against the allowlist, is graph/kernel/dataset.py; every
chunk is checked before any of its rows is written, so labels and types can be put into the
Cypher text safely.

Nodes are MERGEd by `id`, relationships by their two endpoints, in `UNWIND $rows` batches:
loading the same dataset twice changes nothing. Each batch is its own transaction, so a load
that fails half-way leaves the batches before it; because loading is idempotent, fix the data and
load again. Rows are buffered per label/type across chunks, so small chunks still become full
batches; a relationship batch is written only after every node row seen so far, so a chunk may
refer to nodes of earlier chunks (never of later ones).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar, cast

from neo4j import AsyncManagedTransaction

from graph.kernel.dataset import LOADABLE_RELATIONS, ChunkStream, Dataset, validate
from graph.kernel.db import Database, run
from graph.kernel.model import LABELS, PERSONAL_LABELS, sort_key
from graph.kernel.reads import Row

Progress = Callable[[int, int], None]
K = TypeVar("K", str, tuple[str, str, str])  # a buffer's key: a label, or a relation with its ends


@dataclass(frozen=True)
class LoadStats:
    nodes: int
    relationships: int
    seconds: float


# The statements, built once at import for every label and every (relation, start, end) of the
# allowlist: only those names are ever put into the Cypher text, values go in as $rows.
MERGE_NODES = {
    label: f"""
UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
SET n += row.props, n.sortKey = row.sortKey
"""
    for label in LABELS
} | {
    # A citizen's contact is never listed by name, so it gets no pinyin sort key.
    label: f"""
UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
SET n += row.props
"""
    for label in PERSONAL_LABELS
}

_REL_ENDS = [
    (key, start, end, relation.type)
    for key, relation in LOADABLE_RELATIONS.items()
    for start in relation.start
    for end in relation.end
]

MERGE_RELS = {
    (key, start, end): f"""
UNWIND $rows AS row
MATCH (a:{start} {{id: row.start}})
MATCH (b:{end} {{id: row.end}})
MERGE (a)-[r:{rel_type}]->(b)
SET r += row.props
RETURN count(r) AS merged
"""
    for key, start, end, rel_type in _REL_ENDS
}

MATCH_MISSING_ENDPOINTS = {
    (key, start, end): f"""
UNWIND $rows AS row
OPTIONAL MATCH (a:{start} {{id: row.start}})
OPTIONAL MATCH (b:{end} {{id: row.end}})
WITH row, a, b WHERE a IS NULL OR b IS NULL
RETURN row.start AS start, row.end AS end, a IS NULL AS noStart, b IS NULL AS noEnd
LIMIT 5
"""
    for key, start, end, _ in _REL_ENDS
}

# Only the model's labels count: :Migration records, API tokens and audit events are
# bookkeeping, and `load-demo --if-empty` must still load next to them.
IS_EMPTY = f"""
RETURN NOT EXISTS {{ MATCH (n:{"|".join(LABELS)}) }} AS empty
"""


# Synthetic cities repeat names a lot (surname + given name); pinyin conversion dominates the
# Python side of a big load without this cache.
_sort_key = lru_cache(maxsize=1 << 16)(sort_key)


def _node_param(label: str, row: Row) -> Row:
    props = {k: v for k, v in row.items() if k != "id"}
    key = None if label in PERSONAL_LABELS else _sort_key(row["name"])
    return {"id": row["id"], "sortKey": key, "props": props}


def _rel_param(row: Row) -> Row:
    props = {k: v for k, v in row.items() if k not in ("start", "end")}
    return {"start": row["start"], "end": row["end"], "props": props}


@dataclass
class _Prepared:
    """One validated chunk as query parameters."""

    nodes: list[tuple[str, list[Row]]]
    rels: list[tuple[tuple[str, str, str], list[Row]]]
    rows: int


def _prepare(chunks: Iterator[Dataset]) -> _Prepared | None:
    """The next chunk, validated and turned into parameters (None at the end). Runs in a worker
    thread: generating rows and pinyin sort keys is most of the Python time of a big load, and
    there it overlaps with Neo4j writing the previous batches."""
    chunk = next(chunks, None)
    if chunk is None:
        return None
    rows = validate(chunk)
    return _Prepared(
        nodes=[
            (label, [_node_param(label, r) for r in node_rows])
            for label, node_rows in chunk.get("nodes", {}).items()
        ],
        rels=[
            ((key, start, end), [_rel_param(r) for r in rel_rows])
            for key, start, end, rel_rows in chunk.get("rels", [])
        ],
        rows=rows,
    )


async def _write_nodes(db: Database, label: str, rows: list[Row]) -> None:
    await db.write(MERGE_NODES[label], rows=rows)  # validated: the label is in the allowlist


def _missing_side(row: Row) -> str:
    sides = [side for side, gone in (("start", row["noStart"]), ("end", row["noEnd"])) if gone]
    return " and ".join(sides)


async def _write_rels(db: Database, rel: tuple[str, str, str], rows: list[Row]) -> None:
    key, start, end = rel  # validated: a relation of the allowlist with its ends

    async def work(tx: AsyncManagedTransaction) -> None:
        merged = (await run(tx, MERGE_RELS[rel], rows=rows))[0]["merged"]
        if merged != len(rows):
            # Raising inside the transaction rolls this batch back: no half-written batch.
            missing = await run(tx, MATCH_MISSING_ENDPOINTS[rel], rows=rows)
            examples = "; ".join(
                f"{m['start']}->{m['end']} (missing {_missing_side(m)})" for m in missing
            )
            raise ValueError(
                f"{key}: {len(rows) - merged} of {len(rows)} relationships refer to nodes "
                f"that are not loaded ({start}→{end}), e.g. {examples}"
            )

    await db.transaction(work)


class _Loader:
    """Buffers rows per label / relation and writes full batches, nodes before relationships."""

    def __init__(self, db: Database, batch_size: int, progress: Progress | None) -> None:
        self.db = db
        self.batch_size = batch_size
        self.progress = progress
        self.nodes: dict[str, list[Row]] = {}
        self.rels: dict[tuple[str, str, str], list[Row]] = {}
        self.nodes_done = 0
        self.rels_done = 0
        self.total = 0

    @property
    def done(self) -> int:
        return self.nodes_done + self.rels_done

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total)

    async def add(self, chunk: _Prepared) -> None:
        for label, rows in chunk.nodes:
            await self._buffer(self.nodes, label, rows, self._flush_label)
        for rel, rows in chunk.rels:
            await self._buffer(self.rels, rel, rows, self._flush_rel)

    async def _buffer(
        self,
        buffers: dict[K, list[Row]],
        key: K,
        rows: list[Row],
        flush: Callable[[K], Awaitable[None]],
    ) -> None:
        """Add `rows` to the buffer of `key`, writing it each time it holds a full batch."""
        buffer = buffers.setdefault(key, [])
        for row in rows:
            buffer.append(row)
            if len(buffer) >= self.batch_size:
                await flush(key)
                buffer = buffers[key]

    async def _flush_label(self, label: str) -> None:
        rows = self.nodes.get(label)
        if rows:
            self.nodes[label] = []
            await _write_nodes(self.db, label, rows)
            self.nodes_done += len(rows)
            self._report()

    async def _flush_rel(self, rel: tuple[str, str, str]) -> None:
        rows = self.rels.get(rel)
        if not rows:
            return
        # Every node seen so far goes first, so this batch's endpoints exist.
        for label in list(self.nodes):
            await self._flush_label(label)
        self.rels[rel] = []
        await _write_rels(self.db, rel, rows)
        self.rels_done += len(rows)
        self._report()

    async def flush(self) -> None:
        for label in list(self.nodes):
            await self._flush_label(label)
        for rel in list(self.rels):
            await self._flush_rel(rel)


def _chunks(dataset: Dataset | Iterable[Dataset]) -> Iterator[Dataset]:
    # A TypedDict is a dict at run time; anything else is a stream of chunks.
    if isinstance(dataset, dict):
        return iter([cast(Dataset, dataset)])
    return iter(dataset)


async def load_dataset(
    db: Database,
    dataset: Dataset | Iterable[Dataset],
    *,
    batch_size: int = 5000,
    progress: Progress | None = None,
) -> LoadStats:
    """MERGE a dataset (one chunk or a stream of chunks) into the graph; idempotent.

    A chunk is validated as a whole before any of its rows is written, so a single-chunk
    dataset with a bad label, type or row writes nothing. `progress(done, total)` follows each
    batch; for a stream, `total` is the rows read so far (one chunk ahead) or the stream's
    estimate when larger, and equals `done` only on the last call.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    started = time.perf_counter()
    loader = _Loader(db, batch_size, progress)
    estimate = dataset.estimated_rows if isinstance(dataset, ChunkStream) else None
    chunks = _chunks(dataset)
    current = await asyncio.to_thread(_prepare, chunks)
    seen = current.rows if current is not None else 0
    ahead: asyncio.Future[_Prepared | None] | None = None
    try:
        if current is not None:
            ahead = asyncio.ensure_future(asyncio.to_thread(_prepare, chunks))
        while current is not None:
            # One chunk ahead is known before this one is written, so `total` stays above
            # `done` until the stream really ends; the one after is prepared meanwhile.
            assert ahead is not None
            following = await ahead
            ahead = None
            if following is not None:
                seen += following.rows
                loader.total = max(seen, estimate or 0)
                ahead = asyncio.ensure_future(asyncio.to_thread(_prepare, chunks))
            else:
                loader.total = seen
            await loader.add(current)
            current = following
    finally:
        if ahead is not None:
            # A write failed: let the worker finish with the generator, and drop its result.
            await asyncio.gather(ahead, return_exceptions=True)
    await loader.flush()
    if progress is not None and loader.done == 0:
        progress(0, 0)
    return LoadStats(
        nodes=loader.nodes_done,
        relationships=loader.rels_done,
        seconds=time.perf_counter() - started,
    )


async def is_empty(db: Database) -> bool:
    """True when the graph holds no node of the model (`graph.kernel.model.LABELS`); :Migration
    records and other bookkeeping nodes do not count."""
    rows = await db.read(IS_EMPTY)
    return bool(rows[0]["empty"])
