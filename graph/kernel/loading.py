"""Bulk loading of datasets (the demo city, synthetic cities) into the graph.

A *dataset* is a plain dict::

    {"nodes": {label: [row, ...]},
     "rels": [(relation_key, start_label, end_label, [row, ...]), ...]}

or an iterable of such chunks, so a 100,000-deputy synthetic city can stream without ever being
one list. Node rows carry `id`, `name` (Industry also `code`), `source` and the label's
properties from `graph.model.LABELS`; relationship rows are `{"start": id, "end": id, **props}`
for a key of `graph.model.RELATIONS`. Everything is checked against that allowlist before it
is written, so labels and types can be put into the Cypher text safely.

Nodes are MERGEd by `id`, relationships by their two endpoints, in `UNWIND $rows` batches:
loading the same dataset twice changes nothing. Each batch is its own transaction, so a load
that fails half-way leaves the batches before it; because loading is idempotent, fix the data and
load again. Rows are buffered per label/type across chunks, so small chunks still become full
batches; a relationship batch is written only after every node row seen so far, so a chunk may
refer to nodes of earlier chunks (never of later ones).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypedDict, cast

from neo4j import AsyncManagedTransaction

from graph.kernel.db import Database, run
from graph.kernel.model import (
    COMMITTEE_KINDS,
    CONGRESS_LEVELS,
    DEPUTY_CATEGORIES,
    INDUSTRY_CODE,
    LABELS,
    MAX_NAME_LENGTH,
    MEMBER_ROLES,
    RELATIONS,
    SOURCES,
    sort_key,
    uscc_problem,
)

Row = dict[str, Any]
RelSpec = tuple[str, str, str, list[Row]]


class Dataset(TypedDict, total=False):
    nodes: dict[str, list[Row]]
    rels: list[RelSpec]


Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LoadStats:
    nodes: int
    relationships: int
    seconds: float


class ChunkStream(Iterator[Dataset]):
    """Dataset chunks with an estimate of how many rows they hold, so a progress display can
    show a percentage before the stream has been read to the end."""

    def __init__(self, chunks: Iterable[Dataset], estimated_rows: int | None = None) -> None:
        self._chunks = iter(chunks)
        self.estimated_rows = estimated_rows

    def __iter__(self) -> ChunkStream:
        return self

    def __next__(self) -> Dataset:
        return next(self._chunks)


MERGE_NODES = """
UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
SET n += row.props, n.sortKey = row.sortKey
"""

MERGE_RELS = """
UNWIND $rows AS row
MATCH (a:{start} {{id: row.start}})
MATCH (b:{end} {{id: row.end}})
MERGE (a)-[r:{type}]->(b)
SET r += row.props
RETURN count(r) AS merged
"""

MISSING_ENDPOINTS = """
UNWIND $rows AS row
OPTIONAL MATCH (a:{start} {{id: row.start}})
OPTIONAL MATCH (b:{end} {{id: row.end}})
WITH row, a, b WHERE a IS NULL OR b IS NULL
RETURN row.start AS start, row.end AS end, a IS NULL AS noStart, b IS NULL AS noEnd
LIMIT 5
"""

# Only the model's labels count: :Migration records, API tokens and audit events are
# bookkeeping, and `load-demo --if-empty` must still load next to them.
IS_EMPTY = """
RETURN NOT EXISTS {{ MATCH (n:{labels}) }} AS empty
"""

# Closed vocabularies a loaded row must respect (other properties are free text or dates).
_NODE_ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Congress", "level"): CONGRESS_LEVELS,
    ("Committee", "kind"): COMMITTEE_KINDS,
    ("Deputy", "category"): DEPUTY_CATEGORIES,
}
_REL_ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("DEPUTY_OF", "level"): CONGRESS_LEVELS,
    ("GROUP_MEMBER", "role"): MEMBER_ROLES,
}
_NODE_KEYS = ("id", "name", "source")
_SCALARS = (str, int, float, bool, dt.date, dt.datetime)

# Synthetic cities repeat names a lot (surname + given name); pinyin conversion dominates the
# Python side of a big load without this cache.
_sort_key = lru_cache(maxsize=1 << 16)(sort_key)


# --- validation -----------------------------------------------------------------------------


def _check_value(where: str, key: str, value: Any, enum: tuple[str, ...] | None) -> None:
    if value is None:
        return
    if enum is not None and value not in enum:
        raise ValueError(f"{where}: {key}={value!r} is not one of {', '.join(enum)}")
    if not isinstance(value, _SCALARS) and not (
        isinstance(value, list) and all(isinstance(v, _SCALARS) for v in value)
    ):
        raise ValueError(f"{where}: {key} has unsupported type {type(value).__name__}")


def validate_node(label: str, row: Row) -> None:
    if label not in LABELS:
        raise ValueError(f"Unknown label {label!r}; allowed: {', '.join(LABELS)}")
    where = f"{label} {row.get('id')!r}"
    for key in _NODE_KEYS:
        if not isinstance(row.get(key), str) or not row[key]:
            raise ValueError(f"{where}: {key} must be a non-empty string")
    if len(row["name"]) > MAX_NAME_LENGTH:
        raise ValueError(f"{where}: name longer than {MAX_NAME_LENGTH} characters")
    if row["source"] not in SOURCES:
        raise ValueError(f"{where}: source {row['source']!r} is not one of {', '.join(SOURCES)}")
    allowed = LABELS[label]
    for key, value in row.items():
        if key in _NODE_KEYS:
            continue
        if key not in allowed:
            raise ValueError(f"{where}: property {key!r} not allowed on {label}")
        _check_value(where, key, value, _NODE_ENUMS.get((label, key)))
    if label == "Industry" and not INDUSTRY_CODE.match(str(row.get("code") or "")):
        raise ValueError(f"{where}: code {row.get('code')!r} is not a GB/T 4754 code")
    if label == "Enterprise" and row.get("uscc") is not None:
        problem = uscc_problem(str(row["uscc"]))
        if problem:
            raise ValueError(f"{where}: uscc {row['uscc']!r} {problem}")


def validate_rels(key: str, start: str, end: str, rows: list[Row]) -> None:
    relation = RELATIONS.get(key)
    if relation is None:
        raise ValueError(f"Unknown relation {key!r}; allowed: {', '.join(RELATIONS)}")
    if start not in relation.start or end not in relation.end:
        raise ValueError(
            f"{key} runs from {'|'.join(relation.start)} to {'|'.join(relation.end)}, "
            f"not from {start} to {end}"
        )
    for row in rows:
        where = f"{key} {row.get('start')!r}->{row.get('end')!r}"
        for endpoint in ("start", "end"):
            if not isinstance(row.get(endpoint), str) or not row[endpoint]:
                raise ValueError(f"{where}: {endpoint} must be a non-empty id")
        for prop, value in row.items():
            if prop in ("start", "end"):
                continue
            if prop not in relation.props:
                raise ValueError(f"{where}: property {prop!r} not allowed on {key}")
            _check_value(where, prop, value, _REL_ENUMS.get((key, prop)))


def validate(chunk: Dataset) -> int:
    """Check one chunk against the allowlist (ValueError on the first problem); its row count."""
    unknown = set(chunk) - {"nodes", "rels"}
    if unknown:
        raise ValueError(f"A dataset has only 'nodes' and 'rels', not {sorted(unknown)}")
    rows = 0
    for label, node_rows in chunk.get("nodes", {}).items():
        for row in node_rows:
            validate_node(label, row)
        rows += len(node_rows)
    for spec in chunk.get("rels", []):
        if len(spec) != 4:
            raise ValueError("A relationship entry is (relation_key, start, end, rows)")
        key, start, end, rel_rows = spec
        validate_rels(key, start, end, rel_rows)
        rows += len(rel_rows)
    return rows


def merge(*parts: Dataset) -> Dataset:
    """One dataset holding every part's rows (parts may add to the same label or relation)."""
    nodes: dict[str, list[Row]] = {}
    rels: list[RelSpec] = []
    for part in parts:
        for label, rows in part.get("nodes", {}).items():
            nodes.setdefault(label, []).extend(rows)
        rels.extend(part.get("rels", []))
    return {"nodes": nodes, "rels": rels}


