"""Planning mutations of trips. Each returns the activity with its conflicts, both read in the
step's own transaction (graph/trips/steps.py); expected failures come back in `errors`
(NOT_FOUND, DUPLICATE, INVALID, CONFLICT) and nothing is written. All need the PLAN_TRIPS
permission (PLANNER or ADMIN)."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable
from typing import Annotated

import strawberry

from graph.trips import itinerary, lifecycle, plans
from graph.trips.conflicts import Conflict
from graph.trips.steps import StepRefused, StepResult
from graph.trips.vocab import ActivityKind, ParticipantRole
from schema.common import MutationError, decode_id, run_mutation
from schema.context import Info
from schema.permissions import CAN_PLAN_TRIPS
from schema.trips.types import Activity, TripConflict

PLAN = [CAN_PLAN_TRIPS]

ActivityId = Annotated[strawberry.ID, strawberry.argument(description="The activity.")]


@strawberry.type(description="The result of a planning step: the activity and its conflicts.")
class ActivityPayload:
    activity: Activity | None = strawberry.field(description="The activity; null when errors.")
    conflicts: list[TripConflict] = strawberry.field(
        description="Its conflicts after this step (HARD ones block scheduling); when a step "
        "is refused, the conflicts that refused it."
    )
    errors: list[MutationError] = strawberry.field(description="Why nothing was changed.")

    @classmethod
    async def of(cls, info: Info, step: Callable[[], Awaitable[StepResult]]) -> ActivityPayload:
        """Run `step` (decode the arguments, call one graph/trips step) with `run_mutation` and
        map its result. A refused lifecycle step still reports the activity's conflicts, read
        in its transaction (so a refused schedule shows what blocks it)."""
        refused: list[Conflict] = []

        async def work() -> StepResult:
            try:
                return await step()
            except StepRefused as error:
                refused.extend(error.conflicts)
                raise

        done, errors = await run_mutation(info, work)
        return cls(
            activity=Activity.from_row(done.activity) if done is not None else None,
            conflicts=[
                TripConflict.from_conflict(c)
                for c in (done.conflicts if done is not None else refused)
            ],
            errors=errors,
        )


def _ids(values: list[strawberry.ID] | None, label: str, field: str) -> list[str] | None:
    if values is None:
        return None
    return [decode_id(v, label, f"{field}[{i}]") for i, v in enumerate(values)]


@strawberry.input(description="A new activity; it starts as DRAFT.")
class CreateActivityInput:
    kind: ActivityKind = strawberry.field(description="INSPECTION, RESEARCH or LAW_CHECK.")
    title: str = strawberry.field(description="Title, 1–200 characters.")
    start: datetime.date = strawberry.field(description="First day.")
    end: datetime.date = strawberry.field(description="Last day (not before `start`).")
    topic: str | None = strawberry.field(default=None, description="Topic, e.g. 乡村振兴.")
    committee_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Organising committees."
    )
    group_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Holding deputy groups."
    )
    industry_code: str | None = strawberry.field(default=None, description="GB/T 4754 code.")

    def to_input(self) -> plans.ActivityInput:
        return plans.ActivityInput(
            kind=self.kind.value,
            title=self.title,
            topic=self.topic,
            start=self.start,
            end=self.end,
            committee_ids=_ids(self.committee_ids, "Committee", "input.committeeIds"),
            group_ids=_ids(self.group_ids, "DeputyGroup", "input.groupIds"),
            industry_code=self.industry_code,
        )


@strawberry.input(description="Changes to an open activity; omitted fields stay as they are.")
class UpdateActivityInput:
    id: strawberry.ID = strawberry.field(description="The activity.")
    kind: ActivityKind | None = strawberry.field(default=None, description="New kind.")
    title: str | None = strawberry.field(default=None, description="New title.")
    start: datetime.date | None = strawberry.field(default=None, description="New first day.")
    end: datetime.date | None = strawberry.field(default=None, description="New last day.")
    topic: str | None = strawberry.field(default=None, description="New topic.")
    committee_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Replaces the organising committees."
    )
    group_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Replaces the holding groups."
    )
    industry_code: str | None = strawberry.field(default=None, description="New industry.")
    move_visits: bool = strawberry.field(
        default=True,
        description="When the dates change, move every visit with the first day (same offset "
        "from the start). The change is refused (CONFLICT, nothing written, the visits named) "
        "if that gives the trip a conflict it did not have: a visit past the new last day, an "
        "enterprise over its visit cap, a participant booked elsewhere. false: visits keep "
        "their days (one left outside the dates is the VISIT_OUTSIDE_DATES conflict).",
    )

    def to_input(self) -> plans.ActivityInput:
        return plans.ActivityInput(
            move_visits=self.move_visits,
            kind=self.kind.value if self.kind else None,
            title=self.title,
            topic=self.topic,
            start=self.start,
            end=self.end,
            committee_ids=_ids(self.committee_ids, "Committee", "input.committeeIds"),
            group_ids=_ids(self.group_ids, "DeputyGroup", "input.groupIds"),
            industry_code=self.industry_code,
        )


def _activity(value: strawberry.ID) -> str:
    return decode_id(value, "Activity", "activityId")


@strawberry.type
class TripsMutation:
    @strawberry.mutation(description="Create a DRAFT activity.", permission_classes=PLAN)
    async def create_activity(self, info: Info, input: CreateActivityInput) -> ActivityPayload:
        db, rules = info.context.db, info.context.trip_rules
        return await ActivityPayload.of(
            info, lambda: plans.create_activity(db, input.to_input(), rules=rules)
        )

    @strawberry.mutation(
        description="Change an open activity; new dates move its visits with it (see "
        "`UpdateActivityInput.moveVisits`).",
        permission_classes=PLAN,
    )
    async def update_activity(self, info: Info, input: UpdateActivityInput) -> ActivityPayload:
        db, rules = info.context.db, info.context.trip_rules
        return await ActivityPayload.of(
            info,
            lambda: plans.update_activity(
                db, decode_id(input.id, "Activity", "input.id"), input.to_input(), rules=rules
            ),
        )

    @strawberry.mutation(
        description="Cancel an activity (from any state but COMPLETED).", permission_classes=PLAN
    )
    async def cancel_activity(self, info: Info, activity_id: ActivityId) -> ActivityPayload:
        db, rules = info.context.db, info.context.trip_rules
        return await ActivityPayload.of(
            info, lambda: lifecycle.cancel_activity(db, _activity(activity_id), rules=rules)
        )

    @strawberry.mutation(description="Add a deputy to the participants.", permission_classes=PLAN)
    async def add_participant(
        self,
        info: Info,
        activity_id: ActivityId,
        deputy_id: strawberry.ID,
        role: ParticipantRole = ParticipantRole.MEMBER,
    ) -> ActivityPayload:
        db, rules = info.context.db, info.context.trip_rules
        return await ActivityPayload.of(
            info,
            lambda: itinerary.add_participant(
                db,
                _activity(activity_id),
                decode_id(deputy_id, "Deputy", "deputyId"),
                role.value,
                rules=rules,
            ),
        )

    @strawberry.mutation(description="Remove a participant.", permission_classes=PLAN)
    async def remove_participant(
        self, info: Info, activity_id: ActivityId, deputy_id: strawberry.ID
    ) -> ActivityPayload:
        db, rules = info.context.db, info.context.trip_rules
        return await ActivityPayload.of(
            info,
            lambda: itinerary.remove_participant(
                db, _activity(activity_id), decode_id(deputy_id, "Deputy", "deputyId"), rules=rules
            ),
        )

    @strawberry.mutation(
        description="Add an enterprise to the itinerary (day defaults to the first day, "
        "order to last).",
        permission_classes=PLAN,
    )
    async def add_visit(
        self,
        info: Info,
        activity_id: ActivityId,
        enterprise_id: strawberry.ID,
        day: datetime.date | None = None,
        order: int | None = None,
    ) -> ActivityPayload:
        db, rules = info.context.db, info.context.trip_rules
        return await ActivityPayload.of(
            info,
            lambda: itinerary.add_visit(
                db,
                _activity(activity_id),
                decode_id(enterprise_id, "Enterprise", "enterpriseId"),
                day,
                order,
                rules=rules,
            ),
        )

    @strawberry.mutation(
        description="Change a visit's day and/or its position in the itinerary.",
        permission_classes=PLAN,
    )
    async def move_visit(
        self,
        info: Info,
        activity_id: ActivityId,
        enterprise_id: strawberry.ID,
        day: datetime.date | None = None,
        order: int | None = None,
    ) -> ActivityPayload:
        db, rules = info.context.db, info.context.trip_rules
        return await ActivityPayload.of(
            info,
            lambda: itinerary.move_visit(
                db,
                _activity(activity_id),
                decode_id(enterprise_id, "Enterprise", "enterpriseId"),
                day,
                order,
                rules=rules,
            ),
        )

    @strawberry.mutation(description="Remove a visit from the itinerary.", permission_classes=PLAN)
    async def remove_visit(
        self, info: Info, activity_id: ActivityId, enterprise_id: strawberry.ID
    ) -> ActivityPayload:
        db, rules = info.context.db, info.context.trip_rules
        return await ActivityPayload.of(
            info,
            lambda: itinerary.remove_visit(
                db,
                _activity(activity_id),
                decode_id(enterprise_id, "Enterprise", "enterpriseId"),
                rules=rules,
            ),
        )

    @strawberry.mutation(
        description="DRAFT → SCHEDULED; refused (CONFLICT) while hard conflicts remain.",
        permission_classes=PLAN,
    )
    async def schedule_activity(self, info: Info, activity_id: ActivityId) -> ActivityPayload:
        db, rules = info.context.db, info.context.trip_rules
        return await ActivityPayload.of(
            info, lambda: lifecycle.schedule_activity(db, _activity(activity_id), rules=rules)
        )

    @strawberry.mutation(description="SCHEDULED → IN_PROGRESS.", permission_classes=PLAN)
    async def start_activity(self, info: Info, activity_id: ActivityId) -> ActivityPayload:
        db, rules = info.context.db, info.context.trip_rules
        return await ActivityPayload.of(
            info, lambda: lifecycle.start_activity(db, _activity(activity_id), rules=rules)
        )

    @strawberry.mutation(
        description="IN_PROGRESS → COMPLETED, with a summary.", permission_classes=PLAN
    )
    async def complete_activity(
        self, info: Info, activity_id: ActivityId, summary: str
    ) -> ActivityPayload:
        db, rules = info.context.db, info.context.trip_rules
        return await ActivityPayload.of(
            info,
            lambda: lifecycle.complete_activity(db, _activity(activity_id), summary, rules=rules),
        )
