"""The audit trail: every successful mutation is recorded with who, when, what and which ids;
ADMIN reads it through `auditEvents`.

The record is part of the mutation's own write transaction: the `AuditWrites` extension
declares a pending event (who, which mutation, the ids in its arguments) around the resolver,
and graph/kernel/db.py writes it inside the transaction that makes the change, adding the ids of
the nodes the write returned (graph/kernel/audit.py). So a change never commits without its
event, nor an event without its change. A mutation whose payload carries `errors` rolled back, event
included; one that wrote nothing records nothing; a refused one never ran.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator
from typing import Any

import strawberry
from graphql import GraphQLResolveInfo
from strawberry import relay
from strawberry.extensions import SchemaExtension
from strawberry.utils.await_maybe import await_maybe

from graph.kernel import audit
from schema.common import After, Connection, First, connection_from_page, page_args
from schema.context import Info
from schema.permissions import CAN_READ_AUDIT, Viewer


@strawberry.type(description="One recorded write: who made it, when, and what it touched.")
class AuditEvent:
    id: strawberry.ID = strawberry.field(description="Id of the record.")
    at: datetime.datetime = strawberry.field(description="When the write was made.")
    token_name: str = strawberry.field(description="Name of the API token used.")
    role: str = strawberry.field(description="Role of that token.")
    operation: str = strawberry.field(description="The mutation, e.g. createCommittee.")
    ids: list[relay.GlobalID] = strawberry.field(
        description="What it touched, as global ids (use with node(id); a deleted record's "
        "id no longer resolves)."
    )

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> AuditEvent:
        return cls(
            id=strawberry.ID(row["id"]),
            at=row["at"],
            token_name=row["tokenName"],
            role=row["role"],
            operation=row["operation"],
            ids=[relay.GlobalID(*ref.split(":", 1)) for ref in row.get("ids") or []],
        )


@strawberry.type
class AuditQuery:
    @strawberry.field(
        description="The audit trail, newest first (ADMIN only).",
        permission_classes=[CAN_READ_AUDIT],
    )
    async def audit_events(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        operation: str | None = None,
        token_name: str | None = None,
    ) -> Connection[AuditEvent]:
        size, offset = page_args(first, after)
        page = await audit.list_events(
            info.context.db, first=size, offset=offset, operation=operation, token_name=token_name
        )
        return connection_from_page(page, offset, AuditEvent.from_row)


# --- recording ----------------------------------------------------------------------------------


def _ids(value: Any, depth: int = 0) -> Iterator[str]:
    """Global ids found in arguments and payloads, as Label:id (a few levels deep)."""
    if depth > 4 or value is None:
        return
    if isinstance(value, relay.GlobalID):
        yield f"{value.type_name}:{value.node_id}"
    elif isinstance(value, str):
        try:
            gid = relay.GlobalID.from_id(value)
        except Exception:  # not a global id: plain text is not an id
            return
        yield f"{gid.type_name}:{gid.node_id}"
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "id" or key.endswith(("Id", "Ids")) or isinstance(item, dict | list):
                yield from _ids(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _ids(item, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        if isinstance(value, relay.Node) or hasattr(value, "LABEL"):
            label = getattr(value, "LABEL", type(value).__name__)
            node_id = getattr(value, "id", None)
            if node_id is not None:
                yield (
                    f"{label}:{node_id}"
                    if not isinstance(node_id, relay.GlobalID)
                    else (f"{node_id.type_name}:{node_id.node_id}")
                )
            return
        for f in dataclasses.fields(value):
            if f.name != "errors":
                yield from _ids(getattr(value, f.name), depth + 1)


class AuditWrites(SchemaExtension):
    """Declare each top-level mutation field's audit event; its write transaction records it."""

    def resolve(
        self, _next: Any, root: Any, info: GraphQLResolveInfo, *args: Any, **kwargs: Any
    ) -> Any:
        if info.path.prev is not None or info.parent_type is not info.schema.mutation_type:
            return _next(root, info, *args, **kwargs)
        return self._audited(_next, root, info, args, kwargs)

    async def _audited(
        self,
        _next: Any,
        root: Any,
        info: GraphQLResolveInfo,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Any:
        # Mutation fields run one after another in this task, so the pending event (a context
        # variable) belongs to this field alone.
        viewer: Viewer | None = getattr(info.context, "viewer", None)
        with audit.pending(
            token_name=viewer.name if viewer else "",
            role=viewer.role.value if viewer else "",
            operation=info.field_name,
            ids=list(_ids(kwargs)),
        ):
            return await await_maybe(_next(root, info, *args, **kwargs))
