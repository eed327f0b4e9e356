"""Mutations of the liaison structure: create, update and delete each type; link and unlink
each relationship. Each returns the changed object; expected failures come back in `errors`
(NOT_FOUND, DUPLICATE, INVALID, CONFLICT) and nothing is written. All need EDIT_STRUCTURE."""

from __future__ import annotations

import datetime
from typing import Any, Generic, TypeVar

import strawberry
from strawberry import relay

from graph.kernel import nodes, validate
from graph.kernel.nodes import Link
from graph.kernel.reads import Row
from graph.liaison import links
from graph.liaison.links import LinkSpec
from schema.common import MutationError, attempt, decode_any_id, decode_id, global_id
from schema.context import Info
from schema.fields import GraphNode
from schema.liaison.types import (
    TYPES,
    Alliance,
    Committee,
    CommitteeKind,
    Congress,
    CongressLevel,
    Deputy,
    DeputyCategory,
    DeputyGroup,
    Enterprise,
    Industry,
    MemberRole,
)
from schema.permissions import CAN_EDIT_STRUCTURE

T = TypeVar("T")

EDIT = [CAN_EDIT_STRUCTURE]


def _value(v: Any) -> Any:
    return v.value if hasattr(v, "value") else v


def _props(obj: Any, *names: str) -> dict[str, Any]:
    return {name: _value(getattr(obj, name)) for name in names}


# --- payloads -------------------------------------------------------------------------------


@strawberry.type(description="The result of a create or update.")
class Payload(Generic[T]):
    result: T | None = strawberry.field(description="The changed object; null when errors.")
    errors: list[MutationError] = strawberry.field(description="Why nothing was changed.")


@strawberry.type(description="The result of a delete.")
class DeletePayload:
    deleted_id: relay.GlobalID | None = strawberry.field(description="Id of the deleted object.")
    errors: list[MutationError] = strawberry.field(description="Why nothing was deleted.")


@strawberry.type(description="The result of a link or unlink: both ends, as they are now.")
class LinkPayload:
    source: relay.Node | None = strawberry.field(description="Start of the relationship.")
    target: relay.Node | None = strawberry.field(description="End of the relationship.")
    errors: list[MutationError] = strawberry.field(description="Why nothing was changed.")


async def _save(info: Info, kind: type[GraphNode], work: Any) -> Payload[Any]:
    row, errors = await attempt(work)
    info.context.loaders.clear()
    return Payload(result=kind.from_row(row) if row else None, errors=errors)


async def _delete(
    info: Info, kind: type[GraphNode], id: strawberry.ID, cascade: bool
) -> DeletePayload:
    async def work() -> str:
        node_id = decode_id(id, kind.LABEL, "id")
        return await nodes.delete_node(info.context.db, kind.LABEL, node_id, cascade=cascade)

    deleted, errors = await attempt(work())
    info.context.loaders.clear()
    return DeletePayload(
        deleted_id=global_id(kind.LABEL, deleted) if deleted else None, errors=errors
    )


async def _link(
    info: Info, spec_of: Any, *, remove: bool = False, action: Any = None
) -> LinkPayload:
    async def work() -> tuple[Row, Row, LinkSpec]:
        spec: LinkSpec = spec_of()
        fn = action or (links.unlink if remove else links.link)
        start, end = await fn(info.context.db, spec)
        return start, end, spec

    done, errors = await attempt(work())
    info.context.loaders.clear()
    if done is None:
        return LinkPayload(source=None, target=None, errors=errors)
    start, end, spec = done
    return LinkPayload(
        source=TYPES[spec.start_label].from_row(start),
        target=TYPES[spec.end_label].from_row(end),
        errors=[],
    )


# --- inputs ---------------------------------------------------------------------------------


@strawberry.input(description="A new congress.")
class CreateCongressInput:
    name: str = strawberry.field(description="Name, 1–200 characters.")
    level: CongressLevel = strawberry.field(description="Level.")
    region: str | None = strawberry.field(default=None, description="Region.")


@strawberry.input(description="Changes to a congress; omitted fields stay.")
class UpdateCongressInput:
    id: strawberry.ID = strawberry.field(description="Global id of the object to change.")
    name: str | None = strawberry.field(default=None, description="New name, 1–200 characters.")
    level: CongressLevel | None = strawberry.field(default=None, description="New level.")
    region: str | None = strawberry.field(default=None, description="New region.")


