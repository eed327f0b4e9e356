"""Queries and mutations of issues (诉求): the list with its filters, a reception's 321 lists,
statistics, and one mutation per step of the loop. Every mutation needs HANDLE_ISSUES (CLERK,
ADMIN); a refused step comes back in `errors` and writes nothing."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable

import strawberry

from graph.kernel.reads import Row
from graph.proposals.vocab import Satisfaction
from graph.receptions import issue_reads, issue_stats, issue_steps, issues, vocab
from graph.receptions.vocab import IssueDimension as Dim
from schema.common import (
    After,
    Connection,
    First,
    MutationError,
    connection_from_page,
    decode_id,
    global_id,
    page_args,
    run_mutation,
)
from schema.context import Info
from schema.permissions import CAN_HANDLE_ISSUES, CAN_READ
from schema.proposals.types import Proposal
from schema.receptions.contacts import ContactInput
from schema.receptions.issue_types import Issue, ReceptionLists, lists_of

HANDLE = [CAN_HANDLE_ISSUES]


def by_viewer(info: Info) -> str:
    """Who the history and the suggestion record as having entered a step."""
    return getattr(info.context.viewer, "name", None) or "system"


def _dec(value: strawberry.ID | None, label: str, field: str) -> str | None:
    return decode_id(value, label, field) if value is not None else None


@strawberry.input(description="Which issues; all optional, combined with AND.")
class IssueFilterInput:
    congress_id: strawberry.ID | None = strawberry.field(
        default=None, description="Issues of this congress."
    )
    status: vocab.IssueStatus | None = strawberry.field(default=None, description="In this status.")
    unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Assigned to this unit (承办单位)."
    )
    industry_code: str | None = strawberry.field(
        default=None, description="The industry and below (C13 matches C1391)."
    )
    enterprise_id: strawberry.ID | None = strawberry.field(
        default=None, description="Raised for this enterprise (any of those it names)."
    )
    campaign_id: strawberry.ID | None = strawberry.field(
        default=None, description="Collected in this campaign."
    )
    venue_id: strawberry.ID | None = strawberry.field(
        default=None, description="Raised at a reception or booking of this venue."
    )
    reception_id: strawberry.ID | None = strawberry.field(
        default=None, description="Raised at this reception or trip (an Activity)."
    )
    origin: vocab.IssueOrigin | None = strawberry.field(
        default=None, description="Raised this way."
    )
    year: int | None = strawberry.field(default=None, description="Raised in this year.")
    overdue: bool | None = strawberry.field(
        default=None, description="Feedback overdue (open, past the promised date) or not."
    )
    promised_from: datetime.date | None = strawberry.field(
        default=None, description="Feedback promised on or after this day."
    )
    promised_to: datetime.date | None = strawberry.field(
        default=None, description="Feedback promised on or before this day."
    )
    open_only: bool = strawberry.field(
        default=False, description="Only open ones (feedback still due), e.g. due this week."
    )
    text: str | None = strawberry.field(default=None, description="The title contains it.")

    def to_filter(self) -> issue_reads.IssueFilter:
        return issue_reads.IssueFilter(
            congress_id=_dec(self.congress_id, "Congress", "filter.congressId"),
            status=self.status.value if self.status else None,
            unit_id=_dec(self.unit_id, "Unit", "filter.unitId"),
            industry_code=self.industry_code,
            enterprise_id=_dec(self.enterprise_id, "Enterprise", "filter.enterpriseId"),
            campaign_id=_dec(self.campaign_id, "Campaign", "filter.campaignId"),
            venue_id=_dec(self.venue_id, "Venue", "filter.venueId"),
            reception_id=_dec(self.reception_id, "Activity", "filter.receptionId"),
            origin=self.origin.value if self.origin else None,
            year=self.year,
            overdue=self.overdue,
            promised_from=self.promised_from,
            promised_to=self.promised_to,
            open_only=self.open_only,
            text=self.text,
        )


@strawberry.type(description="One key of a statistics row.")
class IssueStatsKey:
    dimension: vocab.IssueDimension = strawberry.field(description="What it groups by.")
    key: str | None = strawberry.field(description="The id (a global id), code or value.")
    label: str = strawberry.field(description="Its Chinese name.")


@strawberry.type(description="Figures for one group of issues.")
class IssueStatsRow:
    keys: list[IssueStatsKey] = strawberry.field(description="The row's keys, one a dimension.")
    collected: int = strawberry.field(description="Issues collected.")
    assigned: int = strawberry.field(description="Assigned (ever).")
    solved: int = strawberry.field(description="Closed and SOLVED.")
    answered: int = strawberry.field(description="Answered (答复).")
    overdue: int = strawberry.field(description="Feedback overdue today.")
    solved_rate: float | None = strawberry.field(description="Solved of collected.")


@strawberry.type(description="Issue statistics: the rows and the totals (each issue once).")
class IssueStats:
    rows: list[IssueStatsRow] = strawberry.field(description="One row per key, by key.")
    totals: IssueStatsRow = strawberry.field(description="Every issue of the filter, once.")


NODE_DIMENSIONS = {Dim.CAMPAIGN: "Campaign", Dim.UNIT: "Unit", Dim.ENTERPRISE: "Enterprise"}
NODE_DIMENSIONS[Dim.VENUE] = "Venue"


def _key(key: issue_stats.IssueKey) -> IssueStatsKey:
    dim = Dim(key.dimension)
    value: str | None = None
    if key.value is not None:
        label = NODE_DIMENSIONS.get(dim)
        value = str(global_id(label, key.value)) if label else str(key.value)
    return IssueStatsKey(dimension=dim, key=value, label=key.label)


def _stats_row(row: issue_stats.IssueStatsRow) -> IssueStatsRow:
    return IssueStatsRow(
        keys=[_key(k) for k in row.keys],
        collected=row.collected,
        assigned=row.assigned,
        solved=row.solved,
        answered=row.answered,
        overdue=row.overdue,
        solved_rate=row.solved_rate,
    )


@strawberry.type
class IssuesQuery:
    @strawberry.field(
        description="Issues, by promised date (none last), then date raised, then id.",
        permission_classes=[CAN_READ],
    )
    async def issues(
        self,
        info: Info,
        filter: IssueFilterInput | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Issue]:
        size, offset = page_args(first, after)
        flt = filter.to_filter() if filter else issue_reads.IssueFilter()
        page = await issue_reads.list_issues(
            info.context.db, flt, today=datetime.date.today(), first=size, after=offset
        )
        return connection_from_page(page, offset, Issue.from_row)

    @strawberry.field(
        description="A reception's 321 lists as views of its issues.", permission_classes=[CAN_READ]
    )
    async def reception_lists(self, info: Info, reception_id: strawberry.ID) -> ReceptionLists:
        rid = decode_id(reception_id, "Activity", "receptionId")
        return await lists_of(info, rid)

    @strawberry.field(
        description="Issue statistics grouped by the dimensions given (also as CSV / Excel: "
        "/export/issue-stats.csv|xlsx).",
        permission_classes=[CAN_READ],
    )
    async def issue_stats(
        self,
        info: Info,
        group_by: list[vocab.IssueDimension],
        filter: IssueFilterInput | None = None,
    ) -> IssueStats:
        flt = filter.to_filter() if filter else issue_reads.IssueFilter()
        stats = await issue_stats.issue_stats(
            info.context.db, [d.value for d in group_by], flt, today=datetime.date.today()
        )
        return IssueStats(rows=[_stats_row(r) for r in stats.rows], totals=_stats_row(stats.totals))


@strawberry.type(description="The result of a step: the issue as it is now, or errors.")
class IssuePayload:
    issue: Issue | None = strawberry.field(description="Null when errors.")
    errors: list[MutationError] = strawberry.field(description="Why nothing was changed.")


@strawberry.type(description="The result of an escalation: the issue and its suggestion.")
class EscalatePayload:
    issue: Issue | None = strawberry.field(description="Null when errors.")
    proposal: Proposal | None = strawberry.field(description="The suggestion made from it.")
    errors: list[MutationError] = strawberry.field(description="Why nothing was changed.")


@strawberry.input(description="An issue as raised (问需求).")
class RaiseIssueInput:
    title: str = strawberry.field(description="The problem, in a line (收集问题).")
    origin: vocab.IssueOrigin = strawberry.field(description="Where it was raised.")
    detail: str | None = strawberry.field(default=None, description="What was said, in full.")
    raised_at: datetime.date | None = strawberry.field(default=None, description="Default today.")
    reception_id: strawberry.ID | None = strawberry.field(
        default=None, description="The reception (origin RECEPTION)."
    )
    activity_id: strawberry.ID | None = strawberry.field(
        default=None, description="The trip visit, not a reception (origin VISIT)."
    )
    booking_id: strawberry.ID | None = strawberry.field(
        default=None, description="The booking it came with (origin BOOKING)."
    )
    campaign_id: strawberry.ID | None = strawberry.field(
        default=None, description="The campaign (origin CAMPAIGN)."
    )
    enterprise_id: strawberry.ID | None = strawberry.field(
        default=None, description="The enterprise that raised it."
    )
    deputy_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="The deputies who collected it."
    )
    industry_code: str | None = strawberry.field(
        default=None, description="Its industry (GB/T 4754 code)."
    )
    measure: str | None = strawberry.field(
        default=None, description="对策建议: the measure proposed."
    )
    promise: str | None = strawberry.field(
        default=None, description="What was promised on the spot, in the words said."
    )
    promised_by: datetime.date | None = strawberry.field(
        default=None, description="限时反馈: the feedback date promised."
    )
    contact: ContactInput | None = strawberry.field(
        default=None, description="Who raised it (personal data)."
    )

    def to_graph(self) -> issues.IssueInput:
        return issues.IssueInput(
            title=self.title,
            origin=self.origin.value,
            detail=self.detail,
            raised_at=self.raised_at,
            reception_id=_dec(self.reception_id, "Activity", "input.receptionId"),
            activity_id=_dec(self.activity_id, "Activity", "input.activityId"),
            booking_id=_dec(self.booking_id, "Booking", "input.bookingId"),
            campaign_id=_dec(self.campaign_id, "Campaign", "input.campaignId"),
            enterprise_id=_dec(self.enterprise_id, "Enterprise", "input.enterpriseId"),
            deputy_ids=[decode_id(d, "Deputy", "input.deputyIds") for d in self.deputy_ids],
            industry_code=self.industry_code,
            measure=self.measure,
            promise=self.promise,
            promised_by=self.promised_by,
            contact=self.contact.to_graph() if self.contact else None,
        )


async def _step(
    info: Info, id: strawberry.ID, write: Callable[[str, str], Awaitable[Row]]
) -> IssuePayload:
    async def work() -> Row:
        return await write(decode_id(id, "Issue", "id"), by_viewer(info))

    row, errors = await run_mutation(info, work)
    return IssuePayload(issue=Issue.from_row(row) if row else None, errors=errors)


@strawberry.type
class IssuesMutation:
    @strawberry.mutation(description="Record an issue raised (问需求).", permission_classes=HANDLE)
    async def raise_issue(self, info: Info, input: RaiseIssueInput) -> IssuePayload:
        async def work() -> Row:
            return await issues.raise_issue(info.context.db, input.to_graph(), by_viewer(info))

        row, errors = await run_mutation(info, work)
        return IssuePayload(issue=Issue.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(
        description="建清单: list it, with the measure (对策建议) and the promised feedback date.",
        permission_classes=HANDLE,
    )
    async def list_issue(
        self,
        info: Info,
        id: strawberry.ID,
        measure: str | None = None,
        promise: str | None = None,
        promised_by: datetime.date | None = None,
    ) -> IssuePayload:
        def write(iid: str, by: str) -> Awaitable[Row]:
            return issue_steps.list_issue(
                info.context.db, iid, by, measure=measure, promise=promise, promised_by=promised_by
            )

        return await _step(info, id, write)

    @strawberry.mutation(description="交办 to a unit, due by a date.", permission_classes=HANDLE)
    async def assign_issue(
        self, info: Info, id: strawberry.ID, unit_id: strawberry.ID, due: datetime.date
    ) -> IssuePayload:
        def write(iid: str, by: str) -> Awaitable[Row]:
            unit = decode_id(unit_id, "Unit", "unitId")
            return issue_steps.assign_issue(info.context.db, iid, by, unit_id=unit, due=due)

        return await _step(info, id, write)

    @strawberry.mutation(
        description="盯办理: a follow-up (repeatable while HANDLING).", permission_classes=HANDLE
    )
    async def follow_issue(self, info: Info, id: strawberry.ID, note: str) -> IssuePayload:
        return await _step(
            info, id, lambda iid, by: issue_steps.follow_issue(info.context.db, iid, by, note)
        )

    @strawberry.mutation(description="答复/反馈 to those who raised it.", permission_classes=HANDLE)
    async def answer_issue(
        self,
        info: Info,
        id: strawberry.ID,
        answer: str,
        answered_at: datetime.date | None = None,
    ) -> IssuePayload:
        def write(iid: str, by: str) -> Awaitable[Row]:
            return issue_steps.answer_issue(info.context.db, iid, by, answer, answered_at)

        return await _step(info, id, write)

    @strawberry.mutation(description="办结, with how it ended.", permission_classes=HANDLE)
    async def close_issue(
        self,
        info: Info,
        id: strawberry.ID,
        outcome: vocab.IssueOutcome,
        satisfaction: Satisfaction | None = None,
    ) -> IssuePayload:
        def write(iid: str, by: str) -> Awaitable[Row]:
            return issue_steps.close_issue(
                info.context.db,
                iid,
                by,
                outcome.value,
                satisfaction.value if satisfaction else None,
            )

        return await _step(info, id, write)

    @strawberry.mutation(
        description="转为意见建议: make a suggestion of it, raised by the deputies who collected "
        "it (once; from LISTED, ASSIGNED or HANDLING).",
        permission_classes=HANDLE,
    )
    async def escalate_issue(
        self, info: Info, id: strawberry.ID, title: str | None = None
    ) -> EscalatePayload:
        async def work() -> tuple[Row, Row]:
            iid = decode_id(id, "Issue", "id")
            return await issue_steps.escalate_issue(info.context.db, iid, by_viewer(info), title)

        result, errors = await run_mutation(info, work)
        issue, proposal = result if result else (None, None)
        return EscalatePayload(
            issue=Issue.from_row(issue) if issue else None,
            proposal=Proposal.from_row(proposal) if proposal else None,
            errors=errors,
        )
