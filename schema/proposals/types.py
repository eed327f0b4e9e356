"""GraphQL types of suggestions and handling units. Relationship fields go through per-request
DataLoaders (schema/proposals/loaders.py) (one round trip per field for all parents)."""

from __future__ import annotations

import datetime
import enum

import strawberry
from strawberry import relay

from graph.kernel.reads import Direction, Row
from graph.proposals import core as proposals
from schema.common import After, Connection, First, connection_from_rows
from schema.context import Info
from schema.fields import GraphNode
from schema.liaison.types import Committee, Deputy, DeputyGroup, Industry
from schema.proposals import loaders
from schema.trips.types import Activity


@strawberry.enum(
    description="Where a suggestion is in the closed loop (提出→登记→交办→办理→答复→评价→办结)."
)
class ProposalStatus(enum.Enum):
    SUBMITTED = "SUBMITTED"
    REGISTERED = "REGISTERED"
    ASSIGNED = "ASSIGNED"
    HANDLING = "HANDLING"
    REPLIED = "REPLIED"
    EVALUATED = "EVALUATED"
    CLOSED = "CLOSED"
    MERGED = "MERGED"
    WITHDRAWN = "WITHDRAWN"
    TRANSFERRED = "TRANSFERRED"


@strawberry.enum(description="SESSION: raised during the congress session; INTERSESSION: between.")
class ProposalStage(enum.Enum):
    SESSION = "SESSION"
    INTERSESSION = "INTERSESSION"


@strawberry.enum(description="The deputies' rating: 满意 / 基本满意 / 不满意.")
class Satisfaction(enum.Enum):
    SATISFIED = "SATISFIED"
    BASICALLY_SATISFIED = "BASICALLY_SATISFIED"
    UNSATISFIED = "UNSATISFIED"


@strawberry.enum(description="Kind of handling unit (承办单位).")
class UnitKind(enum.Enum):
    GOVERNMENT = "GOVERNMENT"
    PROCURATORATE = "PROCURATORATE"
    COURT = "COURT"
    PUBLIC_INSTITUTION = "PUBLIC_INSTITUTION"
    ENTERPRISE = "ENTERPRISE"
    OTHER = "OTHER"


@strawberry.enum(description="LEAD: 主办单位; CO: 协办单位.")
class AssignmentRole(enum.Enum):
    LEAD = "LEAD"
    CO = "CO"


@strawberry.type(description="One step in a suggestion's history (for audit).")
class ProposalEvent:
    at: datetime.datetime = strawberry.field(description="When the step was recorded.")
    by: str = strawberry.field(description="Who recorded it (a user's name, or system).")
    action: str = strawberry.field(description="SUBMIT, REGISTER, ASSIGN, … TRANSFER.")
    from_status: ProposalStatus | None = strawberry.field(description="Status before.")
    to_status: ProposalStatus = strawberry.field(description="Status after.")
    note: str | None = strawberry.field(description="Note, reply text or reason.")
    satisfaction: Satisfaction | None = strawberry.field(description="The rating, on EVALUATE.")

    @classmethod
    def from_row(cls, row: Row) -> ProposalEvent:
        return cls(
            at=row["at"],
            by=row["by"],
            action=row["action"],
            from_status=ProposalStatus(row["from"]) if row.get("from") else None,
            to_status=ProposalStatus(row["to"]),
            note=row.get("note"),
            satisfaction=Satisfaction(row["satisfaction"]) if row.get("satisfaction") else None,
        )


@strawberry.type(description="A move the suggestion may make next.")
class ProposalMove:
    action: str = strawberry.field(description="The step (mutation) to take, e.g. ASSIGN.")
    to_status: ProposalStatus = strawberry.field(description="The status it leads to.")
    condition: str | None = strawberry.field(description="When it applies (e.g. a rating).")


@strawberry.type(description="A handling unit's part in a suggestion.")
class UnitAssignment:
    unit: Unit = strawberry.field(description="The unit.")
    role: AssignmentRole = strawberry.field(description="Lead or co-handling unit.")
    assigned_at: datetime.date | None = strawberry.field(description="Date assigned (交办).")
    due: datetime.date | None = strawberry.field(description="Due date (办理期限).")


