"""The read path: a whole read of the liaison graph, however deeply nested, as one Cypher
statement whose result already has the shape of the answer.

The schema (schema/readpath/) turns a GraphQL query into `ListRead`s and `NodeRead`s: which
nodes, which of their properties under which keys, and which relationships to follow (`Fetch`),
paged how. `read` compiles them into one statement — a CALL subquery per root field, a
COLLECT subquery per relationship inside the map of its parent, COUNT subqueries for totals —
and returns each root's result: the database does the joining, ordering, paging and counting.

Everything the statement names is checked here: labels and relationship types come from the
model's allowlist, map keys and property names must be plain identifiers (GraphQL names, or
ours starting with `#`), and every value (ids, filters, page bounds) is a $parameter. Lists come
in pinyin order (sortKey, then id), as everywhere else (graph/kernel/reads.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.kernel.db import Database
from graph.kernel.model import LABELS, RELATIONS
from graph.kernel.reads import Direction, check_page
from graph.liaison.cypher import match_list
from graph.liaison.lists import ListFilter

# Keys of the result maps: GraphQL response names, or ours (`#id`, `#role`, …).
_KEY = re.compile(r"#?[_A-Za-z][_0-9A-Za-z]*")


def _key(key: str) -> str:
    if not _KEY.fullmatch(key):
        raise ValueError(f"{key!r} is not a name the read path may use as a key")
    return f"`{key}`"


@dataclass(frozen=True)
class Property:
    """A stored property under `key`; `fallback` is read when the property is missing or
    empty (an industry without a code shows its id)."""

    key: str
    name: str
    fallback: str | None = None


@dataclass(frozen=True)
class Shape:
    """What to return of a node: properties, and relationships followed from it."""

    label: str
    properties: tuple[Property, ...]
    fetches: tuple[Fetch, ...] = ()


@dataclass(frozen=True)
class Fetch:
    """A relationship followed from a node, its result under `key`.

    A list fetch gives {total, items}: `items` is one page (offset, size; size None for all) of
    the neighbours in pinyin order, each with the relationship properties named in
    `rel_properties` under `#<name>` (as text); `total` counts them all. Either is None when not
    wanted. A single fetch gives the first neighbour, or None."""

    key: str
    rel_key: str
    direction: Direction
    shape: Shape
    role: str | None = None  # only relationships with this role
    single: bool = False
    offset: int = 0
    size: int | None = None
    items: bool = True
    total: bool = False
    rel_properties: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListRead:
    """A top-level list: one page of a label's nodes that pass `filter`, and/or their total."""

    key: str
    shape: Shape
    filter: ListFilter
    offset: int
    size: int
    items: bool = True
    total: bool = False


@dataclass(frozen=True)
class NodeRead:
    """One node by id (None when there is none)."""

    key: str
    shape: Shape
    id: str


Read = ListRead | NodeRead