@strawberry.input(description="A new committee of a congress.")
class CreateCommitteeInput:
    congress_id: strawberry.ID = strawberry.field(description="The congress it belongs to.")
    name: str = strawberry.field(description="Name, unique within the congress.")
    kind: CommitteeKind = strawberry.field(default=CommitteeKind.SPECIAL, description="Kind.")


@strawberry.input(description="Changes to a committee; omitted fields stay.")
class UpdateCommitteeInput:
    id: strawberry.ID = strawberry.field(description="Global id of the object to change.")
    name: str | None = strawberry.field(default=None, description="New name, 1–200 characters.")
    kind: CommitteeKind | None = strawberry.field(default=None, description="New kind.")


@strawberry.input(description="A new professional deputy group of a congress.")
class CreateDeputyGroupInput:
    congress_id: strawberry.ID = strawberry.field(description="The congress it belongs to.")
    name: str = strawberry.field(description="Name, unique within the congress.")
    description: str | None = strawberry.field(default=None, description="What it works on.")


@strawberry.input(description="Changes to a deputy group; omitted fields stay.")
class UpdateDeputyGroupInput:
    id: strawberry.ID = strawberry.field(description="Global id of the object to change.")
    name: str | None = strawberry.field(default=None, description="New name, 1–200 characters.")
    description: str | None = strawberry.field(default=None, description="New description.")


@strawberry.input(description="A new industry alliance.")
class CreateAllianceInput:
    name: str = strawberry.field(description="Name, unique.")
    scope: str | None = strawberry.field(default=None, description="Scope.")


@strawberry.input(description="Changes to an alliance; omitted fields stay.")
class UpdateAllianceInput:
    id: strawberry.ID = strawberry.field(description="Global id of the object to change.")
    name: str | None = strawberry.field(default=None, description="New name, 1–200 characters.")
    scope: str | None = strawberry.field(default=None, description="New scope.")


@strawberry.input(description="A new industry of GB/T 4754.")
class CreateIndustryInput:
    code: str = strawberry.field(description="GB/T 4754 code, e.g. C1391; becomes its id.")
    name: str = strawberry.field(description="Name.")
    parent_code: str | None = strawberry.field(default=None, description="Broader industry.")


@strawberry.input(description="Changes to an industry (the code cannot change).")
class UpdateIndustryInput:
    id: strawberry.ID = strawberry.field(description="Global id of the object to change.")
    name: str | None = strawberry.field(default=None, description="New name, 1–200 characters.")


@strawberry.input(description="A new deputy, seated in a congress.")
class CreateDeputyInput:
    congress_id: strawberry.ID = strawberry.field(description="Congress of the seat.")
    name: str = strawberry.field(description="Name.")
    category: DeputyCategory | None = strawberry.field(default=None, description="Category.")
    expertise: str | None = strawberry.field(default=None, description="Expertise.")
    gender: str | None = strawberry.field(default=None, description="Gender.")
    since: datetime.date | None = strawberry.field(default=None, description="Seated since.")


@strawberry.input(description="Changes to a deputy; omitted fields stay.")
class UpdateDeputyInput:
    id: strawberry.ID = strawberry.field(description="Global id of the object to change.")
    name: str | None = strawberry.field(default=None, description="New name, 1–200 characters.")
    category: DeputyCategory | None = strawberry.field(default=None, description="New category.")
    expertise: str | None = strawberry.field(default=None, description="New expertise.")
    gender: str | None = strawberry.field(default=None, description="New gender.")


@strawberry.input(description="A new enterprise.")
class CreateEnterpriseInput:
    name: str = strawberry.field(description="Name.")
    uscc: str | None = strawberry.field(
        default=None, description="Unified social credit code; its check character is verified."
    )
    town: str | None = strawberry.field(default=None, description="Town or district.")


