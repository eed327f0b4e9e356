"""Receptions in the API: `receptions` (by venue, congress, month, dates, status) and
createReception / updateReception (RUN_RECEPTIONS). Everything else a reception goes through
is the trips' mutations on its Activity id: addParticipant / removeParticipant, and
scheduleActivity (refused while the 321 check or a deputy elsewhere that day is a hard
conflict), startActivity, completeActivity, cancelActivity."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable

import strawberry

from graph.receptions import receptions
from graph.trips.steps import StepResult
from graph.trips.vocab import ActivityStatus
from schema.common import (
    After,
    Connection,
    First,
    MutationError,
    connection_from_page,
    decode_id,
    page_args,
    run_mutation,
)
from schema.context import Info
from schema.permissions import CAN_READ, CAN_RUN_RECEPTIONS
from schema.receptions.venue_types import Reception
from schema.trips.types import TripConflict

RUN = [CAN_RUN_RECEPTIONS]


@strawberry.type(description="The result of a reception mutation: it and its conflicts.")
class ReceptionPayload:
    reception: Reception | None = strawberry.field(description="The reception; null when errors.")
    conflicts: list[TripConflict] = strawberry.field(
        description="Its conflicts after the change (HARD ones block scheduling)."
    )
    errors: list[MutationError] = strawberry.field(description="Why nothing was changed.")


async def _payload(info: Info, step: Callable[[], Awaitable[StepResult]]) -> ReceptionPayload:
    done, errors = await run_mutation(info, step)
    if done is None:
        return ReceptionPayload(reception=None, conflicts=[], errors=errors)
    row = await info.context.loaders.batch(receptions.receptions_by_id).load(done.id)
    return ReceptionPayload(
        reception=Reception.from_row(row) if row else None,
        conflicts=[TripConflict.from_conflict(c) for c in done.conflicts],
        errors=errors,
    )


def _deputies(ids: list[strawberry.ID] | None) -> list[str]:
    return [decode_id(v, "Deputy", f"input.deputyIds[{i}]") for i, v in enumerate(ids or [])]


@strawberry.input(description="A new reception (DRAFT) with its 四定 and deputies.")
class CreateReceptionInput:
    venue_id: strawberry.ID = strawberry.field(description="Where it is held.")
    title: str = strawberry.field(description="Title.")
    day: datetime.date = strawberry.field(description="定时间: the day.")
    slot_start: str = strawberry.field(description="From, HH:MM (24 h).")
    slot_end: str = strawberry.field(description="Until, HH:MM (after slotStart).")
    theme: str | None = strawberry.field(default=None, description="定主题.")
    host: str | None = strawberry.field(default=None, description="定主体.")
    audience: str | None = strawberry.field(default=None, description="定对象.")
    deputy_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Deputies present; the first leads. The 321 rule wants two."
    )

    def to_input(self) -> receptions.ReceptionInput:
        return receptions.ReceptionInput(
            title=self.title,
            day=self.day,
            slot_start=self.slot_start,
            slot_end=self.slot_end,
            theme=self.theme,
            host=self.host,
            audience=self.audience,
            deputy_ids=_deputies(self.deputy_ids),
        )


@strawberry.input(description="Changes to an open reception; omitted fields stay as they are.")
class UpdateReceptionInput:
    id: strawberry.ID = strawberry.field(description="The reception (its Activity id).")
    title: str | None = strawberry.field(default=None, description="New title.")
    day: datetime.date | None = strawberry.field(default=None, description="New day.")
    slot_start: str | None = strawberry.field(default=None, description="New start, HH:MM.")
    slot_end: str | None = strawberry.field(default=None, description="New end, HH:MM.")
    theme: str | None = strawberry.field(default=None, description="New theme.")
    host: str | None = strawberry.field(default=None, description="New host.")
    audience: str | None = strawberry.field(default=None, description="New audience.")

    def to_input(self) -> receptions.ReceptionInput:
        return receptions.ReceptionInput(
            title=self.title,
            day=self.day,
            slot_start=self.slot_start,
            slot_end=self.slot_end,
            theme=self.theme,
            host=self.host,
            audience=self.audience,
        )


@strawberry.input(description="Filters of `receptions`; all optional, combined with AND.")
class ReceptionFilterInput:
    venue_id: strawberry.ID | None = strawberry.field(default=None, description="At this venue.")
    congress_id: strawberry.ID | None = strawberry.field(
        default=None, description="At venues of this congress."
    )
    month: str | None = strawberry.field(default=None, description="In this month, YYYY-MM.")
    from_: datetime.date | None = strawberry.field(
        default=None, name="from", description="On or after this day."
    )
    to: datetime.date | None = strawberry.field(default=None, description="On or before.")
    status: list[ActivityStatus] | None = strawberry.field(default=None, description="Any of.")

    def to_filter(self) -> receptions.ReceptionFilter:
        return receptions.ReceptionFilter(
            venue_id=decode_id(self.venue_id, "Venue", "filter.venueId")
            if self.venue_id is not None
            else None,
            congress_id=decode_id(self.congress_id, "Congress", "filter.congressId")
            if self.congress_id is not None
            else None,
            month=self.month,
            start=self.from_,
            end=self.to,
            status=[s.value for s in self.status] if self.status else None,
        )


@strawberry.type
class ReceptionsQuery:
    @strawberry.field(description="Receptions, by day then slot.", permission_classes=[CAN_READ])
    async def receptions(
        self,
        info: Info,
        filter: ReceptionFilterInput | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Reception]:
        size, offset = page_args(first, after)
        page = await receptions.list_receptions(
            info.context.db,
            (filter or ReceptionFilterInput()).to_filter(),
            first=size,
            offset=offset,
        )
        return connection_from_page(page, offset, Reception.from_row)


@strawberry.type
class ReceptionsMutation:
    @strawberry.mutation(
        description="Create a DRAFT reception at a venue; its slot must be free there.",
        permission_classes=RUN,
    )
    async def create_reception(self, info: Info, input: CreateReceptionInput) -> ReceptionPayload:
        db, rules = info.context.db, info.context.trip_rules

        async def step() -> StepResult:
            venue = decode_id(input.venue_id, "Venue", "input.venueId")
            return await receptions.create_reception(db, venue, input.to_input(), rules=rules)

        return await _payload(info, step)

    @strawberry.mutation(
        description="Change an open reception's 四定, day or slot.", permission_classes=RUN
    )
    async def update_reception(self, info: Info, input: UpdateReceptionInput) -> ReceptionPayload:
        db, rules = info.context.db, info.context.trip_rules

        async def step() -> StepResult:
            reception = decode_id(input.id, "Activity", "input.id")
            return await receptions.update_reception(db, reception, input.to_input(), rules=rules)

        return await _payload(info, step)
