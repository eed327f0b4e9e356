"""Graph nodes as GraphQL types, and their relationship fields, derived from the model.

`GraphNode` is the base of every node type (Congress … Activity, Proposal, Unit): it loads by
id through the request's node loader and builds itself from a stored row.

`related_field` and `single_field` declare a relationship field in one line::

    committees = related_field("COMMITTEE_OF", "Committee", "Its committees.")
    congress = single_field("COMMITTEE_OF", "Congress", "The congress it belongs to.")

The start label is the owning type's `LABEL`, the end label is named, and the direction comes
from `graph.kernel.model.RELATIONS` (which end is which); only a relationship whose two ends
carry the same label (PART_OF, CONTACTS, MERGED_INTO) must say its direction. The neighbours come
from the request's neighbours loader (one round trip per field for all parents), and the type
named by the end label is looked up in NODE_MODULES, lazily, so domains need not import each
other's types.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Self

import strawberry
from strawberry import relay

from graph.kernel.model import RELATIONS
from graph.kernel.reads import Direction, Row
from graph.kernel.vocab import MemberRole
from schema.common import After, Connection, First, connection_from_rows
from schema.context import Info

# Where the GraphQL type of each node label lives (the type is named as the label).
NODE_MODULES = {
    "Congress": "schema.liaison.types",
    "Committee": "schema.liaison.types",
    "DeputyGroup": "schema.liaison.types",
    "Alliance": "schema.liaison.types",
    "Industry": "schema.liaison.types",
    "Deputy": "schema.liaison.types",
    "Enterprise": "schema.liaison.types",
    "Activity": "schema.trips.types",
    "Proposal": "schema.proposals.types",
    "Unit": "schema.proposals.types",
    "Issue": "schema.receptions.issue_types",
    "Campaign": "schema.receptions.issue_types",
}


class GraphNode(relay.Node):
    """A node of the graph as a GraphQL type: loaded by id through the request's loader."""

    LABEL: ClassVar[str] = ""
    # Fields shown from another property when theirs is missing or empty (an industry without
    # a code shows its id); the read path reads them the same way.
    FALLBACKS: ClassVar[dict[str, str]] = {}

    @classmethod
    def from_row(cls, row: Row) -> Self:
        """The type from a node's properties, field by field. Types with enum fields
        override this to convert the stored strings."""
        names = [f.name for f in dataclasses.fields(cls) if f.init and not f.name.startswith("_")]
        return cls(**{name: cls.stored(row, name) for name in names})

    @classmethod
    def stored(cls, row: Row, name: str) -> Any:
        """The property `name` of a stored row, or its fallback."""
        value = row.get(name)
        fallback = cls.FALLBACKS.get(name)
        return row.get(fallback) if fallback is not None and not value else value

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        rows = await info.context.loaders.node(cls.LABEL).load_many(list(node_ids))
        return [cls.from_row(row) if row else None for row in rows]


def node_type(label: str) -> type[GraphNode]:
    """The GraphQL type of a node label."""
    kind: type[GraphNode] = getattr(importlib.import_module(NODE_MODULES[label]), label)
    return kind


def _lazy(label: str) -> Any:
    return Annotated[label, strawberry.lazy(NODE_MODULES[label])]


@functools.cache
def direction_of(rel_key: str, start: str, end: str) -> Direction:
    """Which way (start)-[rel_key]-(end) runs in the model; ValueError when the model has no
    such relationship or cannot tell (both ends carry the same label)."""
    rel = RELATIONS[rel_key]
    out = start in rel.start and end in rel.end
    into = start in rel.end and end in rel.start
    if out == into:
        raise ValueError(f"{rel_key} between {start} and {end}: say the direction")
    return Direction.OUT if out else Direction.IN


def _check_end(rel_key: str, end: str, direction: Direction | None) -> None:
    """At import: a field must name an end the model gives the relationship."""
    if direction is None and end not in RELATIONS[rel_key].start + RELATIONS[rel_key].end:
        raise ValueError(f"{rel_key} has no end labelled {end}")


def neighbours(
    info: Info, root: GraphNode, rel_key: str, end: str, direction: Direction | None = None
) -> Any:
    """The rows of `root`'s neighbours over `rel_key` (each with its `rel` properties), from
    the request's neighbours loader; for fields that filter by an argument."""
    way = direction or direction_of(rel_key, root.LABEL, end)
    return info.context.loaders.neighbours(rel_key, root.LABEL, end, way).load(root.id)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class RelationSpec:
    """What a relationship field reads, stated as data, so the read path (schema/readpath/)
    can compile it into Cypher instead of calling the resolver."""

    rel_key: str
    end: str
    direction: Direction | None = None  # None: the model tells, from the owner's label
    role: str | None = None  # keep only relationships with this role
    single: bool = False  # at most one neighbour, as a nullable field
    role_argument: bool = False  # the field takes `role:` to keep one role

    def way(self, start: str) -> Direction:
        return self.direction or direction_of(self.rel_key, start, self.end)

    def keeps(self, row: Row, role: str | None = None) -> bool:
        wanted = role or self.role
        return wanted is None or row["rel"].get("role") == wanted


# Each relationship field's resolver, and what it reads.
RELATION_SPECS: dict[Callable[..., Any], RelationSpec] = {}


def related_field(
    rel_key: str,
    end: str,
    description: str,
    *,
    direction: Direction | None = None,
    role: str | None = None,
    role_argument: bool = False,
) -> Any:
    """A relationship field as a connection of the `end` type, edges carrying the
    relationship's properties; `role` keeps only relationships with that role, and
    `role_argument` lets the caller choose one (`members(role: CONVENER)`)."""
    _check_end(rel_key, end, direction)
    spec = RelationSpec(rel_key, end, direction, role, role_argument=role_argument)

    async def rows(root: GraphNode, info: Info, role: str | None) -> list[Row]:
        found = await neighbours(info, root, rel_key, end, direction)
        return [row for row in found if spec.keeps(row, role)]

    if role_argument:

        async def resolve(
            root: GraphNode,
            info: Info,
            first: First = None,
            after: After = None,
            role: Annotated[
                MemberRole | None, strawberry.argument(description="Only this role.")
            ] = None,
        ) -> Any:
            found = await rows(root, info, role.value if role else None)
            return connection_from_rows(found, first, after, node_type(end).from_row)

    else:

        async def resolve(  # type: ignore[misc]
            root: GraphNode, info: Info, first: First = None, after: After = None
        ) -> Any:
            found = await rows(root, info, None)
            return connection_from_rows(found, first, after, node_type(end).from_row)

    resolve.__annotations__["return"] = Connection[_lazy(end)]  # type: ignore[misc]
    RELATION_SPECS[resolve] = spec
    return strawberry.field(resolver=resolve, description=description)


def single_field(
    rel_key: str,
    end: str,
    description: str,
    *,
    direction: Direction | None = None,
    role: str | None = None,
) -> Any:
    """A relationship with at most one neighbour (a committee's congress) as a nullable field;
    with `role`, the first neighbour whose relationship has that role (a group's convener)."""
    _check_end(rel_key, end, direction)
    spec = RelationSpec(rel_key, end, direction, role, single=True)

    async def resolve(root: GraphNode, info: Info) -> Any:
        rows = await neighbours(info, root, rel_key, end, direction)
        rows = [row for row in rows if spec.keeps(row)]
        return node_type(end).from_row(rows[0]) if rows else None

    resolve.__annotations__["return"] = _lazy(end) | None
    RELATION_SPECS[resolve] = spec
    return strawberry.field(resolver=resolve, description=description)
