"""A venue's monthly summary in the API: `venueMonthSummary` (generated, or the confirmed
record) and confirmMonthlySummary (HANDLE_ISSUES: CLERK, ADMIN), once per venue and month."""

from __future__ import annotations

import datetime

import strawberry

from graph.receptions import summaries
from graph.receptions.vocab import SummaryStatus
from schema.common import MutationError, decode_id, run_mutation
from schema.context import Info
from schema.permissions import CAN_HANDLE_ISSUES, CAN_READ
from schema.receptions.venue_types import Venue

strawberry.enum(
    SummaryStatus,
    name="SummaryStatus",
    description="DRAFT: generated now from the graph; CONFIRMED: the record kept.",
)


@strawberry.type(description="How many of a venue's issues of the month are in one status.")
class IssueStatusCount:
    status: str = strawberry.field(description="An issue status (RAISED … CLOSED).")
    count: int = strawberry.field(description="How many.")


@strawberry.type(
    description="A venue's work summary of a month (321: 一月一总结): generated from the graph "
    "until confirmed, then the stored record."
)
class MonthlySummary:
    id: strawberry.ID | None = strawberry.field(description="The record's id; null for a DRAFT.")
    month: str = strawberry.field(description="YYYY-MM.")
    status: SummaryStatus = strawberry.field(description="DRAFT or CONFIRMED.")
    receptions: int = strawberry.field(description="Receptions held (COMPLETED).")
    planned: int = strawberry.field(description="Receptions still open (not held, not cancelled).")
    deputies_present: int = strawberry.field(description="Distinct deputies at held receptions.")
    understaffed: int = strawberry.field(
        description="Non-cancelled receptions with fewer than two deputies (the 321 rule)."
    )
    issues_raised: int = strawberry.field(description="Issues raised at its receptions.")
    issues_by_status: list[IssueStatusCount] = strawberry.field(description="Those, by status.")
    feedback_overdue: int = strawberry.field(
        description="Open ones whose promised feedback date has passed."
    )
    confirmed_at: datetime.datetime | None = strawberry.field(description="When confirmed.")
    confirmed_by: str | None = strawberry.field(description="Who confirmed.")
    note: str | None = strawberry.field(description="The confirmer's note.")
    venue_id: strawberry.Private[str]

    @classmethod
    def of(cls, s: summaries.Summary) -> MonthlySummary:
        return cls(
            id=strawberry.ID(s.id) if s.id else None,
            month=s.month,
            status=SummaryStatus(s.status),
            receptions=s.receptions,
            planned=s.planned,
            deputies_present=s.deputies_present,
            understaffed=s.understaffed,
            issues_raised=s.issues_raised,
            issues_by_status=[
                IssueStatusCount(status=k, count=v) for k, v in s.issues_by_status.items()
            ],
            feedback_overdue=s.feedback_overdue,
            confirmed_at=s.confirmed_at,
            confirmed_by=s.confirmed_by,
            note=s.note,
            venue_id=s.venue_id,
        )

    @strawberry.field(description="The venue.")
    async def venue(self, info: Info) -> Venue | None:
        row = await info.context.loaders.node("Venue").load(self.venue_id)
        return Venue.from_row(row) if row else None


@strawberry.type(description="The result of confirming a monthly summary.")
class MonthlySummaryPayload:
    summary: MonthlySummary | None = strawberry.field(description="The record; null when errors.")
    errors: list[MutationError] = strawberry.field(description="Why nothing was changed.")


@strawberry.type
class SummariesQuery:
    @strawberry.field(
        description="A venue's summary of a month (not a future one): the confirmed record, "
        "or else generated now.",
        permission_classes=[CAN_READ],
    )
    async def venue_month_summary(
        self, info: Info, venue_id: strawberry.ID, month: str
    ) -> MonthlySummary:
        found = await summaries.month_summary(
            info.context.db, decode_id(venue_id, "Venue", "venueId"), month
        )
        return MonthlySummary.of(found)


@strawberry.type
class SummariesMutation:
    @strawberry.mutation(
        description="Keep the month's summary as generated now (CONFIRMED); once per venue and "
        "month, not for a future month.",
        permission_classes=[CAN_HANDLE_ISSUES],
    )
    async def confirm_monthly_summary(
        self, info: Info, venue_id: strawberry.ID, month: str, note: str | None = None
    ) -> MonthlySummaryPayload:
        viewer = info.context.viewer

        async def work() -> summaries.Summary:
            return await summaries.confirm_summary(
                info.context.db,
                decode_id(venue_id, "Venue", "venueId"),
                month,
                note,
                getattr(viewer, "name", ""),
            )

        done, errors = await run_mutation(info, work)
        return MonthlySummaryPayload(
            summary=MonthlySummary.of(done) if done else None, errors=errors
        )