@strawberry.type(description="A handling unit (承办单位): a government department, procuratorate …")
class Unit(GraphNode):
    LABEL = "Unit"
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name, e.g. 诸城市工业和信息化局.")
    kind: UnitKind | None = strawberry.field(description="Kind of unit.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    @classmethod
    def from_row(cls, row: Row) -> Unit:
        kind = row.get("kind")
        return cls(
            id=row["id"],
            name=row["name"],
            kind=UnitKind(kind) if kind in UnitKind.__members__ else None,
            source=row.get("source"),
        )

    @strawberry.field(description="Suggestions assigned to this unit, newest first.")
    async def proposals(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Proposal]:
        rows = await loaders.proposals_by_unit(info).load(str(self.id))
        return connection_from_rows(rows, first, after, Proposal.from_row)


@strawberry.type(description="A suggestion (意见建议) raised by a deputy or a deputy group.")
class Proposal(GraphNode):
    LABEL = "Proposal"
    id: relay.NodeID[str]
    title: str = strawberry.field(description="Title.")
    summary: str | None = strawberry.field(description="What is suggested.")
    raised_at: datetime.date = strawberry.field(description="Date raised.")
    stage: ProposalStage | None = strawberry.field(description="During or between sessions.")
    status: ProposalStatus = strawberry.field(description="Where it is in the loop.")
    satisfaction: Satisfaction | None = strawberry.field(description="The latest rating.")
    review_round: int = strawberry.field(description="How many UNSATISFIED ratings it had.")
    entered_by: str | None = strawberry.field(description="Who entered it into the system.")
    assigned_at: datetime.date | None = strawberry.field(description="Date assigned.")
    due: datetime.date | None = strawberry.field(description="Due date of the lead unit.")
    replied_at: datetime.date | None = strawberry.field(description="Date of the first reply.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    @classmethod
    def from_row(cls, row: Row) -> Proposal:
        return cls(
            id=row["id"],
            title=row.get("title") or row.get("name", ""),
            summary=row.get("summary"),
            raised_at=row["raisedAt"],
            stage=ProposalStage(row["stage"]) if row.get("stage") else None,
            status=ProposalStatus(row["status"]),
            satisfaction=Satisfaction(row["satisfaction"]) if row.get("satisfaction") else None,
            review_round=row.get("reviewRound") or 0,
            entered_by=row.get("enteredBy"),
            assigned_at=row.get("assignedAt"),
            due=row.get("due"),
            replied_at=row.get("repliedAt"),
            source=row.get("source"),
        )

    @strawberry.field(description="The deputy or deputy group that raised it.")
    async def raised_by(self, info: Info) -> Deputy | DeputyGroup | None:
        row = await loaders.raiser_by_proposal(info).load(str(self.id))
        if row is None:
            return None
        kind = Deputy if row["label"] == "Deputy" else DeputyGroup
        return kind.from_row(row["node"])

    @strawberry.field(description="Id of the trip (Activity) it arose from, if any (ARISES_FROM).")
    async def activity_id(self, info: Info) -> relay.GlobalID | None:
        row = await loaders.activity_by_proposal(info).load(str(self.id))
        return relay.GlobalID("Activity", row["id"]) if row else None

    @strawberry.field(description="The trip (视察调研) it arose from, if any (ARISES_FROM).")
    async def activity(self, info: Info) -> Activity | None:
        row = await loaders.activity_by_proposal(info).load(str(self.id))
        return Activity.from_row(row) if row else None

    @strawberry.field(description="Its industries (GB/T 4754).")
    async def industries(self, info: Info) -> list[Industry]:
        rows = await info.context.loaders.neighbours("IN_INDUSTRY", "Proposal", "Industry").load(
            str(self.id)
        )
        return [Industry.from_row(r) for r in rows]

    @strawberry.field(description="Handling units, lead first, with role and dates.")
    async def units(self, info: Info) -> list[UnitAssignment]:
        rows = await loaders.assignments_by_proposal(info).load(str(self.id))
        return [
            UnitAssignment(
                unit=Unit.from_row(r["unit"]),
                role=AssignmentRole(r["role"]),
                assigned_at=r.get("at"),
                due=r.get("due"),
            )
            for r in rows
        ]

    @strawberry.field(description="Committees supervising its handling (督办).")
    async def supervisors(self, info: Info) -> list[Committee]:
        rows = await info.context.loaders.neighbours(
            "SUPERVISES", "Proposal", "Committee", Direction.IN
        ).load(str(self.id))
        return [Committee.from_row(r) for r in rows]

    @strawberry.field(description="Every status change, oldest first.")
    async def history(self, info: Info) -> list[ProposalEvent]:
        rows = await loaders.events_by_proposal(info).load(str(self.id))
        return [ProposalEvent.from_row(r) for r in rows]

    @strawberry.field(description="The moves allowed from its current status.")
    def allowed_moves(self) -> list[ProposalMove]:
        return [
            ProposalMove(action=m.action, to_status=ProposalStatus(m.to), condition=m.note)
            for m in proposals.allowed_moves(self.status.value, self.review_round)
        ]


TYPES: list[type] = [Proposal, Unit]
