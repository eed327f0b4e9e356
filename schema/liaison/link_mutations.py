"""Mutations of the liaison structure's relationships: link and unlink each one, and a group
member's role. Each returns both ends as they are now (LinkPayload); the rules (one convener
per group, one employer per deputy, no cycle in the industry tree) live in graph/liaison/links.py.
All need EDIT_STRUCTURE.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import strawberry

from graph.kernel.reads import Row
from graph.liaison import links
from graph.liaison.links import LinkSpec
from schema.common import decode_any_id, decode_id, run_mutation
from schema.context import Info
from schema.liaison.payloads import LinkPayload
from schema.liaison.types import TYPES, MemberRole
from schema.permissions import CAN_EDIT_STRUCTURE

EDIT = [CAN_EDIT_STRUCTURE]


async def _link(
    info: Info, spec_of: Any, *, remove: bool = False, action: Any = None
) -> LinkPayload:
    async def work() -> tuple[Row, Row, LinkSpec]:
        spec: LinkSpec = spec_of()
        fn = action or (links.unlink if remove else links.link)
        start, end = await fn(info.context.db, spec)
        return start, end, spec

    done, errors = await run_mutation(info, work)
    if done is None:
        return LinkPayload(source=None, target=None, errors=errors)
    start, end, spec = done
    return LinkPayload(
        source=TYPES[spec.start_label].from_row(start),
        target=TYPES[spec.end_label].from_row(end),
        errors=[],
    )


@dataclass(frozen=True)
class _Ends:
    rel_key: str
    start_label: str
    start_field: str
    end_label: str
    end_field: str


# The relationships the API links, each as (model key, start label, its argument, end label,
# its argument): a link and its unlink share one row.
_LIAISES_WITH = _Ends("LIAISES_WITH", "Committee", "committeeId", "DeputyGroup", "groupId")
_PARTNERS_WITH = _Ends("PARTNERS_WITH", "DeputyGroup", "groupId", "Alliance", "allianceId")
_GROUP_MEMBER = _Ends("GROUP_MEMBER", "Deputy", "deputyId", "DeputyGroup", "groupId")
_SITS_ON = _Ends("SITS_ON", "Deputy", "deputyId", "Committee", "committeeId")
_WORKS_AT = _Ends("WORKS_AT", "Deputy", "deputyId", "Enterprise", "enterpriseId")
_ALLIANCE_MEMBER = _Ends("ALLIANCE_MEMBER", "Enterprise", "enterpriseId", "Alliance", "allianceId")
_PART_OF = _Ends("PART_OF", "Industry", "industryId", "Industry", "parentId")
_CONTACTS = _Ends("CONTACTS", "Deputy", "deputyId", "Deputy", "contactId")
_DEPUTY_OF = _Ends("DEPUTY_OF", "Deputy", "deputyId", "Congress", "congressId")


@strawberry.type
class LiaisonLinkMutation:
    """Link and unlink each relationship of the liaison structure."""

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
            lambda: _spec(_LIAISES_WITH, committee_id, group_id, since=since),
        )

    @strawberry.mutation(
        description="A committee stops liaising with a group.", permission_classes=EDIT
    )
    async def unlink_committee_from_group(
        self, info: Info, committee_id: strawberry.ID, group_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(_LIAISES_WITH, committee_id, group_id),
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
            lambda: _spec(_PARTNERS_WITH, group_id, alliance_id, since=since),
        )

    @strawberry.mutation(
        description="A group stops partnering with an alliance.", permission_classes=EDIT
    )
    async def unlink_group_from_alliance(
        self, info: Info, group_id: strawberry.ID, alliance_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(_PARTNERS_WITH, group_id, alliance_id),
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
            lambda: _spec(_GROUP_MEMBER, deputy_id, group_id, role=role.value),
        )

    @strawberry.mutation(description="Remove a deputy from a group.", permission_classes=EDIT)
    async def remove_group_member(
        self, info: Info, group_id: strawberry.ID, deputy_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(_GROUP_MEMBER, deputy_id, group_id),
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
            lambda: _spec(_GROUP_MEMBER, deputy_id, group_id, role=role.value),
            action=links.set_member_role,
        )

    @strawberry.mutation(description="Seat a deputy on a committee.", permission_classes=EDIT)
    async def add_committee_member(
        self, info: Info, committee_id: strawberry.ID, deputy_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(_SITS_ON, deputy_id, committee_id),
        )

    @strawberry.mutation(description="Remove a deputy from a committee.", permission_classes=EDIT)
    async def remove_committee_member(
        self, info: Info, committee_id: strawberry.ID, deputy_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(_SITS_ON, deputy_id, committee_id),
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
            lambda: _spec(_WORKS_AT, deputy_id, enterprise_id),
        )

    @strawberry.mutation(description="Remove a deputy's employer.", permission_classes=EDIT)
    async def unlink_deputy_from_employer(
        self, info: Info, deputy_id: strawberry.ID, enterprise_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(_WORKS_AT, deputy_id, enterprise_id),
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
            lambda: _spec(_ALLIANCE_MEMBER, enterprise_id, alliance_id, since=since),
        )

    @strawberry.mutation(description="An enterprise leaves an alliance.", permission_classes=EDIT)
    async def remove_alliance_member(
        self, info: Info, alliance_id: strawberry.ID, enterprise_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(_ALLIANCE_MEMBER, enterprise_id, alliance_id),
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
            lambda: _spec(_PART_OF, industry_id, parent_id),
        )

    @strawberry.mutation(description="Detach an industry from its parent.", permission_classes=EDIT)
    async def unlink_industry_from_parent(
        self, info: Info, industry_id: strawberry.ID, parent_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(_PART_OF, industry_id, parent_id),
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
            lambda: _spec(_CONTACTS, deputy_id, contact_id),
        )

    @strawberry.mutation(description="Remove a first-link contact.", permission_classes=EDIT)
    async def unlink_deputy_contact(
        self, info: Info, deputy_id: strawberry.ID, contact_id: strawberry.ID
    ) -> LinkPayload:
        return await _link(
            info,
            lambda: _spec(_CONTACTS, deputy_id, contact_id),
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
            lambda: _spec(_DEPUTY_OF, deputy_id, congress_id),
            remove=True,
        )


# --- argument decoding only; the rules live in graph/ ---------------------------------------


def _spec(ends: _Ends, start: strawberry.ID, end: strawberry.ID, **props: Any) -> LinkSpec:
    return LinkSpec(
        rel_key=ends.rel_key,
        start_label=ends.start_label,
        start_id=decode_id(start, ends.start_label, ends.start_field),
        end_label=ends.end_label,
        end_id=decode_id(end, ends.end_label, ends.end_field),
        props={k: v for k, v in props.items() if v is not None},
        start_field=ends.start_field,
        end_field=ends.end_field,
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
    return _spec(_DEPUTY_OF, deputy_id, congress_id, since=since)