class _Statement:
    """One statement being written: its parameters and fresh variable names."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}
        self._names = 0

    def param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"${name}"

    def variable(self) -> str:
        self._names += 1
        return f"v{self._names}"

    def project(
        self, node: str, shape: Shape, rel: str | None = None, rel_properties: Sequence[str] = ()
    ) -> str:
        """A map of what `shape` wants of `node`, and of the relationship `rel` that led to it
        (temporal values as text, so the rows need no conversion: Database.read_plain)."""
        entries = []
        for prop in shape.properties:
            value = f"{node}.{_key(prop.name)}"
            if prop.fallback is not None:
                value = (
                    f"CASE WHEN coalesce({value}, '') = '' "
                    f"THEN {node}.{_key(prop.fallback)} ELSE {value} END"
                )
            entries.append(f"{_key(prop.key)}: {value}")
        for name in rel_properties:
            entries.append(f"{_key('#' + name)}: toString({rel}.{_key(name)})")
        for fetch in shape.fetches:
            entries.append(f"{_key(fetch.key)}: {self.fetch(node, shape.label, fetch)}")
        return "{" + ", ".join(entries) + "}"

    def fetch(self, node: str, start: str, fetch: Fetch) -> str:
        rel = RELATIONS[fetch.rel_key]
        end = fetch.shape.label
        ends = (rel.start, rel.end) if fetch.direction is Direction.OUT else (rel.end, rel.start)
        if start not in ends[0] or end not in ends[1]:
            raise ValueError(f"{fetch.rel_key} does not join {start} to {end} that way")
        other, r = self.variable(), self.variable()
        arrow = (
            f"-[{r}:{rel.type}]->" if fetch.direction is Direction.OUT else f"<-[{r}:{rel.type}]-"
        )
        pattern = f"({node}){arrow}({other}:{end})"
        where = f" WHERE {r}.role = {self.param(fetch.role)}" if fetch.role is not None else ""
        ordered = f"MATCH {pattern}{where} WITH {other}, {r} ORDER BY {other}.sortKey, {other}.id"
        item = self.project(other, fetch.shape, r, fetch.rel_properties)
        if fetch.single:
            return f"head(COLLECT {{ {ordered} LIMIT 1 RETURN {item} }})"
        items = "null"
        if fetch.items:
            page = f" SKIP {self.param(fetch.offset)}" if fetch.offset else ""
            if fetch.size is not None:
                page += f" LIMIT {self.param(fetch.size)}"
            items = f"COLLECT {{ {ordered}{page} RETURN {item} }}"
        if fetch.total and not where and _only_end(rel.type, fetch.direction, start) == end:
            # The model allows no other neighbour here: the count is the node's degree, which
            # Neo4j reads from the node without visiting the neighbours.
            total = f"COUNT {{ ({node}){arrow.replace(r, '')}() }}"
        else:
            total = f"COUNT {{ MATCH {pattern}{where} }}" if fetch.total else "null"
        return f"{{total: {total}, items: {items}}}"

    def root(self, index: int, read: Read) -> tuple[str, list[str]]:
        """The CALL subqueries of one root read, and the columns they return."""
        if read.shape.label not in LABELS:
            raise ValueError(f"{read.shape.label!r} is not in the model's allowlist")
        if isinstance(read, NodeRead):
            column = f"r{index}"
            match = f"MATCH (n:{read.shape.label} {{id: {self.param(read.id)}}})"
            item = self.project("n", read.shape)
            return f"CALL () {{ {match} RETURN collect({item}) AS {column} }}", [column]
        check_page(read.size, read.offset)
        prefix = f"r{index}_"
        match = match_list(read.shape.label, prefix, **_variant(read.filter))
        self.params.update(read.filter.parameters(prefix))
        total, items = f"r{index}_total", f"r{index}_items"
        if read.total and read.items and read.filter.parameters():
            # A filtered list is matched once: its nodes are few enough to hold, and the
            # filter (a text or sub-tree search) is what costs.
            page = f"found[{self.param(read.offset)}..][..{self.param(read.size)}]"
            return (
                f"CALL () {{ {match} WITH n ORDER BY n.sortKey, n.id WITH collect(n) AS found"
                f" RETURN size(found) AS {total}, [n IN {page} | {self.project('n', read.shape)}]"
                f" AS {items} }}"
            ), [total, items]
        # Else the total comes from the label's count (no filter) and the page from the sort
        # key's index, each without touching the rest.
        calls, columns = [], []
        if read.total:
            calls.append(f"CALL () {{ {match} RETURN count(n) AS r{index}_total }}")
            columns.append(f"r{index}_total")
        if read.items:
            calls.append(
                f"CALL () {{ {match} WITH n ORDER BY n.sortKey, n.id "
                f"SKIP {self.param(read.offset)} LIMIT {self.param(read.size)} "
                f"RETURN collect({self.project('n', read.shape)}) AS r{index}_items }}"
            )
            columns.append(f"r{index}_items")
        return "\n".join(calls), columns


@functools.cache
def _only_end(rel_type: str, direction: Direction, start: str) -> str | None:
    """The one label the model allows at the other end of `rel_type` from `start` going
    `direction`, or None when it allows several (IN_INDUSTRY into an industry)."""
    ends: set[str] = set()
    for rel in RELATIONS.values():
        if rel.type != rel_type:
            continue
        near, far = (rel.start, rel.end) if direction is Direction.OUT else (rel.end, rel.start)
        if start in near:
            ends.update(far)
    return ends.pop() if len(ends) == 1 else None


def _variant(filter: ListFilter) -> dict[str, Any]:
    name, congress, industry = filter.variant()
    return {"name": name, "congress": congress, "industry": industry}


def compile_reads(reads: Sequence[Read]) -> tuple[str, dict[str, Any]]:
    """The one statement that answers `reads`, and its parameters."""
    statement = _Statement()
    calls, columns = [], []
    for index, read in enumerate(reads):
        call, names = statement.root(index, read)
        calls.append(call)
        columns.extend(names)
    return "\n".join([*calls, f"RETURN {', '.join(columns)}"]), statement.params


async def read(db: Database, reads: Sequence[Read]) -> dict[str, Any]:
    """Each read's result by its key: a ListRead gives {total, items} (None where not
    wanted), a NodeRead the node's map or None. One round trip."""
    query, params = compile_reads(reads)
    row = (await db.read_plain(query, params))[0]
    results: dict[str, Any] = {}
    for index, one in enumerate(reads):
        if isinstance(one, NodeRead):
            found = row[f"r{index}"]
            results[one.key] = found[0] if found else None
        else:
            results[one.key] = {
                "total": row.get(f"r{index}_total"),
                "items": row.get(f"r{index}_items"),
            }
    return results
