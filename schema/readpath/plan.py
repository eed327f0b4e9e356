"""The read path's plan: a GraphQL operation over the liaison graph as reads for
graph/liaison/selection.py, and the builders of its answer (schema/readpath/answers.py).

A root field is compiled when it is a top-level list (schema/liaison/queries.py LIST_FIELDS) or
`node(id)` of a liaison type; a field below when it is `id`, `__typename`, a stored property,
a relationship field (schema/fields.py RELATION_SPECS) or a part of a connection. Anything
else raises NotCompiled, and the general executor answers the operation.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
)
from graphql.execution.values import VariableValues, get_argument_values
from strawberry.utils.str_converters import to_camel_case

from graph.kernel.errors import DomainError
from graph.kernel.reads import Direction
from graph.liaison.lists import ListFilter
from graph.liaison.selection import Fetch, ListRead, NodeRead, Property, Read, Shape
from schema.common import EDGE_PROPERTIES, decode_any_id, page_args
from schema.fields import RELATION_SPECS, RelationSpec
from schema.liaison.queries import LIST_FIELDS, ListFilterInput
from schema.liaison.types import TYPES
from schema.readpath.answers import ConnectionOut, EdgeOut, NodeOut, Out


class NotCompiled(Exception):
    """This operation is left to the general executor."""


def _object(schema: GraphQLSchema, name: str) -> GraphQLObjectType:
    kind = schema.type_map.get(name)
    if not isinstance(kind, GraphQLObjectType):
        raise NotCompiled(name)
    return kind


def _resolver(schema: GraphQLSchema, type_name: str, field_name: str) -> Any:
    """The function behind a field, or None (a stored property, or no such field)."""
    definition = _object(schema, type_name).fields.get(field_name)
    field = definition.extensions.get("strawberry-definition") if definition else None
    resolver = getattr(field, "base_resolver", None)
    return resolver.wrapped_func if resolver is not None else None


@functools.cache
def _listed_label(schema: GraphQLSchema, type_name: str, field_name: str) -> str | None:
    """The label a root field lists, when it is one of LIST_FIELDS."""
    return LIST_FIELDS.get(_resolver(schema, type_name, field_name))


@functools.cache
def _field_kind(type_name: str, field_name: str, schema: GraphQLSchema) -> tuple[str, Any]:
    """How the read path reads a field of a liaison type: ("id", None), ("property", name),
    ("relation", RelationSpec); NotCompiled for anything else."""
    if field_name == "id":
        return "id", None
    definition = _object(schema, type_name).fields.get(field_name)
    field = definition.extensions.get("strawberry-definition") if definition else None
    if field is None or field.permission_classes or field.extensions:
        raise NotCompiled(f"{type_name}.{field_name}")
    if field.base_resolver is None:
        return "property", field.python_name
    spec = RELATION_SPECS.get(_resolver(schema, type_name, field_name))
    if spec is None:
        raise NotCompiled(f"{type_name}.{field_name}")
    return "relation", spec


class _Walker:
    """Walks one operation's selections with its coerced variables."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: VariableValues,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def fields(self, type_name: str, selections: SelectionSetNode) -> Iterator[FieldNode]:
        """The fields selected on an object of `type_name`, fragments flattened, in order; a
        response key selected more than once is one field whose selections are merged, as
        GraphQL does (validation has made sure they can be: same field, same arguments)."""
        merged: dict[str, FieldNode] = {}
        for field in self._flatten(type_name, selections, frozenset()):
            key = (field.alias or field.name).value
            seen = merged.get(key)
            if seen is None:
                merged[key] = field
            elif seen.selection_set is not None and field.selection_set is not None:
                both = (*seen.selection_set.selections, *field.selection_set.selections)
                merged[key] = FieldNode(
                    alias=seen.alias,
                    name=seen.name,
                    arguments=seen.arguments,
                    directives=seen.directives,
                    selection_set=SelectionSetNode(selections=both),
                )
        yield from merged.values()

    def _flatten(
        self, type_name: str, selections: SelectionSetNode, spread: frozenset[str]
    ) -> Iterator[FieldNode]:
        for node in selections.selections:
            if node.directives:
                raise NotCompiled("directives")
            if isinstance(node, FieldNode):
                yield node
                continue
            if isinstance(node, InlineFragmentNode):
                condition = node.type_condition.name.value if node.type_condition else None
                inner = node.selection_set
            else:
                assert isinstance(node, FragmentSpreadNode)
                name = node.name.value
                if name in spread or name not in self.fragments:
                    raise NotCompiled(f"fragment {name}")
                fragment = self.fragments[name]
                if fragment.directives:
                    raise NotCompiled("directives")
                condition = fragment.type_condition.name.value
                inner = fragment.selection_set
                spread = spread | {name}
            if condition is None or self._applies(condition, type_name):
                yield from self._flatten(type_name, inner, spread)

    def _applies(self, condition: str, type_name: str) -> bool:
        if condition == type_name:
            return True
        kind = self.schema.type_map.get(type_name)
        return isinstance(kind, GraphQLObjectType) and any(
            i.name == condition for i in kind.interfaces
        )

    def arguments(self, parent: str, field: FieldNode) -> dict[str, Any]:
        definition = _object(self.schema, parent).fields.get(field.name.value)
        if definition is None:  # introspection (__type, __schema) is the executor's
            raise NotCompiled(field.name.value)
        try:
            return get_argument_values(definition, field, self.variables)
        except GraphQLError as exc:
            raise NotCompiled("arguments") from exc

    def node(self, label: str, selections: SelectionSetNode) -> tuple[Shape, NodeOut]:
        """What to read of a node of `label`, and how to build its object."""
        properties: dict[str, Property] = {}
        fetches: list[Fetch] = []
        entries: list[tuple[str, str, Any]] = []
        for field in self.fields(label, selections):
            key = (field.alias or field.name).value
            name = field.name.value
            if name == "__typename":
                entries.append((key, "const", label))
                continue
            kind, arg = _field_kind(label, name, self.schema)
            if kind == "id":
                properties["#id"] = Property("#id", "id")
                entries.append((key, "id", None))
            elif kind == "property":
                properties[key] = Property(key, arg, TYPES[label].FALLBACKS.get(arg))
                entries.append((key, "value", None))
            else:
                fetch, out = self.relation(label, field, key, arg)
                fetches.append(fetch)
                entries.append((key, "nested", out))
        shape = Shape(label, tuple(properties.values()), tuple(fetches))
        return shape, NodeOut(label, entries)

    def relation(
        self, label: str, field: FieldNode, key: str, spec: RelationSpec
    ) -> tuple[Fetch, Out]:
        direction: Direction = spec.way(label)
        assert field.selection_set is not None
        if spec.single:
            shape, out = self.node(spec.end, field.selection_set)
            return Fetch(key, spec.rel_key, direction, shape, role=spec.role, single=True), out
        arguments = self.arguments(label, field)
        role = arguments.get("role")
        role = getattr(role, "value", role) or spec.role
        offset, size, wants, connection = self.connection(label, field, arguments, spec.end)
        fetch = Fetch(
            key,
            spec.rel_key,
            direction,
            wants.shape or Shape(spec.end, ()),
            role=role,
            offset=offset,
            size=size,
            items=wants.items,
            total=wants.total,
            rel_properties=wants.rel_properties,
        )
        return fetch, connection

    def connection(
        self,
        parent: str,
        field: FieldNode,
        arguments: Mapping[str, Any],
        label: str,
    ) -> tuple[int, int, _Wants, ConnectionOut]:
        """A connection field: its page, what it needs read, and its builder."""
        try:
            size, offset = page_args(arguments.get("first"), arguments.get("after"))
        except DomainError as exc:
            raise NotCompiled("page") from exc
        definition = _object(self.schema, parent).fields[field.name.value]
        connection_type = get_named_type(definition.type)
        wants = _Wants()
        entries: list[tuple[str, str, Any]] = []
        assert field.selection_set is not None
        for inner in self.fields(connection_type.name, field.selection_set):
            key = (inner.alias or inner.name).value
            name = inner.name.value
            if name == "__typename":
                entries.append((key, "const", connection_type.name))
            elif name == "totalCount":
                wants.total = True
                entries.append((key, "total", None))
            elif name == "nodes":
                wants.items = True
                if wants.shape is not None:
                    raise NotCompiled("node selected in two places")
                assert inner.selection_set is not None
                wants.shape, node_out = self.node(label, inner.selection_set)
                entries.append((key, "nodes", node_out))
            elif name == "edges":
                wants.items = True
                entries.append((key, "edges", self.edge(inner, connection_type, label, wants)))
            elif name == "pageInfo":
                assert inner.selection_set is not None
                info = [
                    (
                        (f.alias or f.name).value,
                        "const" if f.name.value == "__typename" else f.name.value,
                        "PageInfo",
                    )
                    for f in self.fields("PageInfo", inner.selection_set)
                ]
                if any(kind in ("hasNextPage", "startCursor", "endCursor") for _, kind, _ in info):
                    wants.items = True
                if any(kind == "hasNextPage" for _, kind, _ in info):
                    wants.total = True
                entries.append((key, "pageInfo", info))
            else:
                raise NotCompiled(f"{connection_type.name}.{name}")
        if wants.shape is None:
            wants.shape = Shape(label, ())
        return offset, size, wants, ConnectionOut(offset, entries)

    def edge(self, field: FieldNode, connection_type: Any, label: str, wants: _Wants) -> EdgeOut:
        edge_type = get_named_type(connection_type.fields["edges"].type).name
        entries: list[tuple[str, str, Any]] = []
        node_out: NodeOut | None = None
        assert field.selection_set is not None
        rel_properties = list(wants.rel_properties)
        for inner in self.fields(edge_type, field.selection_set):
            key = (inner.alias or inner.name).value
            name = inner.name.value
            if name == "__typename":
                entries.append((key, "const", edge_type))
            elif name == "cursor":
                entries.append((key, "cursor", None))
            elif name == "node":
                if wants.shape is not None:
                    raise NotCompiled("node selected in two places")
                assert inner.selection_set is not None
                wants.shape, node_out = self.node(label, inner.selection_set)
                entries.append((key, "node", None))
            elif name in EDGE_PROPERTIES:
                if name not in rel_properties:
                    rel_properties.append(name)
                entries.append((key, "rel", name))
            else:
                raise NotCompiled(f"{edge_type}.{name}")
        wants.rel_properties = tuple(rel_properties)
        return EdgeOut(entries, node_out or NodeOut(label, []))


