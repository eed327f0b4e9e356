"""Queries of trips: the activity list with filters, conflicts, and trip suggestions.
A single activity is `node(id)`."""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry
from strawberry.permission import BasePermission

from graph.trips import conflicts, reads
from graph.trips.vocab import ActivityKind, ActivityStatus
from schema.common import After, Connection, First, connection_from_page, decode_id, page_args
from schema.context import Info
from schema.permissions import CAN_READ
from schema.trips.types import Activity, TripConflict, TripSuggestion

# Deny by default: every read needs a signed-in viewer (api/auth.py refuses requests without
# one; this holds even when a resolver is reached some other way).
READ: list[type[BasePermission]] = [CAN_READ]


@strawberry.input(description="Filters of `activities`; all optional, combined with AND.")
class ActivityFilterInput:
    from_: datetime.date | None = strawberry.field(
        default=None, name="from", description="Activities that end on or after this day."
    )
    to: datetime.date | None = strawberry.field(
        default=None, description="Activities that start on or before this day."
    )
    status: list[ActivityStatus] | None = strawberry.field(default=None, description="Any of.")
    kind: list[ActivityKind] | None = strawberry.field(default=None, description="Any of.")
    committee: strawberry.ID | None = strawberry.field(
        default=None, description="Organised by this committee."
    )
    group: strawberry.ID | None = strawberry.field(
        default=None, description="Held by this deputy group."
    )
    deputy: strawberry.ID | None = strawberry.field(
        default=None, description="This deputy takes part."
    )
    industry: str | None = strawberry.field(
        default=None, description="GB/T 4754 code; its sub-tree is included."
    )
    enterprise: strawberry.ID | None = strawberry.field(
        default=None, description="Visits this enterprise."
    )

    def to_filter(self) -> reads.ActivityFilter:
        def dec(value: strawberry.ID | None, label: str, field: str) -> str | None:
            return decode_id(value, label, f"filter.{field}") if value is not None else None

        return reads.ActivityFilter(
            start=self.from_,
            end=self.to,
            status=[s.value for s in self.status] if self.status else None,
            kind=[k.value for k in self.kind] if self.kind else None,
            committee_id=dec(self.committee, "Committee", "committee"),
            group_id=dec(self.group, "DeputyGroup", "group"),
            deputy_id=dec(self.deputy, "Deputy", "deputy"),
            industry_code=self.industry,
            enterprise_id=dec(self.enterprise, "Enterprise", "enterprise"),
        )


@strawberry.type
class TripsQuery:
    @strawberry.field(
        description="Inspections and research trips, by start date.", permission_classes=READ
    )
    async def activities(
        self,
        info: Info,
        filter: ActivityFilterInput | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Activity]:
        size, offset = page_args(first, after)
        page = await reads.list_activities(
            info.context.db,
            (filter or ActivityFilterInput()).to_filter(),
            first=size,
            offset=offset,
        )
        return connection_from_page(page, offset, Activity.from_row)

    @strawberry.field(
        description="The conflicts of an activity's plan (also on Activity).",
        permission_classes=READ,
    )
    async def trip_conflicts(self, info: Info, activity_id: strawberry.ID) -> list[TripConflict]:
        found = await conflicts.trip_conflicts(
            info.context.db,
            decode_id(activity_id, "Activity", "activityId"),
            rules=info.context.trip_rules,
        )
        return [TripConflict.from_conflict(c) for c in found]

    @strawberry.field(
        description="Plan a trip on an industry (sub-tree included) between two days: organising "
        "committees, groups, whom to invite (free on those dates), enterprises to visit.",
        permission_classes=READ,
    )
    async def suggest_trip(
        self,
        info: Info,
        industry_code: Annotated[str, strawberry.argument(description="GB/T 4754 code.")],
        from_: Annotated[datetime.date, strawberry.argument(name="from", description="First day.")],
        to: Annotated[datetime.date, strawberry.argument(description="Last day.")],
    ) -> TripSuggestion:
        found = await reads.suggest_trip(info.context.db, industry_code, from_, to)
        return TripSuggestion.from_suggestion(found)
