"""`node(id)` and `nodes(ids)`: any entity by its global id, Relay style.

Strawberry's own `relay.node()` resolves the type named in an id through the whole schema, so
an id naming a type that is not a Node (`AuditEvent:x`) or no type at all crashed the request.
Here an id must name one of NODE_TYPES, else INVALID names the argument; `nodes` takes at
most MAX_IDS ids (the cost limit counts them too, schema/cost.py).
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from graph.kernel.errors import DomainError, ErrorCode
from schema.common import decode_any_id
from schema.context import Info
from schema.fields import GraphNode
from schema.liaison.types import TYPES
from schema.permissions import CAN_READ
from schema.proposals.types import Proposal, Unit
from schema.receptions.issue_types import Campaign, Issue
from schema.trips.types import Activity

# Every type that implements Node, by label (tests/schema check that none is missing).
NODE_TYPES: dict[str, type[GraphNode]] = {
    **TYPES,
    Unit.LABEL: Unit,
    Proposal.LABEL: Proposal,
    Activity.LABEL: Activity,
    Issue.LABEL: Issue,
    Campaign.LABEL: Campaign,
}

MAX_IDS = 100


async def _resolve(info: Info, ids: list[strawberry.ID], field: str) -> list[relay.Node | None]:
    decoded = [decode_any_id(value, field, tuple(NODE_TYPES)) for value in ids]
    by_label: dict[str, list[str]] = {}
    for label, node_id in decoded:
        by_label.setdefault(label, []).append(node_id)
    found: dict[tuple[str, str], relay.Node | None] = {}
    for label, node_ids in by_label.items():
        nodes = await NODE_TYPES[label].resolve_nodes(info=info, node_ids=node_ids)
        found.update(zip(((label, i) for i in node_ids), nodes, strict=True))
    return [found[key] for key in decoded]


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any entity by its global id.", permission_classes=[CAN_READ])
    async def node(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The ID of the object.")],
    ) -> relay.Node | None:
        return (await _resolve(info, [id], "id"))[0]

    @strawberry.field(
        description="Entities by global ids, in order.", permission_classes=[CAN_READ]
    )
    async def nodes(
        self,
        info: Info,
        ids: Annotated[
            list[strawberry.ID], strawberry.argument(description="The IDs of the objects.")
        ],
    ) -> list[relay.Node | None]:
        if len(ids) > MAX_IDS:
            raise DomainError(
                ErrorCode.INVALID,
                f"ids 最多 {MAX_IDS} 个，收到 {len(ids)} 个",
                f"`ids` takes at most {MAX_IDS} ids, got {len(ids)}",
                field="ids",
            )
        return await _resolve(info, ids, "ids")
