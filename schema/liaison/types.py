"""GraphQL types of the liaison graph. Every relationship is a field in both directions and goes
through a per-request DataLoader (see schema/context.py), so lists cost one round trip per
field however many parents ask."""

from __future__ import annotations

from typing import ClassVar

import strawberry
from strawberry import relay

from graph.kernel.reads import Direction, Row
from graph.kernel.vocab import CommitteeKind, CongressLevel, DeputyCategory, MemberRole
from schema.common import enum_or_none
from schema.fields import GraphNode, related_field, single_field
from schema.liaison.activities import activities_field
from schema.liaison.proposals import proposals_field

# strawberry.enum registers the graph/ enums themselves: one vocabulary (graph/kernel/vocab.py).
strawberry.enum(
    CongressLevel, name="CongressLevel", description="Level of a people's congress (五级人大)."
)
strawberry.enum(
    CommitteeKind, name="CommitteeKind", description="SPECIAL: 专门委员会; WORKING: 工作委员会."
)
strawberry.enum(
    MemberRole, name="MemberRole", description="A deputy's role in a professional group."
)
strawberry.enum(
    DeputyCategory,
    name="DeputyCategory",
    description="Deputy category (党政干部, 专业技术, 企业, 农民, 其他).",
)


@strawberry.type(description="A people's congress (人民代表大会) at one level.")
class Congress(GraphNode):
    LABEL = "Congress"
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name, e.g. 诸城市人民代表大会.")
    level: CongressLevel | None = strawberry.field(description="Level of the congress.")
    region: str | None = strawberry.field(description="Administrative region.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    @classmethod
    def from_row(cls, row: Row) -> Congress:
        return cls(
            id=row["id"],
            name=row["name"],
            level=enum_or_none(CongressLevel, row.get("level")),
            region=row.get("region"),
            source=row.get("source"),
        )

    committees = related_field("COMMITTEE_OF", "Committee", "Its committees.")

    groups = related_field("GROUP_OF", "DeputyGroup", "Its professional deputy groups.")

    deputies = related_field(
        "DEPUTY_OF", "Deputy", "Its deputies (edge.level and edge.since describe the seat)."
    )


@strawberry.type(description="A committee of a congress, e.g. 财政经济委员会.")
class Committee(GraphNode):
    LABEL = "Committee"
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name.")
    kind: CommitteeKind | None = strawberry.field(description="SPECIAL or WORKING.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    @classmethod
    def from_row(cls, row: Row) -> Committee:
        return cls(
            id=row["id"],
            name=row["name"],
            kind=enum_or_none(CommitteeKind, row.get("kind")),
            source=row.get("source"),
        )

    activities = activities_field("Committee")

    congress = single_field("COMMITTEE_OF", "Congress", "The congress it belongs to.")

    groups = related_field(
        "LIAISES_WITH", "DeputyGroup", "The deputy groups it liaises with (对口联系)."
    )

    members = related_field("SITS_ON", "Deputy", "Deputies who sit on it.")


@strawberry.type(description="A professional deputy group (专业代表小组).")
class DeputyGroup(GraphNode):
    LABEL = "DeputyGroup"
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name, e.g. 预制菜专业代表小组.")
    description: str | None = strawberry.field(description="What the group works on.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    activities = activities_field("DeputyGroup")

    congress = single_field("GROUP_OF", "Congress", "The congress it belongs to.")

    committees = related_field("LIAISES_WITH", "Committee", "Committees that liaise with it.")

    alliances = related_field("PARTNERS_WITH", "Alliance", "Industry alliances it partners with.")

    convener = single_field(
        "GROUP_MEMBER",
        "Deputy",
        "Its convener (召集人), if it has one.",
        role=MemberRole.CONVENER.value,
    )

    members = related_field(
        "GROUP_MEMBER",
        "Deputy",
        "Its members, convener included (edge.role says which).",
        role_argument=True,
    )

    industries = related_field("IN_INDUSTRY", "Industry", "Industries it covers.")


@strawberry.type(description="An industry alliance (产业联盟) of enterprises.")
class Alliance(GraphNode):
    LABEL = "Alliance"
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name, e.g. 山东预制菜产业联盟.")
    scope: str | None = strawberry.field(description="Geographic or sector scope.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    groups = related_field("PARTNERS_WITH", "DeputyGroup", "Deputy groups partnering with it.")

    enterprises = related_field("ALLIANCE_MEMBER", "Enterprise", "Member enterprises.")

    industries = related_field("IN_INDUSTRY", "Industry", "Industries it covers.")


@strawberry.type(description="An industry of GB/T 4754 (国民经济行业分类); a tree.")
class Industry(GraphNode):
    LABEL = "Industry"
    FALLBACKS: ClassVar[dict[str, str]] = {"code": "id"}
    id: relay.NodeID[str]
    code: str = strawberry.field(description="GB/T 4754 code, e.g. C36 汽车制造业.")
    name: str = strawberry.field(description="Name.")
    aliases: list[str] | None = strawberry.field(
        description="Other names people use for it (预制菜 for C1432), which `search` finds; "
        "null when none are recorded.",
    )
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    parent = single_field(
        "PART_OF", "Industry", "The broader industry (e.g. C for C36).", direction=Direction.OUT
    )

    children = related_field("PART_OF", "Industry", "Narrower industries.", direction=Direction.IN)

    groups = related_field(
        "IN_INDUSTRY", "DeputyGroup", "Deputy groups in this industry (this node only)."
    )

    alliances = related_field(
        "IN_INDUSTRY", "Alliance", "Alliances in this industry (this node only)."
    )

    enterprises = related_field(
        "IN_INDUSTRY", "Enterprise", "Enterprises in this industry (this node only)."
    )


@strawberry.type(description="A deputy (人大代表); may sit at several levels.")
class Deputy(GraphNode):
    LABEL = "Deputy"
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name.")
    category: DeputyCategory | None = strawberry.field(description="Deputy category.")
    expertise: str | None = strawberry.field(description="Field of expertise.")
    gender: str | None = strawberry.field(description="Gender, if recorded.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    @classmethod
    def from_row(cls, row: Row) -> Deputy:
        return cls(
            id=row["id"],
            name=row["name"],
            category=enum_or_none(DeputyCategory, row.get("category")),
            expertise=row.get("expertise"),
            gender=row.get("gender"),
            source=row.get("source"),
        )

    activities = activities_field("Deputy")

    proposals = proposals_field()

    congresses = related_field(
        "DEPUTY_OF", "Congress", "Congresses where the deputy holds a seat (edge.level)."
    )

    groups = related_field(
        "GROUP_MEMBER", "DeputyGroup", "Professional groups of the deputy (edge.role)."
    )

    committees = related_field("SITS_ON", "Committee", "Committees the deputy sits on.")

    employer = single_field("WORKS_AT", "Enterprise", "The enterprise the deputy works at, if any.")

    contacts = related_field(
        "CONTACTS", "Deputy", "Deputies this deputy contacts (first link).", direction=Direction.OUT
    )

    contacted_by = related_field(
        "CONTACTS", "Deputy", "Deputies who contact this deputy.", direction=Direction.IN
    )


@strawberry.type(description="An enterprise (企业).")
class Enterprise(GraphNode):
    LABEL = "Enterprise"
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name.")
    uscc: str | None = strawberry.field(description="Unified social credit code (18 chars).")
    town: str | None = strawberry.field(description="Town or district where it is.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    activities = activities_field("Enterprise")

    alliances = related_field("ALLIANCE_MEMBER", "Alliance", "Alliances it is a member of.")

    deputies = related_field("WORKS_AT", "Deputy", "Deputies who work there.")

    industries = related_field("IN_INDUSTRY", "Industry", "Industries it is in.")


TYPES: dict[str, type[GraphNode]] = {
    cls.LABEL: cls
    for cls in (Congress, Committee, DeputyGroup, Alliance, Industry, Deputy, Enterprise)
}