# --- writing --------------------------------------------------------------------------------


def _node_param(row: Row) -> Row:
    props = {k: v for k, v in row.items() if k != "id"}
    return {"id": row["id"], "sortKey": _sort_key(row["name"]), "props": props}


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
            (label, [_node_param(r) for r in node_rows])
            for label, node_rows in chunk.get("nodes", {}).items()
        ],
        rels=[
            ((key, start, end), [_rel_param(r) for r in rel_rows])
            for key, start, end, rel_rows in chunk.get("rels", [])
        ],
        rows=rows,
    )


async def _write_nodes(db: Database, label: str, rows: list[Row]) -> None:
    assert label in LABELS  # validated; the label goes into the query text
    await db.write(MERGE_NODES.format(label=label), rows=rows)


def _missing_side(row: Row) -> str:
    sides = [side for side, gone in (("start", row["noStart"]), ("end", row["noEnd"])) if gone]
    return " and ".join(sides)


async def _write_rels(db: Database, rel: tuple[str, str, str], rows: list[Row]) -> None:
    key, start, end = rel
    relation = RELATIONS[key]
    assert start in relation.start and end in relation.end  # validated, as above
    names = {"start": start, "end": end, "type": relation.type}

    async def work(tx: AsyncManagedTransaction) -> None:
        merged = (await run(tx, MERGE_RELS.format(**names), rows=rows))[0]["merged"]
        if merged != len(rows):
            # Raising inside the transaction rolls this batch back: no half-written batch.
            missing = await run(tx, MISSING_ENDPOINTS.format(**names), rows=rows)
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
            buffer = self.nodes.setdefault(label, [])
            for row in rows:
                buffer.append(row)
                if len(buffer) >= self.batch_size:
                    await self._flush_label(label)
                    buffer = self.nodes[label]
        for rel, rows in chunk.rels:
            buffer = self.rels.setdefault(rel, [])
            for row in rows:
                buffer.append(row)
                if len(buffer) >= self.batch_size:
                    await self._flush_rel(rel)
                    buffer = self.rels[rel]

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
    """True when the graph holds no node of the model (`graph.model.LABELS`); :Migration
    records and other bookkeeping nodes do not count."""
    rows = await db.read(IS_EMPTY.format(labels="|".join(LABELS)))
    return bool(rows[0]["empty"])