@strawberry.input(description="Changes to an enterprise; omitted fields stay.")
class UpdateEnterpriseInput:
    id: strawberry.ID = strawberry.field(description="Global id of the object to change.")
    name: str | None = strawberry.field(default=None, description="New name, 1–200 characters.")
    uscc: str | None = strawberry.field(
        default=None, description="New unified social credit code (check character verified)."
    )
    town: str | None = strawberry.field(default=None, description="New town or district.")


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
    # --- create / update / delete ----------------------------------------------------------

    @strawberry.mutation(description="Create a congress.", permission_classes=EDIT)
    async def create_congress(self, info: Info, input: CreateCongressInput) -> Payload[Congress]:
        return await _save(
            info,
            Congress,
            nodes.create_node(
                info.context.db, "Congress", _props(input, "name", "level", "region")
            ),
        )

    @strawberry.mutation(description="Update a congress.", permission_classes=EDIT)
    async def update_congress(self, info: Info, input: UpdateCongressInput) -> Payload[Congress]:
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
    async def create_committee(self, info: Info, input: CreateCommitteeInput) -> Payload[Committee]:
        return await _save(
            info,
            Committee,
            _create_in_congress(
                info, "Committee", "COMMITTEE_OF", input, _props(input, "name", "kind")
            ),
        )

    @strawberry.mutation(description="Update a committee.", permission_classes=EDIT)
    async def update_committee(self, info: Info, input: UpdateCommitteeInput) -> Payload[Committee]:
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
    ) -> Payload[DeputyGroup]:
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
    ) -> Payload[DeputyGroup]:
        return await _save(
            info, DeputyGroup, _update(info, "DeputyGroup", input, "name", "description")
        )

    @strawberry.mutation(description="Delete a deputy group.", permission_classes=EDIT)
    async def delete_deputy_group(
        self, info: Info, id: strawberry.ID, cascade: bool = False
    ) -> DeletePayload:
        return await _delete(info, DeputyGroup, id, cascade)

    @strawberry.mutation(description="Create an industry alliance.", permission_classes=EDIT)
    async def create_alliance(self, info: Info, input: CreateAllianceInput) -> Payload[Alliance]:
        return await _save(
            info,
            Alliance,
            nodes.create_node(info.context.db, "Alliance", _props(input, "name", "scope")),
        )

    @strawberry.mutation(description="Update an alliance.", permission_classes=EDIT)
    async def update_alliance(self, info: Info, input: UpdateAllianceInput) -> Payload[Alliance]:
        return await _save(info, Alliance, _update(info, "Alliance", input, "name", "scope"))

    @strawberry.mutation(description="Delete an alliance.", permission_classes=EDIT)
    async def delete_alliance(
        self, info: Info, id: strawberry.ID, cascade: bool = False
    ) -> DeletePayload:
        return await _delete(info, Alliance, id, cascade)

    @strawberry.mutation(
        description="Create an industry (optionally under a parent code).", permission_classes=EDIT
    )
    async def create_industry(self, info: Info, input: CreateIndustryInput) -> Payload[Industry]:
        return await _save(info, Industry, _create_industry(info, input))

    @strawberry.mutation(description="Rename an industry.", permission_classes=EDIT)
    async def update_industry(self, info: Info, input: UpdateIndustryInput) -> Payload[Industry]:
        return await _save(info, Industry, _update(info, "Industry", input, "name"))

    @strawberry.mutation(description="Delete an industry.", permission_classes=EDIT)
    async def delete_industry(
        self, info: Info, id: strawberry.ID, cascade: bool = False
    ) -> DeletePayload:
        return await _delete(info, Industry, id, cascade)

    @strawberry.mutation(
        description="Create a deputy seated in a congress.", permission_classes=EDIT
    )
    async def create_deputy(self, info: Info, input: CreateDeputyInput) -> Payload[Deputy]:
        return await _save(info, Deputy, _create_deputy(info, input))

    @strawberry.mutation(description="Update a deputy.", permission_classes=EDIT)
    async def update_deputy(self, info: Info, input: UpdateDeputyInput) -> Payload[Deputy]:
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
    ) -> Payload[Enterprise]:
        return await _save(
            info,
            Enterprise,
            nodes.create_node(info.context.db, "Enterprise", _props(input, "name", "uscc", "town")),
        )

    @strawberry.mutation(description="Update an enterprise.", permission_classes=EDIT)
    async def update_enterprise(
        self, info: Info, input: UpdateEnterpriseInput
    ) -> Payload[Enterprise]:
        return await _save(
            info, Enterprise, _update(info, "Enterprise", input, "name", "uscc", "town")
        )

    @strawberry.mutation(description="Delete an enterprise.", permission_classes=EDIT)
    async def delete_enterprise(
        self, info: Info, id: strawberry.ID, cascade: bool = False
    ) -> DeletePayload:
        return await _delete(info, Enterprise, id, cascade)

    # --- links -----------------------------------------------------------------------------

    @strawberry.mutation(
        description="A committee starts liaising with a group.", permission_classes=EDIT
    )
    async def link_committee_to_group(
        self,
        info: Info,
        committee_id: strawberry.ID,
        group_id: strawberry.ID,
        since: datetime.date | None = None,
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "LIAISES_WITH",
                "Committee",
                committee_id,
                "committeeId",
                "DeputyGroup",
                group_id,
                "groupId",
                since=since,
            ),
        )

    @strawberry.mutation(
        description="A committee stops liaising with a group.", permission_classes=EDIT
    )
    async def unlink_committee_from_group(
        self, info: Info, committee_id: strawberry.ID, group_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "LIAISES_WITH",
                "Committee",
                committee_id,
                "committeeId",
                "DeputyGroup",
                group_id,
                "groupId",
            ),
            remove=True,
        )

    @strawberry.mutation(description="A group partners with an alliance.", permission_classes=EDIT)
    async def link_group_to_alliance(
        self,
        info: Info,
        group_id: strawberry.ID,
        alliance_id: strawberry.ID,
        since: datetime.date | None = None,
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "PARTNERS_WITH",
                "DeputyGroup",
                group_id,
                "groupId",
                "Alliance",
                alliance_id,
                "allianceId",
                since=since,
            ),
        )

    @strawberry.mutation(
        description="A group stops partnering with an alliance.", permission_classes=EDIT
    )
    async def unlink_group_from_alliance(
        self, info: Info, group_id: strawberry.ID, alliance_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "PARTNERS_WITH",
                "DeputyGroup",
                group_id,
                "groupId",
                "Alliance",
                alliance_id,
                "allianceId",
            ),
            remove=True,
        )

    @strawberry.mutation(
        description="Add a deputy to a group (a group has one CONVENER).", permission_classes=EDIT
    )
    async def add_group_member(
        self,
        info: Info,
        group_id: strawberry.ID,
        deputy_id: strawberry.ID,
        role: MemberRole = MemberRole.MEMBER,
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "GROUP_MEMBER",
                "Deputy",
                deputy_id,
                "deputyId",
                "DeputyGroup",
                group_id,
                "groupId",
                role=role.value,
            ),
        )

    @strawberry.mutation(description="Remove a deputy from a group.", permission_classes=EDIT)
    async def remove_group_member(
        self, info: Info, group_id: strawberry.ID, deputy_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "GROUP_MEMBER", "Deputy", deputy_id, "deputyId", "DeputyGroup", group_id, "groupId"
            ),
            remove=True,
        )

    @strawberry.mutation(
        description="Change a member's role, e.g. make a member the convener (one per group).",
        permission_classes=EDIT,
    )
    async def set_group_member_role(
        self, info: Info, group_id: strawberry.ID, deputy_id: strawberry.ID, role: MemberRole
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "GROUP_MEMBER",
                "Deputy",
                deputy_id,
                "deputyId",
                "DeputyGroup",
                group_id,
                "groupId",
                role=role.value,
            ),
            action=links.set_member_role,
        )

    @strawberry.mutation(description="Seat a deputy on a committee.", permission_classes=EDIT)
    async def add_committee_member(
        self, info: Info, committee_id: strawberry.ID, deputy_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "SITS_ON", "Deputy", deputy_id, "deputyId", "Committee", committee_id, "committeeId"
            ),
        )

    @strawberry.mutation(description="Remove a deputy from a committee.", permission_classes=EDIT)
    async def remove_committee_member(
        self, info: Info, committee_id: strawberry.ID, deputy_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "SITS_ON", "Deputy", deputy_id, "deputyId", "Committee", committee_id, "committeeId"
            ),
            remove=True,
        )

    @strawberry.mutation(
        description="Record where a deputy works (one employer).", permission_classes=EDIT
    )
    async def link_deputy_to_employer(
        self, info: Info, deputy_id: strawberry.ID, enterprise_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "WORKS_AT",
                "Deputy",
                deputy_id,
                "deputyId",
                "Enterprise",
                enterprise_id,
                "enterpriseId",
            ),
        )

    @strawberry.mutation(description="Remove a deputy's employer.", permission_classes=EDIT)
    async def unlink_deputy_from_employer(
        self, info: Info, deputy_id: strawberry.ID, enterprise_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "WORKS_AT",
                "Deputy",
                deputy_id,
                "deputyId",
                "Enterprise",
                enterprise_id,
                "enterpriseId",
            ),
            remove=True,
        )

    @strawberry.mutation(description="An enterprise joins an alliance.", permission_classes=EDIT)
    async def add_alliance_member(
        self,
        info: Info,
        alliance_id: strawberry.ID,
        enterprise_id: strawberry.ID,
        since: datetime.date | None = None,
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "ALLIANCE_MEMBER",
                "Enterprise",
                enterprise_id,
                "enterpriseId",
                "Alliance",
                alliance_id,
                "allianceId",
                since=since,
            ),
        )

    @strawberry.mutation(description="An enterprise leaves an alliance.", permission_classes=EDIT)
    async def remove_alliance_member(
        self, info: Info, alliance_id: strawberry.ID, enterprise_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "ALLIANCE_MEMBER",
                "Enterprise",
                enterprise_id,
                "enterpriseId",
                "Alliance",
                alliance_id,
                "allianceId",
            ),
            remove=True,
        )

    @strawberry.mutation(
        description="Put a group, alliance or enterprise in an industry.", permission_classes=EDIT
    )
    async def link_to_industry(
        self, info: Info, id: strawberry.ID, industry_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(info, lambda: _industry_spec(id, industry_id))

    @strawberry.mutation(
        description="Take a group, alliance or enterprise out of an industry.",
        permission_classes=EDIT,
    )
    async def unlink_from_industry(
        self, info: Info, id: strawberry.ID, industry_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(info, lambda: _industry_spec(id, industry_id), remove=True)

    @strawberry.mutation(
        description="Place an industry under a broader one (no cycles).", permission_classes=EDIT
    )
    async def link_industry_to_parent(
        self, info: Info, industry_id: strawberry.ID, parent_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "PART_OF", "Industry", industry_id, "industryId", "Industry", parent_id, "parentId"
            ),
        )

    @strawberry.mutation(description="Detach an industry from its parent.", permission_classes=EDIT)
    async def unlink_industry_from_parent(
        self, info: Info, industry_id: strawberry.ID, parent_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "PART_OF", "Industry", industry_id, "industryId", "Industry", parent_id, "parentId"
            ),
            remove=True,
        )

    @strawberry.mutation(
        description="A deputy contacts another deputy (first link).", permission_classes=EDIT
    )
    async def link_deputy_contact(
        self, info: Info, deputy_id: strawberry.ID, contact_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "CONTACTS", "Deputy", deputy_id, "deputyId", "Deputy", contact_id, "contactId"
            ),
        )

    @strawberry.mutation(description="Remove a first-link contact.", permission_classes=EDIT)
    async def unlink_deputy_contact(
        self, info: Info, deputy_id: strawberry.ID, contact_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "CONTACTS", "Deputy", deputy_id, "deputyId", "Deputy", contact_id, "contactId"
            ),
            remove=True,
        )

    @strawberry.mutation(
        description="Seat a deputy in another congress (another level).", permission_classes=EDIT
    )
    async def add_deputy_to_congress(
        self,
        info: Info,
        deputy_id: strawberry.ID,
        congress_id: strawberry.ID,
        since: datetime.date | None = None,
    ) -> LinkPayload:
        return await _link(info, lambda: _seat_spec(info, deputy_id, congress_id, since))

    @strawberry.mutation(
        description="Remove a deputy's seat in a congress.", permission_classes=EDIT
    )
    async def remove_deputy_from_congress(
        self, info: Info, deputy_id: strawberry.ID, congress_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(
                "DEPUTY_OF", "Deputy", deputy_id, "deputyId", "Congress", congress_id, "congressId"
            ),
            remove=True,
        )


