"""The read path: a query over the liaison graph answered by one Cypher statement.

After the request is parsed, validated and passed the limits (depth, aliases, tokens, cost),
`CompiledReads` looks at the operation. When every root field is a liaison list
(`deputyGroups`, `committees` …) or `node(id)` of a liaison type, and everything below is a
stored property, `id`, `__typename`, a relationship field (schema/fields.py RELATION_SPECS) or
the parts of a connection, the selection is compiled into reads (graph/liaison/selection.py),
run as one statement, and the answer is put together from its result in one pass: global ids,
cursors and page info are the only things computed here. Anything else — another root field,
a directive, a field with its own resolver (`activities`), an argument the resolvers would
refuse, a viewer without the READ role, a database error — leaves the operation to the general
executor, which gives the same answers with per-field resolvers and DataLoaders
(tests/schema/test_readpath.py runs both and compares them).
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
    located_error,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from strawberry.extensions import SchemaExtension
from strawberry.relay.utils import to_base64
from strawberry.utils.str_converters import to_camel_case

from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.reads import Direction
from graph.liaison import selection
from graph.liaison.lists import ListFilter
from graph.liaison.selection import Fetch, ListRead, NodeRead, Property, Read, Shape
from schema.common import decode_any_id, encode_cursor, page_args
from schema.context import Loaders
from schema.fields import RELATION_SPECS, RelationSpec
from schema.liaison.queries import ListFilterInput
from schema.liaison.types import TYPES
from schema.permissions import Permission

log = logging.getLogger("thirdlink.readpath")

# The root lists the read path answers, and the label each lists.
LISTS = {
    "congresses": "Congress",
    "committees": "Committee",
    "deputyGroups": "DeputyGroup",
    "alliances": "Alliance",
    "deputies": "Deputy",
    "enterprises": "Enterprise",
    "industries": "Industry",
}

# Stored properties that fall back to another when missing (Industry.from_row: code or id).
FALLBACKS = {("Industry", "code"): "id"}

# Edge fields that are relationship properties.
EDGE_PROPERTIES = ("role", "since", "level")


class NotCompiled(Exception):
    """This operation is left to the general executor."""


# ---------------------------------------------------------------------------------------------
# The answer, put together from the statement's result
# ---------------------------------------------------------------------------------------------

Out = Callable[[Any], Any]


@dataclass
class NodeOut:
    """Builds one object of a node type from its map: `entries` are (response key, kind, arg)
    in selection order."""

    label: str
    entries: list[tuple[str, str, Any]]

    def __call__(self, item: Mapping[str, Any] | None) -> dict[str, Any] | None:
        if item is None:
            return None
        out: dict[str, Any] = {}
        for key, kind, arg in self.entries:
            if kind == "value":
                out[key] = item[key]
            elif kind == "id":
                out[key] = to_base64(self.label, item["#id"])
            elif kind == "const":
                out[key] = arg
            else:  # "nested": a relationship field's own builder
                out[key] = arg(item[key])
        return out


@dataclass
class EdgeOut:
    entries: list[tuple[str, str, Any]]
    node: NodeOut


@dataclass
class ConnectionOut:
    """Builds a connection from {total, items} of one page starting at `offset`."""

    offset: int
    entries: list[tuple[str, str, Any]]

    def __call__(self, value: Mapping[str, Any]) -> dict[str, Any]:
        items = value["items"] or []
        total = value["total"]
        offset = self.offset
        out: dict[str, Any] = {}
        for key, kind, arg in self.entries:
            if kind == "total":
                out[key] = total
            elif kind == "const":
                out[key] = arg
            elif kind == "nodes":
                out[key] = [arg(item) for item in items]
            elif kind == "edges":
                out[key] = [_edge(arg, item, offset + i) for i, item in enumerate(items)]
            else:  # "pageInfo"
                out[key] = _page_info(arg, offset, len(items), total)
        return out


def _edge(edge: EdgeOut, item: Mapping[str, Any], position: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, kind, arg in edge.entries:
        if kind == "cursor":
            out[key] = encode_cursor(position)
        elif kind == "node":
            out[key] = edge.node(item)
        elif kind == "rel":
            out[key] = item.get(f"#{arg}")
        else:  # "const"
            out[key] = arg
    return out


def _page_info(
    entries: list[tuple[str, str, Any]], offset: int, count: int, total: int | None
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, kind, arg in entries:
        if kind == "hasNextPage":
            out[key] = offset + count < (total or 0)
        elif kind == "hasPreviousPage":
            out[key] = offset > 0
        elif kind == "startCursor":
            out[key] = encode_cursor(offset) if count else None
        elif kind == "endCursor":
            out[key] = encode_cursor(offset + count - 1) if count else None
        else:  # "const"
            out[key] = arg
    return out


# ---------------------------------------------------------------------------------------------
# From the selection to reads and builders
# ---------------------------------------------------------------------------------------------


def _object(schema: GraphQLSchema, name: str) -> GraphQLObjectType:
    kind = schema.type_map.get(name)
    if not isinstance(kind, GraphQLObjectType):
        raise NotCompiled(name)
    return kind


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
    spec = RELATION_SPECS.get(field.base_resolver.wrapped_func)
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
        definition = _object(self.schema, parent).fields[field.name.value]
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
                properties[key] = Property(key, arg, FALLBACKS.get((label, arg)))
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
        if name in LISTS:
            label = LISTS[name]
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


async def answer(
    db: Any,
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    raw_variables: Mapping[str, Any],
) -> ExecutionResult | None:
    """The answer to `operation` from one statement, or None when the read path leaves it to
    the general executor. A database that is down or too slow is an error on the first root
    field (as the executor reports it: 503 or 504), not a second attempt that would double the
    wait."""
    coerced = get_variable_values(
        schema, operation.variable_definitions or (), dict(raw_variables), max_errors=1
    )
    if isinstance(coerced, list):
        return None
    try:
        reads, roots = plan(schema, operation, fragments, coerced)
    except NotCompiled:
        return None
    if not reads:
        return None
    try:
        results = await selection.read(db, reads)
    except DomainError as exc:
        if exc.code in (ErrorCode.UNAVAILABLE, ErrorCode.TIMEOUT):
            return ExecutionResult(data=None, errors=[located_error(exc, None, [reads[0].key])])
        return None  # the general executor reports it, field by field
    data: dict[str, Any] = {}
    for key, kind, arg in roots:
        data[key] = arg if kind == "const" else arg(results[key])
    return ExecutionResult(data=data, errors=None)


def _operation(document: Any, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [o for o in operations if name is None or (o.name and o.name.value == name)]
    return chosen[0] if len(chosen) == 1 else None


class ReadPath(enum.Enum):
    """How queries are answered (THIRDLINK_READ_PATH, api/app.py)."""

    COMPILED = "compiled"  # one statement where the read path can (the default)
    GENERAL = "general"  # per-field resolvers only
    CHECKED = "checked"  # both, compared: the test suite runs so (tests/conftest.py)


def mismatch(path: Any) -> GraphQLError:
    return GraphQLError(
        "读取路径与通用执行结果不一致 / The read path and the general executor disagree "
        f"(first difference at {path})",
        extensions={"code": "READ_PATH_MISMATCH"},
    )


def first_difference(a: Any, b: Any, path: str = "data") -> str | None:
    """Where two answers first differ (keys in order count), or None when they are the same."""
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            return f"{path} keys {list(a)} ≠ {list(b)}"
        for key in a:
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path} length {len(a)} ≠ {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if type(a) is type(b) and a == b else f"{path}: {a!r} ≠ {b!r}"


class CompiledReads(SchemaExtension):
    """Answers what the read path can before the general executor runs (see above)."""

    async def on_execute(self) -> Any:
        ctx = self.execution_context
        context = ctx.context
        mode = ReadPath(getattr(context, "read_path", ReadPath.COMPILED.value))
        operation = _compilable(ctx) if mode is not ReadPath.GENERAL else None
        if operation is not None:
            document = ctx.graphql_document
            fragments = {
                d.name.value: d
                for d in document.definitions  # type: ignore[union-attr]
                if isinstance(d, FragmentDefinitionNode)
            }
            result = await answer(
                context.db, ctx.schema._schema, operation, fragments, ctx.variables or {}
            )
            if result is not None and not result.errors and mode is ReadPath.CHECKED:
                result = await _checked(ctx, result)
            if result is not None:
                ctx.result = result
        yield


def _compilable(ctx: Any) -> OperationDefinitionNode | None:
    """The query the read path may try: nothing has answered it yet (the cost limit may have),
    and the viewer may read."""
    viewer_role = getattr(getattr(ctx.context, "viewer", None), "role", None)
    if ctx.result is not None or ctx.graphql_document is None:
        return None
    if viewer_role not in Permission.READ.value:
        return None
    operation = _operation(ctx.graphql_document, ctx.operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        return None
    return operation


async def _checked(ctx: Any, result: ExecutionResult) -> ExecutionResult:
    """`result` when the general executor gives the same answer, else READ_PATH_MISMATCH."""
    context = ctx.context
    general = await ctx.schema.execute(
        ctx.query,
        ctx.variables,
        dataclasses.replace(context, loaders=Loaders(context.db), read_path="general", extras={}),
        operation_name=ctx.operation_name,
    )
    where = first_difference(result.data, general.data) if not general.errors else "errors"
    if where is None:
        return result
    log.error("read path mismatch at %s", where)
    return ExecutionResult(data=None, errors=[mismatch(where)])
