"""GraphQL types of the liaison graph. Every relationship is a field in both directions and goes
through a per-request DataLoader (see schema/context.py), so lists cost one round trip per
field however many parents ask."""

from __future__ import annotations

import dataclasses
import enum
from typing import Annotated, ClassVar, Self

import strawberry
from strawberry import relay

from graph.kernel.reads import Direction, Row
from schema.common import After, Connection, First, enum_or_none, related, single
from schema.context import Info
from schema.trips.reverse import activities_field


@strawberry.enum(description="Level of a people's congress (五级人大).")
class CongressLevel(enum.Enum):
    NATIONAL = "NATIONAL"
    PROVINCIAL = "PROVINCIAL"
    CITY = "CITY"
    COUNTY = "COUNTY"
    TOWNSHIP = "TOWNSHIP"


@strawberry.enum(description="SPECIAL: 专门委员会; WORKING: 工作委员会.")
class CommitteeKind(enum.Enum):
    SPECIAL = "SPECIAL"
    WORKING = "WORKING"


@strawberry.enum(description="A deputy's role in a professional group.")
class MemberRole(enum.Enum):
    CONVENER = "CONVENER"
    MEMBER = "MEMBER"


@strawberry.enum(description="Deputy category (党政干部, 专业技术, 企业, 农民, 其他).")
class DeputyCategory(enum.Enum):
    PARTY_GOVERNMENT = "PARTY_GOVERNMENT"
    PROFESSIONAL = "PROFESSIONAL"
    ENTERPRISE = "ENTERPRISE"
    FARMER = "FARMER"
    OTHER = "OTHER"


class LiaisonNode(relay.Node):
    """Shared behaviour: load by id through the request's NodesByIdLoader."""

    LABEL: ClassVar[str] = ""

    @classmethod
    def from_row(cls, row: Row) -> Self:
        """The type from a node's properties, field by field. Types with enum fields
        override this to convert the stored strings."""
        names = [f.name for f in dataclasses.fields(cls) if f.init and not f.name.startswith("_")]
        return cls(**{name: row.get(name) for name in names})

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        rows = await info.context.loaders.node(cls.LABEL).load_many(list(node_ids))
        return [cls.from_row(row) if row else None for row in rows]


