"""Which field reads which fan-out of the graph, for the cost limit (schema/cost.py): a
relationship field (schema/fields.py RELATION_SPECS) returns at most the largest degree of its
relationship seen from its type, a top-level list (schema/liaison/queries.py LIST_FIELDS) at
most the number of nodes of its label. Other fields are not known here: their pages count in
full."""

from __future__ import annotations

import functools
from typing import Any

from graphql import GraphQLField

from graph.kernel.degrees import Degrees
from graph.kernel.reads import Direction
from schema.cost import Ceiling
from schema.fields import RELATION_SPECS, RelationSpec
from schema.liaison.queries import LIST_FIELDS


@functools.cache
def _read_by_resolver(resolver: Any) -> RelationSpec | str | None:
    return LIST_FIELDS.get(resolver) or RELATION_SPECS.get(resolver)


def _read_by(definition: GraphQLField) -> RelationSpec | str | None:
    """The relationship a field reads, the label a top-level list lists, or None."""
    field = definition.extensions.get("strawberry-definition")
    resolver = getattr(getattr(field, "base_resolver", None), "wrapped_func", None)
    if resolver is None:
        return None
    return _read_by_resolver(resolver)


def _way(spec: RelationSpec, label: str) -> Direction | None:
    try:
        return spec.way(label)
    except (ValueError, KeyError):  # a type that is not a node of this relationship
        return None


def ceilings(degrees: Degrees) -> Ceiling:
    """The ceiling of each connection field in a graph with these degrees."""

    def ceiling(parent: str, definition: GraphQLField) -> int | None:
        read = _read_by(definition)
        if isinstance(read, str):
            return degrees.count(read)
        if read is None or read.single:
            return None
        way = _way(read, parent)
        return None if way is None else degrees.most_neighbours(read.rel_key, parent, read.end, way)

    return ceiling
