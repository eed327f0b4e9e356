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

IndustryLevel = strawberry.enum(
    vocab.IndustryLevel,
    name="IndustryLevel",
    description="A level of GB/T 4754: SECTION 门类 (C), DIVISION 大类 (C13), GROUP 中类 (C139), "
    "CLASS 小类 (C1391).",
)
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
    group: strawberry.ID | None = strawberry.field(
        default=None, description="Raised in this deputy group (by it or by its member)."
    )
    committee: strawberry.ID | None = strawberry.field(
        default=None, description="Supervised (督办) by this committee."
    )
    unit: strawberry.ID | None = strawberry.field(
        default=None, description="Assigned to this handling unit (承办单位)."
    )
    unit_role: vocab.AssignmentRole | None = strawberry.field(
        default=None, description="With `unit`: only where it is the lead (主办) or co-unit (协办)."
    )
    deputy: strawberry.ID | None = strawberry.field(
        default=None, description="Raised by this deputy."
    )
    activity: strawberry.ID | None = strawberry.field(
        default=None, description="Raised from this trip (视察调研)."
    )
    text: str | None = strawberry.field(
        default=None, description="The title contains this text (e.g. 预制菜)."
    )

    def to_filter(self) -> ProposalFilter:
        def dec(value: strawberry.ID | None, label: str, field: str) -> str | None:
            return decode_id(value, label, f"filter.{field}") if value is not None else None

        return ProposalFilter(
            congress_id=decode_id(self.congress_id, "Congress", "filter.congressId")
            if self.congress_id
            else None,
            date_from=self.date_from,
            date_to=self.date_to,
            stage=self.stage.value if self.stage else None,
            industry_code=self.industry,
            status=self.status.value if self.status else None,
            group_id=dec(self.group, "DeputyGroup", "group"),
            committee_id=dec(self.committee, "Committee", "committee"),
            unit_id=dec(self.unit, "Unit", "unit"),
            unit_role=self.unit_role.value if self.unit_role else None,
            deputy_id=dec(self.deputy, "Deputy", "deputy"),
            activity_id=dec(self.activity, "Activity", "activity"),
            text=self.text,
        )


@strawberry.type(description="One key of a statistics row.")
class StatsKeyType:
    dimension: str = strawberry.field(description="The dimension, e.g. INDUSTRY.")
    value: str | None = strawberry.field(description="Code, id, status, year or 2024-Q3.")
    label: str = strawberry.field(description="What a person reads: name, 已交办, 2024年 …")
    role: vocab.AssignmentRole | None = strawberry.field(
        default=None, description="UNIT: the unit's part in these suggestions, 主办 or 协办."
    )


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
    fully_satisfied: int = strawberry.field(description="Rated 满意.")
    basically_satisfied: int = strawberry.field(description="Rated 基本满意.")
    unsatisfied: int = strawberry.field(description="Rated 不满意.")
    closed: int = strawberry.field(description="Closed (办结).")
    closed_rate: float | None = strawberry.field(
        description="办结率: closed, as a share of the assigned (交办)."
    )

    @classmethod
    def from_row(cls, row: StatsRow) -> ProposalStatsRow:
        return cls(
            keys=[
                StatsKeyType(
                    dimension=k.dimension,
                    value=k.value,
                    label=k.label,
                    role=vocab.AssignmentRole(k.role)
                    if k.role in vocab.AssignmentRole.values()
                    else None,
                )
                for k in row.keys
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
            fully_satisfied=row.fully_satisfied,
            basically_satisfied=row.basically_satisfied,
            unsatisfied=row.unsatisfied,
            closed=row.closed,
            closed_rate=row.closed_rate,
        )


@strawberry.type(description="Suggestion statistics for a dashboard.")
class ProposalStatsResult:
    rows: list[ProposalStatsRow] = strawberry.field(description="One row per key combination.")
    totals: ProposalStatsRow = strawberry.field(description="All matching, each counted once.")
    assign_days: int = strawberry.field(description="The N of 'assigned within N days'.")
    industry_level: vocab.IndustryLevel | None = strawberry.field(
        description="The level INDUSTRY rows were rolled up to (none: every level)."
    )


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
        description="Counts and rates grouped by up to 3 dimensions. UNIT rows are per unit and "
        "role (主办 / 协办). Replies do not record their mode (书面 / 面商 / 电话), so there is no "
        "reply-mode share.",
        permission_classes=READ,
    )
    async def proposal_stats(
        self,
        info: Info,
        group_by: list[vocab.StatsDimension],
        filter: ProposalFilterInput | None = None,
        assign_days: Annotated[
            int, strawberry.argument(description="N of 'assigned within N days'.")
        ] = DEFAULT_ASSIGN_DAYS,
        industry_level: Annotated[
            vocab.IndustryLevel | None,
            strawberry.argument(
                description="Roll INDUSTRY rows up to this GB/T 4754 level only (门类, 大类, 中类, "
                "小类), so no suggestion counts twice in a column: one in a single industry is in "
                "one row (its own code when coarser than the level) and the rows add up to the "
                "total; one in several industries counts once in each row they reach."
            ),
        ] = None,
    ) -> ProposalStatsResult:
        f = (filter or ProposalFilterInput()).to_filter()
        stats = await proposal_stats.proposal_stats(
            info.context.db,
            [g.value for g in group_by],
            f,
            assign_days=assign_days,
            industry_level=industry_level.value if industry_level else None,
        )
        return ProposalStatsResult(
            rows=[ProposalStatsRow.from_row(r) for r in stats.rows],
            totals=ProposalStatsRow.from_row(stats.totals),
            assign_days=stats.assign_days,
            industry_level=vocab.IndustryLevel(stats.industry_level)
            if stats.industry_level
            else None,
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