@strawberry.type(description="A people's congress (人民代表大会) at one level.")
class Congress(LiaisonNode):
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

    @strawberry.field(description="Its committees.")
    async def committees(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Committee]:
        return await related(
            info,
            "COMMITTEE_OF",
            "Congress",
            "Committee",
            Direction.IN,
            self.id,
            first,
            after,
            Committee.from_row,
        )

    @strawberry.field(description="Its professional deputy groups.")
    async def groups(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[DeputyGroup]:
        return await related(
            info,
            "GROUP_OF",
            "Congress",
            "DeputyGroup",
            Direction.IN,
            self.id,
            first,
            after,
            DeputyGroup.from_row,
        )

    @strawberry.field(description="Its deputies (edge.level and edge.since describe the seat).")
    async def deputies(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Deputy]:
        return await related(
            info,
            "DEPUTY_OF",
            "Congress",
            "Deputy",
            Direction.IN,
            self.id,
            first,
            after,
            Deputy.from_row,
        )


@strawberry.type(description="A committee of a congress, e.g. 财政经济委员会.")
class Committee(LiaisonNode):
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

    @strawberry.field(description="The congress it belongs to.")
    async def congress(self, info: Info) -> Congress | None:
        return await single(
            info, "COMMITTEE_OF", "Committee", "Congress", Direction.OUT, self.id, Congress.from_row
        )

    @strawberry.field(description="The deputy groups it liaises with (对口联系).")
    async def groups(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[DeputyGroup]:
        return await related(
            info,
            "LIAISES_WITH",
            "Committee",
            "DeputyGroup",
            Direction.OUT,
            self.id,
            first,
            after,
            DeputyGroup.from_row,
        )

    @strawberry.field(description="Deputies who sit on it.")
    async def members(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Deputy]:
        return await related(
            info,
            "SITS_ON",
            "Committee",
            "Deputy",
            Direction.IN,
            self.id,
            first,
            after,
            Deputy.from_row,
        )


@strawberry.type(description="A professional deputy group (专业代表小组).")
class DeputyGroup(LiaisonNode):
    LABEL = "DeputyGroup"
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name, e.g. 预制菜专业代表小组.")
    description: str | None = strawberry.field(description="What the group works on.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    activities = activities_field("DeputyGroup")

    @strawberry.field(description="The congress it belongs to.")
    async def congress(self, info: Info) -> Congress | None:
        return await single(
            info, "GROUP_OF", "DeputyGroup", "Congress", Direction.OUT, self.id, Congress.from_row
        )

    @strawberry.field(description="Committees that liaise with it.")
    async def committees(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Committee]:
        return await related(
            info,
            "LIAISES_WITH",
            "DeputyGroup",
            "Committee",
            Direction.IN,
            self.id,
            first,
            after,
            Committee.from_row,
        )

    @strawberry.field(description="Industry alliances it partners with.")
    async def alliances(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Alliance]:
        return await related(
            info,
            "PARTNERS_WITH",
            "DeputyGroup",
            "Alliance",
            Direction.OUT,
            self.id,
            first,
            after,
            Alliance.from_row,
        )

    @strawberry.field(description="Its convener (召集人), if it has one.")
    async def convener(self, info: Info) -> Deputy | None:
        return await single(
            info,
            "GROUP_MEMBER",
            "DeputyGroup",
            "Deputy",
            Direction.IN,
            self.id,
            Deputy.from_row,
            where=lambda row: row["rel"].get("role") == "CONVENER",
        )

    @strawberry.field(description="Its members, convener included (edge.role says which).")
    async def members(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        role: Annotated[
            MemberRole | None, strawberry.argument(description="Only this role.")
        ] = None,
    ) -> Connection[Deputy]:
        wanted = role.value if role else None
        return await related(
            info,
            "GROUP_MEMBER",
            "DeputyGroup",
            "Deputy",
            Direction.IN,
            self.id,
            first,
            after,
            Deputy.from_row,
            where=lambda row: wanted is None or row["rel"].get("role") == wanted,
        )

    @strawberry.field(description="Industries it covers.")
    async def industries(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Industry]:
        return await related(
            info,
            "IN_INDUSTRY",
            "DeputyGroup",
            "Industry",
            Direction.OUT,
            self.id,
            first,
            after,
            Industry.from_row,
        )


@strawberry.type(description="An industry alliance (产业联盟) of enterprises.")
class Alliance(LiaisonNode):
    LABEL = "Alliance"
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name, e.g. 山东预制菜产业联盟.")
    scope: str | None = strawberry.field(description="Geographic or sector scope.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    @strawberry.field(description="Deputy groups partnering with it.")
    async def groups(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[DeputyGroup]:
        return await related(
            info,
            "PARTNERS_WITH",
            "Alliance",
            "DeputyGroup",
            Direction.IN,
            self.id,
            first,
            after,
            DeputyGroup.from_row,
        )

    @strawberry.field(description="Member enterprises.")
    async def enterprises(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Enterprise]:
        return await related(
            info,
            "ALLIANCE_MEMBER",
            "Alliance",
            "Enterprise",
            Direction.IN,
            self.id,
            first,
            after,
            Enterprise.from_row,
        )

    @strawberry.field(description="Industries it covers.")
    async def industries(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Industry]:
        return await related(
            info,
            "IN_INDUSTRY",
            "Alliance",
            "Industry",
            Direction.OUT,
            self.id,
            first,
            after,
            Industry.from_row,
        )


@strawberry.type(description="An industry of GB/T 4754 (国民经济行业分类); a tree.")
class Industry(LiaisonNode):
    LABEL = "Industry"
    id: relay.NodeID[str]
    code: str = strawberry.field(description="GB/T 4754 code, e.g. C36 汽车制造业.")
    name: str = strawberry.field(description="Name.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    @classmethod
    def from_row(cls, row: Row) -> Industry:
        return cls(
            id=row["id"],
            code=row.get("code") or row["id"],
            name=row["name"],
            source=row.get("source"),
        )

    @strawberry.field(description="The broader industry (e.g. C for C36).")
    async def parent(self, info: Info) -> Industry | None:
        return await single(
            info, "PART_OF", "Industry", "Industry", Direction.OUT, self.id, Industry.from_row
        )

    @strawberry.field(description="Narrower industries.")
    async def children(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Industry]:
        return await related(
            info,
            "PART_OF",
            "Industry",
            "Industry",
            Direction.IN,
            self.id,
            first,
            after,
            Industry.from_row,
        )

    @strawberry.field(description="Deputy groups in this industry (this node only).")
    async def groups(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[DeputyGroup]:
        return await related(
            info,
            "IN_INDUSTRY",
            "Industry",
            "DeputyGroup",
            Direction.IN,
            self.id,
            first,
            after,
            DeputyGroup.from_row,
        )

    @strawberry.field(description="Alliances in this industry (this node only).")
    async def alliances(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Alliance]:
        return await related(
            info,
            "IN_INDUSTRY",
            "Industry",
            "Alliance",
            Direction.IN,
            self.id,
            first,
            after,
            Alliance.from_row,
        )

    @strawberry.field(description="Enterprises in this industry (this node only).")
    async def enterprises(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Enterprise]:
        return await related(
            info,
            "IN_INDUSTRY",
            "Industry",
            "Enterprise",
            Direction.IN,
            self.id,
            first,
            after,
            Enterprise.from_row,
        )


@strawberry.type(description="A deputy (人大代表); may sit at several levels.")
class Deputy(LiaisonNode):
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

    @strawberry.field(description="Congresses where the deputy holds a seat (edge.level).")
    async def congresses(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Congress]:
        return await related(
            info,
            "DEPUTY_OF",
            "Deputy",
            "Congress",
            Direction.OUT,
            self.id,
            first,
            after,
            Congress.from_row,
        )

    @strawberry.field(description="Professional groups of the deputy (edge.role).")
    async def groups(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[DeputyGroup]:
        return await related(
            info,
            "GROUP_MEMBER",
            "Deputy",
            "DeputyGroup",
            Direction.OUT,
            self.id,
            first,
            after,
            DeputyGroup.from_row,
        )

    @strawberry.field(description="Committees the deputy sits on.")
    async def committees(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Committee]:
        return await related(
            info,
            "SITS_ON",
            "Deputy",
            "Committee",
            Direction.OUT,
            self.id,
            first,
            after,
            Committee.from_row,
        )

    @strawberry.field(description="The enterprise the deputy works at, if any.")
    async def employer(self, info: Info) -> Enterprise | None:
        return await single(
            info, "WORKS_AT", "Deputy", "Enterprise", Direction.OUT, self.id, Enterprise.from_row
        )

    @strawberry.field(description="Deputies this deputy contacts (first link).")
    async def contacts(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Deputy]:
        return await related(
            info,
            "CONTACTS",
            "Deputy",
            "Deputy",
            Direction.OUT,
            self.id,
            first,
            after,
            Deputy.from_row,
        )

    @strawberry.field(description="Deputies who contact this deputy.")
    async def contacted_by(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Deputy]:
        return await related(
            info,
            "CONTACTS",
            "Deputy",
            "Deputy",
            Direction.IN,
            self.id,
            first,
            after,
            Deputy.from_row,
        )


@strawberry.type(description="An enterprise (企业).")
class Enterprise(LiaisonNode):
    LABEL = "Enterprise"
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name.")
    uscc: str | None = strawberry.field(description="Unified social credit code (18 chars).")
    town: str | None = strawberry.field(description="Town or district where it is.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    activities = activities_field("Enterprise")

    @strawberry.field(description="Alliances it is a member of.")
    async def alliances(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Alliance]:
        return await related(
            info,
            "ALLIANCE_MEMBER",
            "Enterprise",
            "Alliance",
            Direction.OUT,
            self.id,
            first,
            after,
            Alliance.from_row,
        )

    @strawberry.field(description="Deputies who work there.")
    async def deputies(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Deputy]:
        return await related(
            info,
            "WORKS_AT",
            "Enterprise",
            "Deputy",
            Direction.IN,
            self.id,
            first,
            after,
            Deputy.from_row,
        )

    @strawberry.field(description="Industries it is in.")
    async def industries(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Industry]:
        return await related(
            info,
            "IN_INDUSTRY",
            "Enterprise",
            "Industry",
            Direction.OUT,
            self.id,
            first,
            after,
            Industry.from_row,
        )


TYPES: dict[str, type[LiaisonNode]] = {
    cls.LABEL: cls
    for cls in (Congress, Committee, DeputyGroup, Alliance, Industry, Deputy, Enterprise)
}
