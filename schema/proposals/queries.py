"""Queries of suggestions: lists, statistics for the dashboards, overdue ones, handling units."""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry
from strawberry.permission import BasePermission

from graph.proposals import reads, units, vocab
from graph.proposals import stats as proposal_stats
from graph.proposals.reads import ProposalFilter
from graph.proposals.stats import DEFAULT_ASSIGN_DAYS, StatsRow
from schema.common import After, Connection, First, connection_from_page, decode_id, page_args
from schema.context import Info
from schema.permissions import CAN_READ
from schema.proposals.types import Proposal, Unit

# Deny by default: every read needs a signed-in viewer (api/auth.py refuses requests without
# one; this holds even when a resolver is reached some other way).
READ: list[type[BasePermission]] = [CAN_READ]

StatsDimension = strawberry.enum(
    vocab.StatsDimension,
    name="StatsDimension",
    description="What to group suggestion statistics by. INDUSTRY rolls up the GB/T 4754 tree "
    "(a suggestion in C1391 counts for C1391, C139, C13 and C); INDUSTRY_SECTION groups by the "
    "section letter.",
)


@strawberry.input(description="Which suggestions; all optional, combined with AND.")
class ProposalFilterInput:
    congress_id: strawberry.ID | None = strawberry.field(
        default=None, description="Raised in this congress."
    )
    date_from: datetime.date | None = strawberry.field(
        default=None, name="from", description="Raised on or after this date."
    )
    date_to: datetime.date | None = strawberry.field(
        default=None, name="to", description="Raised on or before this date."
    )
    stage: vocab.ProposalStage | None = strawberry.field(default=None, description="Session stage.")
    industry: str | None = strawberry.field(
        default=None, description="GB/T 4754 code; includes its sub-tree."
    )
    status: vocab.ProposalStatus | None = strawberry.field(default=None, description="Status.")

    def to_filter(self) -> ProposalFilter:
        return ProposalFilter(
            congress_id=decode_id(self.congress_id, "Congress", "filter.congressId")
            if self.congress_id
            else None,
            date_from=self.date_from,
            date_to=self.date_to,
            stage=self.stage.value if self.stage else None,
            industry_code=self.industry,
            status=self.status.value if self.status else None,
        )


@strawberry.type(description="One key of a statistics row.")
class StatsKeyType:
    dimension: str = strawberry.field(description="The dimension, e.g. INDUSTRY.")
    value: str | None = strawberry.field(description="Code, id, status, year or 2024-Q3.")
    label: str = strawberry.field(description="What a person reads: name, 已交办, 2024年 …")


@strawberry.type(description="Counts and rates for one combination of keys (or the totals).")
class ProposalStatsRow:
    keys: list[StatsKeyType] = strawberry.field(description="The keys, in groupBy order.")
    count: int = strawberry.field(description="Suggestions.")
    assigned: int = strawberry.field(description="Assigned to a unit.")
    assigned_in_time: int = strawberry.field(description="Assigned within N days of raising.")
    assigned_in_time_rate: float | None = strawberry.field(description="Of the assigned.")
    due_count: int = strawberry.field(description="Due date passed or replied.")
    replied_on_time: int = strawberry.field(description="Replied by the due date.")
    replied_on_time_rate: float | None = strawberry.field(description="Of dueCount.")
    rated: int = strawberry.field(description="Rated by the deputies.")
    satisfied: int = strawberry.field(description="Rated satisfied or basically satisfied.")
    satisfaction_rate: float | None = strawberry.field(description="Of the rated.")

    @classmethod
    def from_row(cls, row: StatsRow) -> ProposalStatsRow:
        return cls(
            keys=[
                StatsKeyType(dimension=k.dimension, value=k.value, label=k.label) for k in row.keys
            ],
            count=row.total,
            assigned=row.assigned,
            assigned_in_time=row.assigned_in_time,
            assigned_in_time_rate=row.assigned_in_time_rate,
            due_count=row.due_count,
            replied_on_time=row.replied_on_time,
            replied_on_time_rate=row.replied_on_time_rate,
            rated=row.rated,
            satisfied=row.satisfied,
            satisfaction_rate=row.satisfaction_rate,
        )


@strawberry.type(description="Suggestion statistics for a dashboard.")
class ProposalStatsResult:
    rows: list[ProposalStatsRow] = strawberry.field(description="One row per key combination.")
    totals: ProposalStatsRow = strawberry.field(description="All matching, each counted once.")
    assign_days: int = strawberry.field(description="The N of 'assigned within N days'.")


@strawberry.type
class ProposalsQuery:
    @strawberry.field(description="Suggestions, newest first.", permission_classes=READ)
    async def proposals(
        self,
        info: Info,
        filter: ProposalFilterInput | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Proposal]:
        size, offset = page_args(first, after)
        f = (filter or ProposalFilterInput()).to_filter()
        page = await reads.list_proposals(info.context.db, f, first=size, offset=offset)
        return connection_from_page(page, offset, Proposal.from_row)

    @strawberry.field(
        description="Counts and rates grouped by up to 3 dimensions.", permission_classes=READ
    )
    async def proposal_stats(
        self,
        info: Info,
        group_by: list[vocab.StatsDimension],
        filter: ProposalFilterInput | None = None,
        assign_days: Annotated[
            int, strawberry.argument(description="N of 'assigned within N days'.")
        ] = DEFAULT_ASSIGN_DAYS,
    ) -> ProposalStatsResult:
        f = (filter or ProposalFilterInput()).to_filter()
        stats = await proposal_stats.proposal_stats(
            info.context.db, [g.value for g in group_by], f, assign_days=assign_days
        )
        return ProposalStatsResult(
            rows=[ProposalStatsRow.from_row(r) for r in stats.rows],
            totals=ProposalStatsRow.from_row(stats.totals),
            assign_days=stats.assign_days,
        )

    @strawberry.field(
        description="Past their due date and not replied, most overdue first.",
        permission_classes=READ,
    )
    async def overdue_proposals(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Proposal]:
        size, offset = page_args(first, after)
        page = await reads.overdue_proposals(info.context.db, first=size, offset=offset)
        return connection_from_page(page, offset, Proposal.from_row)

    @strawberry.field(description="Handling units, in pinyin order.", permission_classes=READ)
    async def units(
        self,
        info: Info,
        name_contains: str | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Unit]:
        size, offset = page_args(first, after)
        page = await units.list_units(
            info.context.db, name_contains=name_contains, first=size, offset=offset
        )
        return connection_from_page(page, offset, Unit.from_row)
