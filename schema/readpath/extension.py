"""How queries reach the read path: the `CompiledReads` extension, the three modes
(THIRDLINK_READ_PATH) and the comparison the checked mode makes."""

from __future__ import annotations

import dataclasses
import enum
import logging
from collections.abc import Mapping
from typing import Any

from graphql import (
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    located_error,
)
from graphql.execution.values import get_variable_values
from strawberry.extensions import SchemaExtension

from graph.kernel.errors import DomainError, ErrorCode
from graph.liaison import selection
from schema.common import fragments_of, operation_of
from schema.context import Loaders
from schema.permissions import Permission
from schema.readpath.plan import NotCompiled, plan

log = logging.getLogger("thirdlink.readpath")


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
            assert ctx.graphql_document is not None  # _compilable checked
            fragments = fragments_of(ctx.graphql_document)
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
    operation = operation_of(ctx.graphql_document, ctx.operation_name)
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
