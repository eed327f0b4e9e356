"""GraphQL types of issues (诉求) and campaigns (专项活动). Relationship fields go through the
request's loaders (one round trip per field for all parents); the liaison, trips and
suggestions types they point at are looked up lazily by label (schema/fields.py). The contact
of an issue is personal data: `contact_field` requires READ_PERSONAL."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from graph.kernel.reads import Row
from graph.proposals.vocab import Satisfaction
from graph.receptions import campaigns, issue_reads, issues, vocab
from schema.common import (
    After,
    Connection,
    First,
    connection_from_page,
    connection_from_rows,
    enum_or_none,
    page_args,
)
from schema.context import Info
from schema.fields import NODE_MODULES, GraphNode, node_type
from schema.receptions.contacts import Contact, contact_field

if TYPE_CHECKING:
    from schema.liaison.types import Congress, Deputy, Enterprise, Industry
    from schema.proposals.types import Proposal, Unit
    from schema.trips.types import Activity

IssueOrigin = strawberry.enum(
    vocab.IssueOrigin,
    name="IssueOrigin",
    description="Where an issue was raised: RECEPTION 接待, VISIT 走访, CAMPAIGN 专项活动, "
    "BOOKING 预约.",
)
IssueStatus = strawberry.enum(
    vocab.IssueStatus,
    name="IssueStatus",
    description="四闭环: RAISED 问需求 → LISTED 建清单 → ASSIGNED 交办 → HANDLING 盯办理 → "
    "ANSWERED 答复 → CLOSED 办结.",
)
IssueAction = strawberry.enum(
    vocab.IssueAction, name="IssueAction", description="A step of an issue's loop."
)
IssueOutcome = strawberry.enum(
    vocab.IssueOutcome,
    name="IssueOutcome",
    description="How an issue ended: SOLVED 已解决, EXPLAINED 已解释说明, UNSOLVED 未解决.",
)
IssueDimension = strawberry.enum(
    vocab.IssueDimension,
    name="IssueDimension",
    description="What issue statistics group by (INDUSTRY rolls up: an issue counts under "
    "every level of its industry).",
)

DeputyRef = Annotated["Deputy", strawberry.lazy(NODE_MODULES["Deputy"])]
EnterpriseRef = Annotated["Enterprise", strawberry.lazy(NODE_MODULES["Enterprise"])]
IndustryRef = Annotated["Industry", strawberry.lazy(NODE_MODULES["Industry"])]
CongressRef = Annotated["Congress", strawberry.lazy(NODE_MODULES["Congress"])]
UnitRef = Annotated["Unit", strawberry.lazy(NODE_MODULES["Unit"])]
ProposalRef = Annotated["Proposal", strawberry.lazy(NODE_MODULES["Proposal"])]
ActivityRef = Annotated["Activity", strawberry.lazy(NODE_MODULES["Activity"])]


def _as(label: str, row: Row) -> Any:
    """A stored row as the GraphQL type of its label."""
    return node_type(label).from_row(row)


async def _node(info: Info, label: str, node_id: str | None) -> Any:
    if node_id is None:
        return None
    row = await info.context.loaders.node(label).load(node_id)
    return node_type(label).from_row(row) if row else None


@strawberry.type(description="One step in an issue's history.")
class IssueEvent:
    seq: int = strawberry.field(description="Its number, from 1, oldest first.")
    at: datetime.datetime = strawberry.field(description="When it was recorded.")
    by: str = strawberry.field(description="Who recorded it.")
    action: vocab.IssueAction = strawberry.field(description="The step.")
    action_zh: str = strawberry.field(description="The step in Chinese.")
    from_status: vocab.IssueStatus | None = strawberry.field(description="Status before.")
    to_status: vocab.IssueStatus = strawberry.field(description="Status after.")
    note: str | None = strawberry.field(description="A follow-up's note, the answer …")
    due: datetime.date | None = strawberry.field(description="The due date, on ASSIGN.")
    unit_id: strawberry.Private[str | None]

    @strawberry.field(description="The unit, on ASSIGN.")
    async def unit(self, info: Info) -> UnitRef | None:
        return await _node(info, "Unit", self.unit_id)

    @classmethod
    def from_row(cls, row: Row) -> IssueEvent:
        action = vocab.IssueAction(row["action"])
        return cls(
            seq=row.get("seq") or 0,
            at=row["at"],
            by=row["by"],
            action=action,
            action_zh=action.zh,
            from_status=enum_or_none(vocab.IssueStatus, row.get("from") or None),
            to_status=vocab.IssueStatus(row["to"]),
            note=row.get("note"),
            due=row.get("due"),
            unit_id=row.get("unitId"),
        )


@strawberry.type(description="A move the issue may make next.")
class IssueMove:
    action: vocab.IssueAction = strawberry.field(description="The step (mutation) to take.")
    to_status: vocab.IssueStatus = strawberry.field(description="The status it leads to.")


@strawberry.type(description="An issue (诉求) raised by people or an enterprise, and its loop.")
class Issue(GraphNode):
    LABEL = "Issue"
    id: relay.NodeID[str]
    title: str = strawberry.field(description="Title (the problem in a line).")
    detail: str | None = strawberry.field(description="The problem as told.")
    origin: vocab.IssueOrigin = strawberry.field(description="Where it was raised.")
    status: vocab.IssueStatus = strawberry.field(description="Where it is in the loop.")
    status_zh: str = strawberry.field(description="The status in Chinese.")
    raised_at: datetime.date = strawberry.field(description="Date raised.")
    year: int = strawberry.field(description="Year raised.")
    measure: str | None = strawberry.field(description="对策建议: the measure proposed.")
    promise: str | None = strawberry.field(description="What was said on the spot.")
    promised_by: datetime.date | None = strawberry.field(
        description="限时反馈: the feedback deadline promised on the spot."
    )
    due: datetime.date | None = strawberry.field(description="The unit's due date.")
    assigned_at: datetime.date | None = strawberry.field(description="Date assigned (交办).")
    answered_at: datetime.date | None = strawberry.field(description="Date answered (答复).")
    answer: str | None = strawberry.field(description="The answer given.")
    answered_late: bool | None = strawberry.field(
        description="Answered after the promised date (null: not answered or nothing promised)."
    )
    closed_at: datetime.date | None = strawberry.field(description="Date closed.")
    outcome: vocab.IssueOutcome | None = strawberry.field(description="How it ended.")
    satisfaction: Satisfaction | None = strawberry.field(description="The people's rating.")
    booking_id: relay.GlobalID | None = strawberry.field(description="The booking it came from.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")
    row: strawberry.Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> Issue:
        status = vocab.IssueStatus(row["status"])
        booking = row.get("bookingId")
        return cls(
            id=row["id"],
            title=row.get("title") or row.get("name", ""),
            detail=row.get("detail"),
            origin=vocab.IssueOrigin(row["origin"]),
            status=status,
            status_zh=status.zh,
            raised_at=row["raisedAt"],
            year=row.get("year") or row["raisedAt"].year,
            measure=row.get("measure"),
            promise=row.get("promise"),
            promised_by=row.get("promisedBy"),
            due=row.get("due"),
            assigned_at=row.get("assignedAt"),
            answered_at=row.get("answeredAt"),
            answer=row.get("answer"),
            answered_late=row.get("answeredLate"),
            closed_at=row.get("closedAt"),
            outcome=enum_or_none(vocab.IssueOutcome, row.get("outcome")),
            satisfaction=enum_or_none(Satisfaction, row.get("satisfaction")),
            booking_id=relay.GlobalID("Booking", booking) if booking else None,
            source=row.get("source"),
            row=row,
        )

    contact: Contact | None = contact_field("Issue")

    @strawberry.field(description="Feedback overdue: open and past the promised date (today).")
    def overdue(self) -> bool:
        return issues.overdue(self.row, datetime.date.today())

    @strawberry.field(description="The reception or trip (Activity) it was raised at.")
    async def reception(self, info: Info) -> ActivityRef | None:
        return await _node(info, "Activity", self.row.get("activityId"))

    @strawberry.field(description="The campaign it belongs to.")
    async def campaign(self, info: Info) -> Campaign | None:
        return await _node(info, "Campaign", self.row.get("campaignId"))

    @strawberry.field(description="The enterprise that raised it.")
    async def enterprise(self, info: Info) -> EnterpriseRef | None:
        return await _node(info, "Enterprise", self.row.get("enterpriseId"))

    @strawberry.field(description="The unit it is assigned to (承办单位).")
    async def unit(self, info: Info) -> UnitRef | None:
        return await _node(info, "Unit", self.row.get("unitId"))

    @strawberry.field(description="Its industry (GB/T 4754).")
    async def industry(self, info: Info) -> IndustryRef | None:
        rows = await info.context.loaders.neighbours("IN_INDUSTRY", "Issue", "Industry").load(
            str(self.id)
        )
        return _as("Industry", rows[0]) if rows else None

    @strawberry.field(description="The suggestion (意见建议) it was escalated to, if any.")
    async def proposal(self, info: Info) -> ProposalRef | None:
        return await _node(info, "Proposal", self.row.get("proposalId"))

    @strawberry.field(description="The deputies who collected it, by pinyin.")
    async def deputies(self, info: Info) -> list[DeputyRef]:
        rows = await info.context.loaders.batch(issue_reads.deputies_by_issue).load(str(self.id))
        return [_as("Deputy", r) for r in rows]

    @strawberry.field(description="Every step, oldest first.")
    async def history(self, info: Info) -> list[IssueEvent]:
        rows = await info.context.loaders.batch(issue_reads.events_by_issue).load(str(self.id))
        return [IssueEvent.from_row(r) for r in rows]

    @strawberry.field(description="The moves allowed now (ESCALATE once only).")
    def allowed_moves(self) -> list[IssueMove]:
        return [IssueMove(action=a, to_status=to) for a, to in issues.allowed_moves(self.row)]


@strawberry.type(description="A campaign's figures.")
class CampaignStats:
    collected: int = strawberry.field(description="Issues collected.")
    assigned: int = strawberry.field(description="Issues assigned (ever).")
    solved: int = strawberry.field(description="Closed and SOLVED.")
    answered: int = strawberry.field(description="Answered.")
    overdue: int = strawberry.field(description="Feedback overdue today.")
    solved_rate: float | None = strawberry.field(description="Solved of collected.")


@strawberry.type(description="A campaign (专项活动), e.g. 新春访代表·助企解难题.")
class Campaign(GraphNode):
    LABEL = "Campaign"
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name.")
    year: int = strawberry.field(description="Year.")
    start: datetime.date | None = strawberry.field(description="First day.")
    end: datetime.date | None = strawberry.field(description="Last day.")
    description: str | None = strawberry.field(description="What it is about.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")
    congress_id: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, row: Row) -> Campaign:
        return cls(
            id=row["id"],
            name=row["name"],
            year=row["year"],
            start=row.get("start"),
            end=row.get("end"),
            description=row.get("description"),
            source=row.get("source"),
            congress_id=row.get("congressId"),
        )

    @strawberry.field(description="The congress holding it.")
    async def congress(self, info: Info) -> CongressRef | None:
        return await _node(info, "Congress", self.congress_id)

    @strawberry.field(description="Its visits (trip activities), by date.")
    async def visits(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[ActivityRef]:
        rows = await info.context.loaders.batch(campaigns.visits_by_campaign).load(str(self.id))
        return connection_from_rows(rows, first, after, lambda r: _as("Activity", r))

    @strawberry.field(description="Its issues, by promised date, then date raised.")
    async def issues(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Issue]:
        size, offset = page_args(first, after)
        flt = issue_reads.IssueFilter(campaign_id=str(self.id))
        page = await issue_reads.list_issues(
            info.context.db, flt, today=datetime.date.today(), first=size, after=offset
        )
        return connection_from_page(page, offset, Issue.from_row)

    @strawberry.field(description="Collected, assigned, solved, answered, overdue.")
    async def stats(self, info: Info) -> CampaignStats:
        row = await info.context.loaders.batch(campaigns.campaign_stats).load(str(self.id))
        collected = row["collected"]
        return CampaignStats(
            collected=collected,
            assigned=row["assigned"],
            solved=row["solved"],
            answered=row["answered"],
            overdue=row["overdue"],
            solved_rate=round(row["solved"] / collected, 4) if collected else None,
        )


ISSUE_TYPES: list[type] = [Issue, Campaign]
