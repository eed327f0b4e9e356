"""Reads shared by every domain: nodes by id, neighbours along a relationship, pages of a label.

These power the per-request DataLoaders (schema/context.py): one query per batch of keys, so a
GraphQL request costs a fixed number of round trips however long its lists are. The Cypher is
built once, at import, from the allowlist in graph/kernel/model.py; values only ever go in as
$params.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel.db import Database, run
from graph.kernel.errors import LABEL_ZH, DomainError, ErrorCode, not_found
from graph.kernel.model import LABELS, RELATIONS

Row = dict[str, Any]


class Direction(enum.Enum):
    OUT = "OUT"  # (key)-[:TYPE]->(neighbour)
    IN = "IN"  # (key)<-[:TYPE]-(neighbour)


def _check_label(label: str) -> str:
    if label not in LABELS:
        raise ValueError(f"label {label!r} is not in the model's allowlist")
    return label


NODES_BY_ID = {
    label: f"""
UNWIND $ids AS id
MATCH (n:{label} {{id: id}})
RETURN id, n {{.*}} AS node
"""
    for label in LABELS
}


async def nodes_by_id(db: Database, label: str, ids: Sequence[str]) -> list[Row | None]:
    """The nodes of `label` with these ids, in key order (None where there is none)."""
    rows = await db.read(NODES_BY_ID[_check_label(label)], ids=list(ids))
    found = {row["id"]: row["node"] for row in rows}
    return [found.get(node_id) for node_id in ids]


def _neighbours_query(rel_key: str, start: str, end: str, direction: Direction) -> str:
    rel = RELATIONS[rel_key]
    if direction is Direction.OUT:
        if start not in rel.start or end not in rel.end:
            raise ValueError(f"{rel_key} does not run from {start} to {end}")
        pattern = f"(a:{start} {{id: id}})-[r:{rel.type}]->(b:{end})"
    else:
        if start not in rel.end or end not in rel.start:
            raise ValueError(f"{rel_key} does not run from {end} to {start}")
        pattern = f"(a:{start} {{id: id}})<-[r:{rel.type}]-(b:{end})"
    # The sort key orders every list by pinyin (then id, so ties are stable across pages).
    return f"""
UNWIND $ids AS id
MATCH {pattern}
WITH id, b, r ORDER BY b.sortKey, b.id
RETURN id, collect(b {{.*, rel: properties(r)}}) AS items
"""


_NEIGHBOURS: dict[tuple[str, str, str, Direction], str] = {}


async def neighbours(
    db: Database, rel_key: str, start: str, end: str, direction: Direction, ids: Sequence[str]
) -> list[list[Row]]:
    """For each id of `start`, its `end` neighbours along `rel_key` (with the relationship's
    properties under "rel"), in pinyin order; one round trip for all ids."""
    key = (rel_key, start, end, direction)
    if key not in _NEIGHBOURS:
        _NEIGHBOURS[key] = _neighbours_query(rel_key, start, end, direction)
    rows = await db.read(_NEIGHBOURS[key], ids=list(ids))
    found = {row["id"]: row["items"] for row in rows}
    return [found.get(node_id, []) for node_id in ids]


@dataclass(frozen=True)
class Page:
    total: int
    rows: list[Row]


MAX_PAGE = 100


def page_of(rows: list[Row]) -> Page:
    """The one `total, rows` row of a list statement as a Page."""
    return Page(rows[0]["total"], rows[0]["rows"])


def one_per_key(rows: list[Row], ids: Sequence[str]) -> list[Row | None]:
    """`id, node` rows in the order of `ids` (None where a key found nothing): what a
    DataLoader needs back."""
    found = {row["id"]: row["node"] for row in rows}
    return [found.get(i) for i in ids]


def list_per_key(rows: list[Row], ids: Sequence[str]) -> list[list[Row]]:
    """`id, items` rows in the order of `ids` ([] where a key found nothing)."""
    found = {row["id"]: row["items"] for row in rows}
    return [found.get(i, []) for i in ids]


async def grouped(db: Database, query: str, ids: Sequence[str]) -> list[list[Row]]:
    """Run a `UNWIND $ids … RETURN id, items` statement: one list per key, in key order."""
    return list_per_key(await db.read(query, ids=list(ids)), ids)


def check_page(first: int, offset: int) -> None:
    if first < 0 or first > MAX_PAGE:
        raise DomainError(
            ErrorCode.INVALID,
            f"每页条数须在 0 到 {MAX_PAGE} 之间",
            f"`first` must be between 0 and {MAX_PAGE}, got {first}",
            field="first",
        )
    if offset < 0:
        raise DomainError(ErrorCode.INVALID, "分页游标无效", "Invalid cursor", field="after")


# One node by id, inside a write transaction (the check of "check, then write").
NODE = {label: f"MATCH (n:{label} {{id: $id}}) RETURN n {{.*}} AS node" for label in LABELS}

# Which label an id belongs to (index seeks per label; only asked when a lookup failed).
LABEL_OF = (
    "CALL () {\n"
    + "\n  UNION\n".join(
        f"  MATCH (n:{label} {{id: $id}}) RETURN '{label}' AS label" for label in LABELS
    )
    + "\n}\nRETURN label LIMIT 1"
)


async def require_node(tx: AsyncManagedTransaction, label: str, node_id: str, field: str) -> Row:
    """The node of `label` with this id; NOT_FOUND naming `field`, or INVALID when the id is
    that of a node of another label (a deputy given where an enterprise is expected)."""
    rows = await run(tx, NODE[_check_label(label)], id=node_id)
    if rows:
        node: Row = rows[0]["node"]
        return node
    other = await run(tx, LABEL_OF, id=node_id)
    if other:
        found = other[0]["label"]
        raise DomainError(
            ErrorCode.INVALID,
            f"{node_id} 是{LABEL_ZH.get(found, found)}，不是{LABEL_ZH.get(label, label)}",
            f"{node_id} is a {found}, not a {label}",
            field=field,
            ids=[node_id],
        )
    raise not_found(label, node_id, field=field)
