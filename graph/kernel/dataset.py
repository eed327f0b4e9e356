"""What a dataset is, and its check against the model's allowlist before anything is loaded.

A *dataset* is a plain dict::

    {"nodes": {label: [row, ...]},
     "rels": [(relation_key, start_label, end_label, [row, ...]), ...]}

or an iterable of such chunks, so a 100,000-deputy synthetic city can stream without ever being
one list. Node rows carry `id`, `name` (Industry also `code`), `source` and the label's
properties from `graph.kernel.model.LABELS`; relationship rows are
`{"start": id, "end": id, **props}` for a key of `graph.kernel.model.RELATIONS`. `validate`
checks a chunk against that allowlist, so the loader (graph/kernel/loading.py) can put labels
and types into the Cypher text safely. Citizens' contacts (`PERSONAL_LABELS`, linked by
`PERSONAL_RELATIONS`) are loadable too, from the same fixed tables: a demo's bookings and issues
have contacts, which exports leave out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any, TypedDict

from graph.kernel.model import (
    COMMITTEE_KINDS,
    CONGRESS_LEVELS,
    DEPUTY_CATEGORIES,
    INDUSTRY_CODE,
    LABELS,
    MAX_NAME_LENGTH,
    MEMBER_ROLES,
    PERSONAL_LABELS,
    PERSONAL_RELATIONS,
    RELATIONS,
    SOURCES,
    uscc_problem,
)
from graph.kernel.reads import Row

RelSpec = tuple[str, str, str, list[Row]]

# What a dataset may hold: the model's labels and relations, and the personal contacts.
LOADABLE_LABELS: dict[str, tuple[str, ...]] = {**LABELS, **PERSONAL_LABELS}
LOADABLE_RELATIONS = {**RELATIONS, **PERSONAL_RELATIONS}


class Dataset(TypedDict, total=False):
    nodes: dict[str, list[Row]]
    rels: list[RelSpec]


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
    if label not in LOADABLE_LABELS:
        raise ValueError(f"Unknown label {label!r}; allowed: {', '.join(LOADABLE_LABELS)}")
    where = f"{label} {row.get('id')!r}"
    for key in _NODE_KEYS:
        if not isinstance(row.get(key), str) or not row[key]:
            raise ValueError(f"{where}: {key} must be a non-empty string")
    if len(row["name"]) > MAX_NAME_LENGTH:
        raise ValueError(f"{where}: name longer than {MAX_NAME_LENGTH} characters")
    if row["source"] not in SOURCES:
        raise ValueError(f"{where}: source {row['source']!r} is not one of {', '.join(SOURCES)}")
    allowed = LOADABLE_LABELS[label]
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
    relation = LOADABLE_RELATIONS.get(key)
    if relation is None:
        raise ValueError(f"Unknown relation {key!r}; allowed: {', '.join(LOADABLE_RELATIONS)}")
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
