"""The cost limit: what a query may ask for, computed before it runs.

A connection costs the most it can return, multiplied by what the connections above it can
return. The most a connection can return is its `first` (or the default page size), and no
more than the graph has: a relationship field returns at most as many nodes as the most
neighbours any node has along that relationship (its largest degree), and a top-level list at
most as many as its label has (graph/kernel/degrees.py reads both, cached; schema/fanout.py
says which field reads which). `committees(first: 50) { groups(first: 20) }` costs 50 + 50·20
= 1,050 in a graph of 50 committees where one has 20 groups or more, and 6 + 6·7 = 48 in one of
six committees with at most seven groups each. The estimate is an upper bound of what the
query fetches (while the cached degrees are current), not a guess: a query refused really
could fetch that much, and a natural nested query over a real liaison graph is not refused for
page sizes it cannot fill. Where a field's fan-out is not known (search, trips, suggestions,
or degrees that could not be read), it counts its full page, as before. The degrees are only
read for a query whose full pages would be refused (a ceiling only lowers the cost). Every
other field costs nothing, so plain lookups are free and only fan-out is limited. A list
fetched by ids (`nodes(ids: [...])`) costs its number of ids. Above MAX_COST the request is
refused before anything runs, with code COST_LIMIT and the computed cost.

Arguments are read the way execution will read them (graphql-core's own coercion): literals,
variables, variable defaults, argument defaults, and an Int variable sent as a JSON float all
count for what they will fetch.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from strawberry.extensions import SchemaExtension

from graph.kernel.degrees import DegreeCache, Degrees
from schema.common import DEFAULT_PAGE, fragments_of, operation_of

MAX_COST = 50_000

# The most items a connection field can return in the graph as it is (parent type name, field);
# None where that is not known (the page size counts).
Ceiling = Callable[[str, GraphQLField], int | None]


def _arguments(
    definition: GraphQLField, field: FieldNode, variables: VariableValues
) -> dict[str, Any]:
    """The field's arguments as execution will see them; {} when they do not coerce (the
    request then fails on its own, with graphql-core's error)."""
    try:
        return get_argument_values(definition, field, variables)
    except GraphQLError:
        return {}


def _fan_out(arguments: Mapping[str, Any], connection: bool) -> int | None:
    """How many items a field may return: a connection's page size, or its number of ids;
    None for fields that do not fan out."""
    ids = arguments.get("ids")
    if isinstance(ids, list):
        return len(ids)
    if not connection:
        return None
    first = arguments.get("first")
    return max(0, first) if isinstance(first, int) else DEFAULT_PAGE


def _is_connection(type_: GraphQLNamedType) -> bool:
    return isinstance(type_, GraphQLObjectType) and type_.name.endswith("Connection")


def query_cost(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    ceiling: Ceiling | None = None,
) -> int:
    """The cost of `operation` with the request's raw `variables` (coerced here); `ceiling`
    caps each connection at what the graph can return (without it, pages count in full)."""
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    coerced = get_variable_values(
        schema, operation.variable_definitions or (), dict(variables), max_errors=1
    )
    if isinstance(coerced, list):  # execution reports the variables' errors
        return 0

    def fields(
        parent: GraphQLNamedType, selections: SelectionSetNode, seen: frozenset[str]
    ) -> Iterator[tuple[GraphQLNamedType, FieldNode]]:
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                yield parent, selection
            elif isinstance(selection, InlineFragmentNode):
                cond = selection.type_condition
                inner = schema.get_type(cond.name.value) if cond else parent
                yield from fields(inner or parent, selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = fragments.get(name)
                if fragment is None or name in seen:  # validation reports these
                    continue
                inner = schema.get_type(fragment.type_condition.name.value)
                yield from fields(inner or parent, fragment.selection_set, seen | {name})

    def cost(
        parent: GraphQLNamedType, selections: SelectionSetNode, multiplier: int, depth: int
    ) -> int:
        if depth > 50:  # the depth limit refuses these anyway
            return 0
        total = 0
        for parent_type, field in fields(parent, selections, frozenset()):
            definition = getattr(parent_type, "fields", {}).get(field.name.value)
            if definition is None or field.selection_set is None:
                continue
            named = get_named_type(definition.type)
            inner = multiplier
            connection = _is_connection(named)
            size = _fan_out(_arguments(definition, field, coerced), connection)
            if size is not None and connection and ceiling is not None:
                most = ceiling(parent_type.name, definition)
                size = size if most is None else min(size, most)
            if size is not None:
                inner = multiplier * size
                total += inner
            total += cost(named, field.selection_set, inner, depth + 1)
        return total

    return cost(root, operation.selection_set, 1, 0)


def _name_operation(
    context: Any, operation: OperationDefinitionNode, schema: GraphQLSchema
) -> None:
    """Name the operation for metrics and logs from schema field names only (bounded labels):
    `mutation:createCommittee`, `query:committees+` (several root fields)."""
    extras = getattr(context, "extras", None)
    root = schema.get_root_type(operation.operation)
    if extras is None or root is None:
        return
    known = sorted(
        {
            s.name.value
            for s in operation.selection_set.selections
            if isinstance(s, FieldNode) and s.name.value in root.fields
        }
    )
    name = (known[0] + ("+" if len(known) > 1 else "")) if known else "other"
    extras["operation"] = f"{operation.operation.value}:{name}"


class CostLimiter(SchemaExtension):
    """Refuse costly queries (above); also names the operation for metrics.

    `ceilings` turns the graph's degrees into the ceiling of each field (schema/fanout.py);
    the degrees come from the context's cache (`Context.degrees`), which a mutation marks
    stale."""

    def __init__(
        self,
        *,
        max_cost: int = MAX_COST,
        ceilings: Callable[[Degrees], Ceiling] | None = None,
    ) -> None:
        self.max_cost = max_cost
        self.ceilings = ceilings

    async def _ceiling(self) -> Ceiling | None:
        context = self.execution_context.context
        cache: DegreeCache | None = getattr(context, "degrees", None)
        if cache is None or self.ceilings is None:
            return None
        degrees = await cache.current(context.db)
        return self.ceilings(degrees) if degrees is not None else None

    async def on_execute(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        operation = operation_of(document, ctx.operation_name) if document else None
        if document is not None and operation is not None and ctx.result is None:
            _name_operation(ctx.context, operation, ctx.schema._schema)
            schema, fragments = ctx.schema._schema, fragments_of(document)
            variables = ctx.variables or {}
            cost = query_cost(schema, operation, fragments, variables)
            if cost > self.max_cost:  # the pages alone are too many: can the graph fill them?
                ceiling = await self._ceiling()
                if ceiling is not None:
                    cost = query_cost(schema, operation, fragments, variables, ceiling)
            if cost > self.max_cost:
                ctx.result = ExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(
                            f"查询成本 {cost} 超过上限 {self.max_cost}，请减小 first 或嵌套 / "
                            f"Query cost {cost} exceeds the limit {self.max_cost}; "
                            "ask for smaller pages or less nesting",
                            extensions={
                                "code": "COST_LIMIT",
                                "cost": cost,
                                "maxCost": self.max_cost,
                            },
                        )
                    ],
                )
        yield
        if operation is not None and operation.operation is OperationType.MUTATION:
            cache: DegreeCache | None = getattr(ctx.context, "degrees", None)
            if cache is not None:  # a link or a delete may have changed the degrees
                cache.stale()