@dataclass
class _Wants:
    shape: Shape | None = None
    items: bool = False
    total: bool = False
    rel_properties: tuple[str, ...] = ()


def _list_filter(given: Mapping[str, Any] | None) -> ListFilter:
    """The list filter as the resolvers read it (ListFilterInput.to_filter, which validates)."""
    fields = ListFilterInput.__strawberry_definition__.fields  # type: ignore[attr-defined]
    values = {f.python_name: (given or {}).get(to_camel_case(f.python_name)) for f in fields}
    filter_input: ListFilterInput = ListFilterInput(**values)
    return filter_input.to_filter()


def plan(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: VariableValues,
) -> tuple[list[Read], list[tuple[str, str, Any]]]:
    """The reads that answer `operation`, and how to build each root field; NotCompiled when
    the read path does not answer it."""
    walker = _Walker(schema, fragments, variables)
    reads: list[Read] = []
    roots: list[tuple[str, str, Any]] = []
    query_type = schema.query_type
    assert query_type is not None
    for field in walker.fields(query_type.name, operation.selection_set):
        key = (field.alias or field.name).value
        name = field.name.value
        if name == "__typename":
            roots.append((key, "const", query_type.name))
            continue
        if field.selection_set is None:
            raise NotCompiled(name)
        arguments = walker.arguments(query_type.name, field)
        label = _listed_label(schema, query_type.name, name)
        if label is not None:
            try:
                list_filter = _list_filter(arguments.get("filter"))
            except DomainError as exc:
                raise NotCompiled("filter") from exc
            offset, size, wants, out = walker.connection(query_type.name, field, arguments, label)
            assert wants.shape is not None
            if wants.rel_properties:  # top-level edges carry no relationship
                raise NotCompiled("edge properties of a list")
            reads.append(
                ListRead(
                    key,
                    wants.shape,
                    list_filter,
                    offset,
                    size,
                    items=wants.items,
                    total=wants.total,
                )
            )
            roots.append((key, "list", out))
        elif name == "node":
            try:
                label, node_id = decode_any_id(arguments["id"], "id", tuple(TYPES))
            except DomainError as exc:
                raise NotCompiled("id") from exc
            shape, node_out = walker.node(label, field.selection_set)
            reads.append(NodeRead(key, shape, node_id))
            roots.append((key, "node", node_out))
        else:
            raise NotCompiled(name)
    return reads, roots
