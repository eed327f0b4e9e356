"""`coverageGaps`: where a congress's third link has holes, and where its work in a period did."""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from graph.liaison import gaps
from schema.common import After, Connection, First, connection_from_rows, decode_id
from schema.context import Info
from schema.liaison.types import Alliance, Congress, DeputyGroup, Enterprise, Industry
from schema.permissions import CAN_READ


@strawberry.type(
    description="An enterprise visited above the trip planner's cap in the period (为基层减负): "
    "one of its visits had at least `visitCap` others within `visitCapDays` days (the "
    "planner's ENTERPRISE_OVER_CAP warning)."
)
class EnterpriseVisitLoad:
    enterprise: Enterprise = strawberry.field(description="The enterprise.")
    days: list[datetime.date] = strawberry.field(
        description="The days of its visits in the period, earliest first (trips held only)."
    )
    peak_visits: int = strawberry.field(
        description="The most visits within `visitCapDays` days of one visit, that one included."
    )
    peak_day: datetime.date = strawberry.field(description="The visit with the most around it.")

    @strawberry.field(description="How many visits it had in the period.")
    def visits(self) -> int:
        return len(self.days)

    @classmethod
    def from_load(cls, load: gaps.VisitLoad) -> EnterpriseVisitLoad:
        return cls(
            enterprise=Enterprise.from_row(load.enterprise),
            days=load.days,
            peak_visits=load.peak,
            peak_day=load.peak_day,
        )


@strawberry.type(
    description="Where the third link has holes, for one congress, and where its work in a "
    "period did. Trips count when held (scheduled, under way or completed; not drafts or "
    "cancelled) and overlap the period; suggestions when raised in it."
)
class CoverageGaps:
    _gaps: strawberry.Private[gaps.CoverageGaps]

    @strawberry.field(
        description="The congress the report is about; null: every congress (none was named "
        "and the graph holds more than one congress with groups)."
    )
    async def congress(self, info: Info) -> Congress | None:
        if self._gaps.congress_id is None:
            return None
        row = await info.context.loaders.node("Congress").load(self._gaps.congress_id)
        return Congress.from_row(row) if row else None

    @strawberry.field(name="from", description="First day of the period.")
    def start(self) -> datetime.date:
        return self._gaps.period.start

    @strawberry.field(description="Last day of the period.")
    def to(self) -> datetime.date:
        return self._gaps.period.end

    @strawberry.field(description="The trip planner's cap: other visits allowed in the window.")
    def visit_cap(self) -> int:
        return self._gaps.rules.visit_cap

    @strawberry.field(description="The trip planner's window for the cap, in days.")
    def visit_cap_days(self) -> int:
        return self._gaps.rules.visit_cap_days

    @strawberry.field(description="Industries with the congress's groups but no committee liaison.")
    def industries_without_committee(
        self, first: First = None, after: After = None
    ) -> Connection[Industry]:
        return connection_from_rows(
            self._gaps.industries_without_committee, first, after, Industry.from_row
        )

    @strawberry.field(
        description="Industries with enterprises or alliances but none of the congress's groups "
        "(in the industry, a broader or a narrower one)."
    )
    def industries_without_group(
        self, first: First = None, after: After = None
    ) -> Connection[Industry]:
        return connection_from_rows(
            self._gaps.industries_without_group, first, after, Industry.from_row
        )

    @strawberry.field(description="The congress's groups no committee liaises with.")
    def groups_without_committee(
        self, first: First = None, after: After = None
    ) -> Connection[DeputyGroup]:
        return connection_from_rows(
            self._gaps.groups_without_committee, first, after, DeputyGroup.from_row
        )

    @strawberry.field(description="The congress's groups without a partner alliance.")
    def groups_without_alliance(
        self, first: First = None, after: After = None
    ) -> Connection[DeputyGroup]:
        return connection_from_rows(
            self._gaps.groups_without_alliance, first, after, DeputyGroup.from_row
        )

    @strawberry.field(description="Alliances no group partners with (of any congress).")
    def alliances_without_group(
        self, first: First = None, after: After = None
    ) -> Connection[Alliance]:
        return connection_from_rows(
            self._gaps.alliances_without_group, first, after, Alliance.from_row
        )

    @strawberry.field(description="The congress's groups without a convener.")
    def groups_without_convener(
        self, first: First = None, after: After = None
    ) -> Connection[DeputyGroup]:
        return connection_from_rows(
            self._gaps.groups_without_convener, first, after, DeputyGroup.from_row
        )

    @strawberry.field(description="The congress's groups that held no trip in the period.")
    def groups_without_trip(
        self, first: First = None, after: After = None
    ) -> Connection[DeputyGroup]:
        return connection_from_rows(
            self._gaps.groups_without_trip, first, after, DeputyGroup.from_row
        )

    @strawberry.field(
        description="The congress's groups with no suggestion raised in the period (a "
        "suggestion is a group's as proposalStats counts it: raised by the group or by a member)."
    )
    def groups_without_proposal(
        self, first: First = None, after: After = None
    ) -> Connection[DeputyGroup]:
        return connection_from_rows(
            self._gaps.groups_without_proposal, first, after, DeputyGroup.from_row
        )

    @strawberry.field(
        description="Enterprises visited above the trip planner's cap in the period, on a visit "
        "of one of the congress's trips; the most crowded first."
    )
    def enterprises_over_cap(
        self, first: First = None, after: After = None
    ) -> Connection[EnterpriseVisitLoad]:
        rows = [{"load": load} for load in self._gaps.enterprises_over_cap]
        return connection_from_rows(
            rows, first, after, lambda row: EnterpriseVisitLoad.from_load(row["load"])
        )


@strawberry.type
class CoverageQuery:
    @strawberry.field(
        description="Industries, groups and alliances the third link of a congress misses, and "
        "the holes in its work over a period: groups without trips or suggestions, enterprises "
        "visited above the cap.",
        permission_classes=[CAN_READ],
    )
    async def coverage_gaps(
        self,
        info: Info,
        congress_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="The congress; by default the one congress with deputy groups "
                "(the demo's 诸城), else every congress."
            ),
        ] = None,
        from_: Annotated[
            datetime.date | None,
            strawberry.argument(
                name="from", description="First day; by default 1 January (of `to`'s year)."
            ),
        ] = None,
        to: Annotated[
            datetime.date | None,
            strawberry.argument(
                description="Last day; by default 31 December (of `from`'s year, else this year)."
            ),
        ] = None,
    ) -> CoverageGaps:
        congress = decode_id(congress_id, "Congress", "congressId") if congress_id else None
        found = await gaps.coverage_gaps(
            info.context.db, congress, from_, to, rules=info.context.trip_rules
        )
        return CoverageGaps(_gaps=found)
