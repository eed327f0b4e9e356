"""GraphQL types of suggestions and handling units. Relationship fields go through per-request
DataLoaders (schema/proposals/loaders.py, or the request's neighbours loader) (one round trip per
field for all parents). The liaison and trips types they point at are looked up lazily by label
(schema/fields.py), so this module imports neither."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from graph.kernel.reads import Direction, Row
from graph.proposals import lifecycle, vocab
from schema.common import After, Connection, First, connection_from_rows, enum_or_none
from schema.context import Info
from schema.fields import NODE_MODULES, GraphNode, node_type, single_field
from schema.proposals import loaders

if TYPE_CHECKING:
    from schema.liaison.types import Committee, Deputy, DeputyGroup, Industry
    from schema.receptions.issue_types import Issue

ProposalStatus = strawberry.enum(
    vocab.ProposalStatus,
    name="ProposalStatus",
    description="Where a suggestion is in the closed loop (提出→登记→交办→办理→答复→评价→办结).",
)
ProposalStage = strawberry.enum(
    vocab.ProposalStage,
    name="ProposalStage",
    description="SESSION: raised during the congress session; INTERSESSION: between.",
)
Satisfaction = strawberry.enum(
    vocab.Satisfaction,
    name="Satisfaction",
    description="The deputies' rating: 满意 / 基本满意 / 不满意.",
)
UnitKind = strawberry.enum(
    vocab.UnitKind, name="UnitKind", description="Kind of handling unit (承办单位)."
)
AssignmentRole = strawberry.enum(
    vocab.AssignmentRole, name="AssignmentRole", description="LEAD: 主办单位; CO: 协办单位."
)
RaiserRole = strawberry.enum(
    vocab.RaiserRole,
    name="RaiserRole",
    description="A deputy's part in a suggestion: LEAD 领衔 (one per suggestion), CO_SIGNER 联名.",
)
ReplyClass = strawberry.enum(
    vocab.ReplyClass,
    name="ReplyClass",
    description="How a reply classes the matter: A 已解决或正在解决 (solved or being solved); "
    "B 列入计划逐步解决 (planned); C 因条件限制暂时无法解决 (cannot be solved for now; the "
    "reason is required).",
)
SupervisionKind = strawberry.enum(
    vocab.SupervisionKind,
    name="SupervisionKind",
    description="A supervision action on a key supervised suggestion: NOTIFY 通报, "
    "INTERVIEW 约谈, VISIT 回访.",
)

DeputyRef = Annotated["Deputy", strawberry.lazy(NODE_MODULES["Deputy"])]
DeputyGroupRef = Annotated["DeputyGroup", strawberry.lazy(NODE_MODULES["DeputyGroup"])]
IndustryRef = Annotated["Industry", strawberry.lazy(NODE_MODULES["Industry"])]
CommitteeRef = Annotated["Committee", strawberry.lazy(NODE_MODULES["Committee"])]
IssueRef = Annotated["Issue", strawberry.lazy(NODE_MODULES["Issue"])]


def _nodes(label: str, rows: list[Row]) -> list[Any]:
    """Rows of neighbours as the GraphQL type of their label."""
    return [node_type(label).from_row(row) for row in rows]


@strawberry.type(description="One step in a suggestion's history (for audit).")
class ProposalEvent:
    at: datetime.datetime = strawberry.field(description="When the step was recorded.")
    by: str = strawberry.field(description="Who recorded it (a user's name, or system).")
    action: str = strawberry.field(
        description="SUBMIT, REGISTER, ASSIGN, … TRANSFER; RETURN (退回 by the unit), "
        "EXTEND_DUE (延期), MARK_KEY (列为重点督办), SUPERVISE (通报/约谈/回访)."
    )
    from_status: vocab.ProposalStatus | None = strawberry.field(description="Status before.")
    to_status: vocab.ProposalStatus = strawberry.field(description="Status after.")
    note: str | None = strawberry.field(description="Note, reply text or reason.")
    satisfaction: vocab.Satisfaction | None = strawberry.field(
        description="The rating, on EVALUATE."
    )
    reply_class: vocab.ReplyClass | None = strawberry.field(description="The class, on REPLY.")
    supervision_kind: vocab.SupervisionKind | None = strawberry.field(
        description="What was done, on SUPERVISE."
    )
    due: datetime.date | None = strawberry.field(description="The new due date, on EXTEND_DUE.")
    unit_id: strawberry.Private[str | None]

    @strawberry.field(description="The unit that returned it, on RETURN.")
    async def unit(self, info: Info) -> Unit | None:
        if self.unit_id is None:
            return None
        row = await info.context.loaders.node("Unit").load(self.unit_id)
        return Unit.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: Row) -> ProposalEvent:
        return cls(
            reply_class=enum_or_none(vocab.ReplyClass, row.get("replyClass")),
            supervision_kind=enum_or_none(vocab.SupervisionKind, row.get("supervisionKind")),
            due=row.get("due"),
            unit_id=row.get("unitId"),
            at=row["at"],
            by=row["by"],
            action=row["action"],
            from_status=enum_or_none(vocab.ProposalStatus, row.get("from") or None),
            to_status=vocab.ProposalStatus(row["to"]),
            note=row.get("note"),
            satisfaction=enum_or_none(vocab.Satisfaction, row.get("satisfaction") or None),
        )


@strawberry.type(description="A move the suggestion may make next.")
class ProposalMove:
    action: str = strawberry.field(description="The step (mutation) to take, e.g. ASSIGN.")
    to_status: vocab.ProposalStatus = strawberry.field(description="The status it leads to.")
    condition: str | None = strawberry.field(description="When it applies (e.g. a rating).")


@strawberry.type(description="Key supervision (重点督办) of a suggestion.")
class KeySupervision:
    leader: str = strawberry.field(
        description="Who leads the supervision (督办领导), e.g. a vice-chair of the standing "
        "committee, by name."
    )
    since: datetime.date | None = strawberry.field(description="Marked key supervised on.")
    committee_id: strawberry.Private[str | None]

    @strawberry.field(description="The supervising committee (督办委员会).")
    async def committee(self, info: Info) -> CommitteeRef | None:
        if self.committee_id is None:
            return None
        row = await info.context.loaders.node("Committee").load(self.committee_id)
        return _nodes("Committee", [row])[0] if row else None


@strawberry.type(description="A handling unit's part in a suggestion.")
class UnitAssignment:
    unit: Unit = strawberry.field(description="The unit.")
    role: vocab.AssignmentRole = strawberry.field(description="Lead or co-handling unit.")
    assigned_at: datetime.date | None = strawberry.field(description="Date assigned (交办).")
    due: datetime.date | None = strawberry.field(description="Due date (办理期限).")


@strawberry.type(description="A handling unit (承办单位): a government department, procuratorate …")
class Unit(GraphNode):
    LABEL = "Unit"
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name, e.g. 诸城市工业和信息化局.")
    kind: vocab.UnitKind | None = strawberry.field(description="Kind of unit.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    @classmethod
    def from_row(cls, row: Row) -> Unit:
        kind = row.get("kind")
        return cls(
            id=row["id"],
            name=row["name"],
            kind=vocab.UnitKind(kind) if kind in vocab.UnitKind.values() else None,
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
    stage: vocab.ProposalStage | None = strawberry.field(description="During or between sessions.")
    status: vocab.ProposalStatus = strawberry.field(description="Where it is in the loop.")
    satisfaction: vocab.Satisfaction | None = strawberry.field(description="The latest rating.")
    review_round: int = strawberry.field(description="How many UNSATISFIED ratings it had.")
    entered_by: str | None = strawberry.field(description="Who entered it into the system.")
    assigned_at: datetime.date | None = strawberry.field(description="Date assigned.")
    due: datetime.date | None = strawberry.field(description="Due date of the lead unit.")
    replied_at: datetime.date | None = strawberry.field(description="Date of the first reply.")
    reply_class: vocab.ReplyClass | None = strawberry.field(
        description="The latest reply's class (A/B/C). Null: not replied, or replied before "
        "classes were recorded (the class of an old reply is not known)."
    )
    reply_class_reason: str | None = strawberry.field(
        description="Why it cannot be solved for now (required with class C)."
    )
    original_due: datetime.date | None = strawberry.field(
        description="The due date before its one extension (延期); null when not extended."
    )
    due_extended_at: datetime.date | None = strawberry.field(
        description="When the due date was extended; null when not extended."
    )
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")
    key: strawberry.Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> Proposal:
        return cls(
            reply_class=enum_or_none(vocab.ReplyClass, row.get("replyClass")),
            reply_class_reason=row.get("replyClassReason"),
            original_due=row.get("originalDue"),
            due_extended_at=row.get("dueExtendedAt"),
            key={
                "keySupervised": row.get("keySupervised"),
                "keyCommitteeId": row.get("keyCommitteeId"),
                "keyLeader": row.get("keyLeader"),
                "keySince": row.get("keySince"),
                "returnedBy": row.get("returnedBy") or [],
            },
            id=row["id"],
            title=row.get("title") or row.get("name", ""),
            summary=row.get("summary"),
            raised_at=row["raisedAt"],
            stage=enum_or_none(vocab.ProposalStage, row.get("stage") or None),
            status=vocab.ProposalStatus(row["status"]),
            satisfaction=enum_or_none(vocab.Satisfaction, row.get("satisfaction") or None),
            review_round=row.get("reviewRound") or 0,
            entered_by=row.get("enteredBy"),
            assigned_at=row.get("assignedAt"),
            due=row.get("due"),
            replied_at=row.get("repliedAt"),
            source=row.get("source"),
        )

    @strawberry.field(description="The deputy or deputy group that raised it (its lead, 领衔).")
    async def raised_by(self, info: Info) -> DeputyRef | DeputyGroupRef | None:
        row = await loaders.raiser_by_proposal(info).load(str(self.id))
        return _nodes(row["label"], [row["node"]])[0] if row else None

    @strawberry.field(
        description="The lead (领衔): the one deputy, or the deputy group, that raised it."
    )
    async def lead(self, info: Info) -> DeputyRef | DeputyGroupRef | None:
        return await self.raised_by(info)

    @strawberry.field(description="Deputies who co-sign it (联名), in pinyin order.")
    async def co_signers(self, info: Info) -> list[DeputyRef]:
        rows = await loaders.co_signers_by_proposal(info).load(str(self.id))
        return _nodes("Deputy", rows)

    @strawberry.field(description="Key supervision (重点督办); null when it is not key supervised.")
    def key_supervision(self) -> KeySupervision | None:
        if not self.key["keySupervised"]:
            return None
        return KeySupervision(
            leader=self.key["keyLeader"] or "",
            since=self.key["keySince"],
            committee_id=self.key["keyCommitteeId"],
        )

    @strawberry.field(
        description="Units that returned it (退回); it is not assigned to them again."
    )
    async def returned_by(self, info: Info) -> list[Unit]:
        rows = await info.context.loaders.node("Unit").load_many(self.key["returnedBy"])
        return [Unit.from_row(r) for r in rows if r]

    @strawberry.field(description="Id of the trip (Activity) it arose from, if any (ARISES_FROM).")
    async def activity_id(self, info: Info) -> relay.GlobalID | None:
        rows = await loaders.activity_by_proposal(info).load(str(self.id))
        return relay.GlobalID("Activity", rows[0]["id"]) if rows else None

    activity = single_field(
        "ARISES_FROM", "Activity", "The trip (视察调研) it arose from, if any (ARISES_FROM)."
    )

    @strawberry.field(description="Its industries (GB/T 4754).")
    async def industries(self, info: Info) -> list[IndustryRef]:
        rows = await loaders.industries_by_proposal(info).load(str(self.id))
        return _nodes("Industry", rows)

    @strawberry.field(description="Handling units, lead first, with role and dates.")
    async def units(self, info: Info) -> list[UnitAssignment]:
        rows = await loaders.assignments_by_proposal(info).load(str(self.id))
        return [
            UnitAssignment(
                unit=Unit.from_row(r["unit"]),
                role=vocab.AssignmentRole(r["role"]),
                assigned_at=r.get("at"),
                due=r.get("due"),
            )
            for r in rows
        ]

    @strawberry.field(description="Committees supervising its handling (督办).")
    async def supervisors(self, info: Info) -> list[CommitteeRef]:
        rows = await loaders.supervisors_by_proposal(info).load(str(self.id))
        return _nodes("Committee", rows)

    @strawberry.field(
        description="The issues (诉求) it was made from (转为意见建议, escalateIssue), if any."
    )
    async def escalated_from(self, info: Info) -> list[IssueRef]:
        loader = info.context.loaders.neighbours("ESCALATED_TO", "Proposal", "Issue", Direction.IN)
        return _nodes("Issue", await loader.load(str(self.id)))

    @strawberry.field(description="Every status change, oldest first.")
    async def history(self, info: Info) -> list[ProposalEvent]:
        rows = await loaders.events_by_proposal(info).load(str(self.id))
        return [ProposalEvent.from_row(r) for r in rows]

    @strawberry.field(
        description="The moves allowed now: by its status, and SUPERVISE only when key "
        "supervised, MARK_KEY only before, EXTEND_DUE only until the due date is extended."
    )
    def allowed_moves(self) -> list[ProposalMove]:
        return [
            ProposalMove(action=m.action.value, to_status=m.to, condition=m.note)
            for m in lifecycle.allowed_moves(
                self.status.value,
                self.review_round,
                key_supervised=bool(self.key["keySupervised"]),
                extended=self.original_due is not None,
            )
        ]


TYPES: list[type] = [Proposal, Unit]
