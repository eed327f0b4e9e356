"""Trip statistics for the dashboards: `activityStats(groupBy, filter)` (graph/trips/stats.py)."""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry
from strawberry.permission import BasePermission

from graph.trips import stats as trip_stats
from graph.trips.vocab import ActivityDimension, ActivityKind
from schema.common import decode_id
from schema.context import Info
from schema.permissions import CAN_READ

READ: list[type[BasePermission]] = [CAN_READ]

ActivityStatsDimension = strawberry.enum(
    ActivityDimension,
    name="ActivityStatsDimension",
    description="What to group trip statistics by: KIND (视察 / 调研 / 执法检查), TOPIC, "
    "GROUP (the holding deputy group), COMMITTEE (the organising committee), MONTH (of the start), "
    "ENTERPRISE (the enterprise visited).",
)


@strawberry.input(
    description="Which trips; all optional, combined with AND. Cancelled trips never count."
)
class ActivityStatsFilterInput:
    congress: strawberry.ID | None = strawberry.field(
        default=None, description="Of this congress (a holding group's or organising committee's)."
    )
    from_: datetime.date | None = strawberry.field(
        default=None, name="from", description="Trips starting on or after this day."
    )
    to: datetime.date | None = strawberry.field(
        default=None, description="Trips starting on or before this day."
    )
    group: strawberry.ID | None = strawberry.field(
        default=None, description="Held by this deputy group."
    )
    committee: strawberry.ID | None = strawberry.field(
        default=None, description="Organised by this committee."
    )
    kind: list[ActivityKind] | None = strawberry.field(default=None, description="Any of.")

    def to_filter(self) -> trip_stats.ActivityStatsFilter:
        def dec(value: strawberry.ID | None, label: str, field: str) -> str | None:
            return decode_id(value, label, f"filter.{field}") if value is not None else None

        return trip_stats.ActivityStatsFilter(
            congress_id=dec(self.congress, "Congress", "congress"),
            date_from=self.from_,
            date_to=self.to,
            group_id=dec(self.group, "DeputyGroup", "group"),
            committee_id=dec(self.committee, "Committee", "committee"),
            kinds=[k.value for k in self.kind] if self.kind else None,
        )


@strawberry.type(description="One key of a trip statistics row.")
class ActivityStatsKey:
    dimension: ActivityDimension = strawberry.field(description="The dimension, e.g. GROUP.")
    value: str | None = strawberry.field(
        description="Kind, topic, month (2024-03) or the database id of the group, committee or "
        "enterprise; null: none (e.g. a trip held by no group)."
    )
    label: str = strawberry.field(description="What a person reads: 视察, a name, 2024年3月 …")


@strawberry.type(description="Trip counts for one combination of keys (or the totals).")
class ActivityStatsRow:
    keys: list[ActivityStatsKey] = strawberry.field(description="The keys, in groupBy order.")
    trips: int = strawberry.field(
        description='视察调研 as the seed counts them ("89次视察调研"): inspections (INSPECTION) '
        "and research trips (RESEARCH), not cancelled; law-enforcement checks are not among them."
    )
    inspections: int = strawberry.field(description="视察 (INSPECTION) only.")
    research: int = strawberry.field(description="调研 (RESEARCH) only.")
    law_checks: int = strawberry.field(description="执法检查 (LAW_CHECK), counted apart.")
    activities: int = strawberry.field(description="Every kind: trips plus law checks.")
    visits: int = strawberry.field(
        description="Enterprise visits of these activities (one per activity and enterprise); "
        "under ENTERPRISE, that enterprise's."
    )
    enterprises: int = strawberry.field(description="Distinct enterprises visited.")

    @classmethod
    def from_row(cls, row: trip_stats.ActivityStatsRow) -> ActivityStatsRow:
        return cls(
            keys=[
                ActivityStatsKey(
                    dimension=ActivityDimension(k.dimension), value=k.value, label=k.label
                )
                for k in row.keys
            ],
            trips=row.trips,
            inspections=row.inspections,
            research=row.research,
            law_checks=row.law_checks,
            activities=row.activities,
            visits=row.visits,
            enterprises=row.enterprises,
        )


@strawberry.type(description="Trip statistics for a dashboard.")
class ActivityStatsResult:
    rows: list[ActivityStatsRow] = strawberry.field(
        description="One row per key combination; a trip counts once in each row it belongs to."
    )
    totals: ActivityStatsRow = strawberry.field(description="All matching, each trip once.")


@strawberry.type
class TripStatsQuery:
    @strawberry.field(
        description="Trips and enterprise visits grouped by up to 3 dimensions, counted as the "
        "seed counts them: a trip counts when not cancelled and starting in the period.",
        permission_classes=READ,
    )
    async def activity_stats(
        self,
        info: Info,
        group_by: Annotated[
            list[ActivityDimension], strawberry.argument(description="Up to 3 dimensions.")
        ],
        filter: ActivityStatsFilterInput | None = None,
    ) -> ActivityStatsResult:
        stats = await trip_stats.activity_stats(
            info.context.db,
            [g.value for g in group_by],
            (filter or ActivityStatsFilterInput()).to_filter(),
        )
        return ActivityStatsResult(
            rows=[ActivityStatsRow.from_row(r) for r in stats.rows],
            totals=ActivityStatsRow.from_row(stats.totals),
        )