# --- helpers the resolvers share (argument decoding only; the rules live in graph/) ---------


def _spec(
    rel_key: str,
    start_label: str,
    start: strawberry.ID,
    start_field: str,
    end_label: str,
    end: strawberry.ID,
    end_field: str,
    **props: Any,
) -> LinkSpec:
    return LinkSpec(
        rel_key=rel_key,
        start_label=start_label,
        start_id=decode_id(start, start_label, start_field),
        end_label=end_label,
        end_id=decode_id(end, end_label, end_field),
        props={k: v for k, v in props.items() if v is not None},
        start_field=start_field,
        end_field=end_field,
    )


def _industry_spec(id: strawberry.ID, industry_id: strawberry.ID) -> LinkSpec:
    label, node_id = decode_any_id(id, "id", ["DeputyGroup", "Alliance", "Enterprise"])
    return LinkSpec(
        "IN_INDUSTRY",
        label,
        node_id,
        "Industry",
        decode_id(industry_id, "Industry", "industryId"),
        start_field="id",
        end_field="industryId",
    )


def _seat_spec(
    info: Info, deputy_id: strawberry.ID, congress_id: strawberry.ID, since: datetime.date | None
) -> LinkSpec:
    return _spec(
        "DEPUTY_OF",
        "Deputy",
        deputy_id,
        "deputyId",
        "Congress",
        congress_id,
        "congressId",
        since=since,
        level=None,
    )


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
        info.context.db, "Industry", _props(input, "code", "name"), links
    )
