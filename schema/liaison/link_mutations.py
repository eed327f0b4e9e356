"""Mutations of the liaison structure's relationships: link and unlink each one, and a group
member's role. Each returns both ends as they are now (LinkPayload); the rules (one convener
per group, one employer per deputy, no cycle in the industry tree) live in graph/liaison/links.py.
All need EDIT_STRUCTURE.

Size: a little over 400 lines because each of the 21 relationship mutations is spelled out with
its own arguments and description, which is what the API documents.
"""

from __future__ import annotations

import datetime
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


# --- argument decoding only; the rules live in graph/ ---------------------------------------


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
