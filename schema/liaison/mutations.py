"""Mutations of the liaison structure's records: create, update and delete each type.

Each returns the changed object (schema/liaison/payloads.py); expected failures come back in
`errors` (NOT_FOUND, DUPLICATE, INVALID, CONFLICT) and nothing is written. All need
EDIT_STRUCTURE. The links between the records are in schema/liaison/link_mutations.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Awaitable
from typing import Any

import strawberry

from graph.kernel import nodes, validate
from graph.kernel.nodes import Link
from graph.kernel.reads import Row
from schema.common import DeletePayload, decode_id, global_id, run_mutation
from schema.context import Info
from schema.fields import GraphNode
from schema.liaison.inputs import (
    CreateAllianceInput,
    CreateCommitteeInput,
    CreateCongressInput,
    CreateDeputyGroupInput,
    CreateDeputyInput,
    CreateEnterpriseInput,
    CreateIndustryInput,
    UpdateAllianceInput,
    UpdateCommitteeInput,
    UpdateCongressInput,
    UpdateDeputyGroupInput,
    UpdateDeputyInput,
    UpdateEnterpriseInput,
    UpdateIndustryInput,
)
from schema.liaison.payloads import (
    AlliancePayload,
    CommitteePayload,
    CongressPayload,
    DeputyGroupPayload,
    DeputyPayload,
    EnterprisePayload,
    IndustryPayload,
)
from schema.liaison.types import (
    Alliance,
    Committee,
    Congress,
    Deputy,
    DeputyGroup,
    Enterprise,
    Industry,
)
from schema.permissions import CAN_EDIT_STRUCTURE

EDIT = [CAN_EDIT_STRUCTURE]

# Each type's payload, and the name its object goes under (the payload rule).
_PAYLOADS: dict[str, tuple[Any, str]] = {
    "Congress": (CongressPayload, "congress"),
    "Committee": (CommitteePayload, "committee"),
    "DeputyGroup": (DeputyGroupPayload, "deputy_group"),
    "Alliance": (AlliancePayload, "alliance"),
    "Industry": (IndustryPayload, "industry"),
    "Deputy": (DeputyPayload, "deputy"),
    "Enterprise": (EnterprisePayload, "enterprise"),
}


def _value(v: Any) -> Any:
    return v.value if hasattr(v, "value") else v


def _props(obj: Any, *names: str) -> dict[str, Any]:
    return {name: _value(getattr(obj, name)) for name in names}


async def _save(info: Info, kind: type[GraphNode], work: Awaitable[Row]) -> Any:
    row, errors = await run_mutation(info, lambda: work)
    payload, field = _PAYLOADS[kind.LABEL]
    return payload(**{field: kind.from_row(row) if row else None, "errors": errors})


async def _delete(
    info: Info, kind: type[GraphNode], id: strawberry.ID, cascade: bool
) -> DeletePayload:
    async def work() -> str:
        node_id = decode_id(id, kind.LABEL, "id")
        return await nodes.delete_node(info.context.db, kind.LABEL, node_id, cascade=cascade)

    deleted, errors = await run_mutation(info, work)
    return DeletePayload(
        deleted_id=global_id(kind.LABEL, deleted) if deleted else None, errors=errors
    )


def _congress_level_link(congress_id: str, since: datetime.date | None) -> Link:
    return Link(
        "DEPUTY_OF",
        "Congress",
        congress_id,
        "input.congressId",
        props={"since": since} if since else {},
    )


@strawberry.type
class LiaisonMutation:
    """Create, update and delete each type of the liaison structure."""

    # --- create / update / delete ----------------------------------------------------------

    @strawberry.mutation(description="Create a congress.", permission_classes=EDIT)
    async def create_congress(self, info: Info, input: CreateCongressInput) -> CongressPayload:
        return await _save(
            info,
            Congress,
            nodes.create_node(
                info.context.db, "Congress", _props(input, "name", "level", "region")
            ),
        )

    @strawberry.mutation(description="Update a congress.", permission_classes=EDIT)
    async def update_congress(self, info: Info, input: UpdateCongressInput) -> CongressPayload:
        return await _save(
            info, Congress, _update(info, "Congress", input, "name", "level", "region")
        )

    @strawberry.mutation(
        description="Delete a congress (cascade: also unlink what points at it).",
        permission_classes=EDIT,
    )
    async def delete_congress(
        self, info: Info, id: strawberry.ID, cascade: bool = False
    ) -> DeletePayload:
        return await _delete(info, Congress, id, cascade)

    @strawberry.mutation(description="Create a committee in a congress.", permission_classes=EDIT)
    async def create_committee(self, info: Info, input: CreateCommitteeInput) -> CommitteePayload:
        return await _save(
            info,
            Committee,
            _create_in_congress(
                info, "Committee", "COMMITTEE_OF", input, _props(input, "name", "kind")
            ),
        )

    @strawberry.mutation(description="Update a committee.", permission_classes=EDIT)
    async def update_committee(self, info: Info, input: UpdateCommitteeInput) -> CommitteePayload:
        return await _save(info, Committee, _update(info, "Committee", input, "name", "kind"))

    @strawberry.mutation(description="Delete a committee.", permission_classes=EDIT)
    async def delete_committee(
        self, info: Info, id: strawberry.ID, cascade: bool = False
    ) -> DeletePayload:
        return await _delete(info, Committee, id, cascade)

    @strawberry.mutation(
        description="Create a deputy group in a congress.", permission_classes=EDIT
    )
    async def create_deputy_group(
        self, info: Info, input: CreateDeputyGroupInput
    ) -> DeputyGroupPayload:
        return await _save(
            info,
            DeputyGroup,
            _create_in_congress(
                info, "DeputyGroup", "GROUP_OF", input, _props(input, "name", "description")
            ),
        )

    @strawberry.mutation(description="Update a deputy group.", permission_classes=EDIT)
    async def update_deputy_group(
        self, info: Info, input: UpdateDeputyGroupInput
    ) -> DeputyGroupPayload:
        return await _save(
            info, DeputyGroup, _update(info, "DeputyGroup", input, "name", "description")
        )

    @strawberry.mutation(description="Delete a deputy group.", permission_classes=EDIT)
    async def delete_deputy_group(
        self, info: Info, id: strawberry.ID, cascade: bool = False
    ) -> DeletePayload:
        return await _delete(info, DeputyGroup, id, cascade)

    @strawberry.mutation(description="Create an industry alliance.", permission_classes=EDIT)
    async def create_alliance(self, info: Info, input: CreateAllianceInput) -> AlliancePayload:
        return await _save(
            info,
            Alliance,
            nodes.create_node(info.context.db, "Alliance", _props(input, "name", "scope")),
        )

    @strawberry.mutation(description="Update an alliance.", permission_classes=EDIT)
    async def update_alliance(self, info: Info, input: UpdateAllianceInput) -> AlliancePayload:
        return await _save(info, Alliance, _update(info, "Alliance", input, "name", "scope"))

    @strawberry.mutation(description="Delete an alliance.", permission_classes=EDIT)
    async def delete_alliance(
        self, info: Info, id: strawberry.ID, cascade: bool = False
    ) -> DeletePayload:
        return await _delete(info, Alliance, id, cascade)

    @strawberry.mutation(
        description="Create an industry (optionally under a parent code).", permission_classes=EDIT
    )
    async def create_industry(self, info: Info, input: CreateIndustryInput) -> IndustryPayload:
        return await _save(info, Industry, _create_industry(info, input))

    @strawberry.mutation(description="Rename an industry.", permission_classes=EDIT)
    async def update_industry(self, info: Info, input: UpdateIndustryInput) -> IndustryPayload:
        return await _save(info, Industry, _update(info, "Industry", input, "name", "aliases"))

    @strawberry.mutation(description="Delete an industry.", permission_classes=EDIT)
    async def delete_industry(
        self, info: Info, id: strawberry.ID, cascade: bool = False
    ) -> DeletePayload:
        return await _delete(info, Industry, id, cascade)

    @strawberry.mutation(
        description="Create a deputy seated in a congress.", permission_classes=EDIT
    )
    async def create_deputy(self, info: Info, input: CreateDeputyInput) -> DeputyPayload:
        return await _save(info, Deputy, _create_deputy(info, input))

    @strawberry.mutation(description="Update a deputy.", permission_classes=EDIT)
    async def update_deputy(self, info: Info, input: UpdateDeputyInput) -> DeputyPayload:
        return await _save(
            info, Deputy, _update(info, "Deputy", input, "name", "category", "expertise", "gender")
        )

    @strawberry.mutation(description="Delete a deputy.", permission_classes=EDIT)
    async def delete_deputy(
        self, info: Info, id: strawberry.ID, cascade: bool = False
    ) -> DeletePayload:
        return await _delete(info, Deputy, id, cascade)

    @strawberry.mutation(description="Create an enterprise.", permission_classes=EDIT)
    async def create_enterprise(
        self, info: Info, input: CreateEnterpriseInput
    ) -> EnterprisePayload:
        return await _save(
            info,
            Enterprise,
            nodes.create_node(info.context.db, "Enterprise", _props(input, "name", "uscc", "town")),
        )

    @strawberry.mutation(description="Update an enterprise.", permission_classes=EDIT)
    async def update_enterprise(
        self, info: Info, input: UpdateEnterpriseInput
    ) -> EnterprisePayload:
        return await _save(
            info, Enterprise, _update(info, "Enterprise", input, "name", "uscc", "town")
        )

    @strawberry.mutation(description="Delete an enterprise.", permission_classes=EDIT)
    async def delete_enterprise(
        self, info: Info, id: strawberry.ID, cascade: bool = False
    ) -> DeletePayload:
        return await _delete(info, Enterprise, id, cascade)


async def _update(info: Info, label: str, input: Any, *names: str) -> Row:
    node_id = decode_id(input.id, label, "input.id")
    return await nodes.update_node(info.context.db, label, node_id, _props(input, *names))


async def _create_in_congress(
    info: Info, label: str, rel_key: str, input: Any, props: dict[str, Any]
) -> Row:
    congress = decode_id(input.congress_id, "Congress", "input.congressId")
    return await nodes.create_node(
        info.context.db, label, props, [Link(rel_key, "Congress", congress, "input.congressId")]
    )


async def _create_deputy(info: Info, input: CreateDeputyInput) -> Row:
    congress = decode_id(input.congress_id, "Congress", "input.congressId")
    return await nodes.create_node(
        info.context.db,
        "Deputy",
        _props(input, "name", "category", "expertise", "gender"),
        [_congress_level_link(congress, input.since)],
    )


async def _create_industry(info: Info, input: CreateIndustryInput) -> Row:
    links = []
    if input.parent_code:
        parent = validate.industry_code(input.parent_code, "input.parentCode")
        links.append(Link("PART_OF", "Industry", parent, "input.parentCode"))
    return await nodes.create_node(
        info.context.db, "Industry", _props(input, "code", "name", "aliases"), links
    )
