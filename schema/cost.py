"""The cost limit: what a query may ask for, computed before it runs.

Like GitHub's GraphQL API, a connection costs what it may return: its `first` (or the default
page size), multiplied by the `first` of every connection above it. `committees(first: 50) {
groups(first: 20) }` costs 50 + 50·20 = 1,050. Every other field costs nothing, so plain
lookups are free and only fan-out is limited. A list fetched by ids (`nodes(ids: [...])`)
costs its number of ids, the same way. Above MAX_COST the request is refused before anything
runs, with code COST_LIMIT and the computed cost.

Arguments are read the way execution will read them (graphql-core's own coercion): literals,
variables, variable defaults, argument defaults, and an Int variable sent as a JSON float all
count for what they will fetch.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
    SelectionSetNode,
    get_named_type,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from strawberry.extensions import SchemaExtension

from schema.common import DEFAULT_PAGE, fragments_of, operation_of

MAX_COST = 50_000


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
) -> int:
    """The cost of `operation` with the request's raw `variables` (coerced here)."""
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
            size = _fan_out(_arguments(definition, field, coerced), _is_connection(named))
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
    """Refuse costly queries (above); also names the operation for metrics."""

    def __init__(self, *, max_cost: int = MAX_COST) -> None:
        self.max_cost = max_cost

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        operation = operation_of(document, ctx.operation_name) if document else None
        if document is not None and operation is not None and ctx.result is None:
            _name_operation(ctx.context, operation, ctx.schema._schema)
            cost = query_cost(
                ctx.schema._schema, operation, fragments_of(document), ctx.variables or {}
            )
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
