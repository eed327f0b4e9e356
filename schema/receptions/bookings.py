"""Bookings in the API: `bookings`, and bookReception, confirmBooking, cancelBooking,
markBookingAttended, markBookingNoShow and recordWalkIn (RUN_RECEPTIONS). A booking's contact
is personal data: only READ_PERSONAL roles read it (Booking.contact)."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable
from typing import Annotated

import strawberry

from graph.kernel.reads import Row
from graph.receptions import bookings
from graph.receptions.vocab import BookingChannel, BookingStatus
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
from schema.receptions.contacts import ContactInput
from schema.receptions.venue_types import Booking

RUN = [CAN_RUN_RECEPTIONS]

BookingId = Annotated[strawberry.ID, strawberry.argument(description="The booking.")]


@strawberry.type(description="The result of a booking mutation.")
class BookingPayload:
    booking: Booking | None = strawberry.field(description="The booking; null when errors.")
    errors: list[MutationError] = strawberry.field(description="Why nothing was changed.")


async def _payload(info: Info, work: Callable[[], Awaitable[Row]]) -> BookingPayload:
    done, errors = await run_mutation(info, work)
    return BookingPayload(booking=Booking.from_row(done) if done else None, errors=errors)


def _optional(value: strawberry.ID | None, label: str, field: str) -> str | None:
    return decode_id(value, label, field) if value is not None else None


@strawberry.input(description="Book a slot at a venue (status REQUESTED).")
class BookReceptionInput:
    venue_id: strawberry.ID = strawberry.field(description="The venue.")
    day: datetime.date = strawberry.field(description="The day.")
    slot_start: str = strawberry.field(description="From, HH:MM.")
    slot_end: str = strawberry.field(description="Until, HH:MM.")
    channel: BookingChannel = strawberry.field(description="ONLINE or OFFLINE.")
    topic: str = strawberry.field(description="What the visitor wants to raise.")
    contact: ContactInput = strawberry.field(description="The visitor's contact.")
    enterprise_id: strawberry.ID | None = strawberry.field(
        default=None, description="The enterprise booking, if one is."
    )
    reception_id: strawberry.ID | None = strawberry.field(
        default=None, description="A reception at that venue, that day, holding the slot."
    )

    def to_input(self) -> bookings.BookingInput:
        return bookings.BookingInput(
            venue_id=decode_id(self.venue_id, "Venue", "input.venueId"),
            day=self.day,
            slot_start=self.slot_start,
            slot_end=self.slot_end,
            channel=self.channel.value,
            topic=self.topic,
            contact=self.contact.to_graph(),
            enterprise_id=_optional(self.enterprise_id, "Enterprise", "input.enterpriseId"),
            reception_id=_optional(self.reception_id, "Activity", "input.receptionId"),
        )


@strawberry.input(description="Someone received without booking, recorded after the fact.")
class RecordWalkInInput:
    reception_id: strawberry.ID = strawberry.field(
        description="The reception (IN_PROGRESS or COMPLETED)."
    )
    topic: str = strawberry.field(description="What they raised.")
    contact: ContactInput = strawberry.field(description="Their contact.")
    enterprise_id: strawberry.ID | None = strawberry.field(
        default=None, description="Their enterprise, if any."
    )

    def to_input(self) -> bookings.WalkInInput:
        return bookings.WalkInInput(
            reception_id=decode_id(self.reception_id, "Activity", "input.receptionId"),
            topic=self.topic,
            contact=self.contact.to_graph(),
            enterprise_id=_optional(self.enterprise_id, "Enterprise", "input.enterpriseId"),
        )


@strawberry.input(description="Filters of `bookings`; all optional, combined with AND.")
class BookingFilterInput:
    venue_id: strawberry.ID | None = strawberry.field(default=None, description="At this venue.")
    day: datetime.date | None = strawberry.field(default=None, description="On this day.")
    from_: datetime.date | None = strawberry.field(
        default=None, name="from", description="On or after this day."
    )
    to: datetime.date | None = strawberry.field(default=None, description="On or before.")
    status: list[BookingStatus] | None = strawberry.field(default=None, description="Any of.")

    def to_filter(self) -> bookings.BookingFilter:
        return bookings.BookingFilter(
            venue_id=_optional(self.venue_id, "Venue", "filter.venueId"),
            day=self.day,
            start=self.from_,
            end=self.to,
            status=[s.value for s in self.status] if self.status else None,
        )


def _booking(value: strawberry.ID) -> str:
    return decode_id(value, "Booking", "id")


@strawberry.type
class BookingsQuery:
    @strawberry.field(
        description="Bookings, by day, slot, then when made.", permission_classes=[CAN_READ]
    )
    async def bookings(
        self,
        info: Info,
        filter: BookingFilterInput | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Booking]:
        size, offset = page_args(first, after)
        page = await bookings.list_bookings(
            info.context.db,
            (filter or BookingFilterInput()).to_filter(),
            first=size,
            offset=offset,
        )
        return connection_from_page(page, offset, Booking.from_row)


@strawberry.type
class BookingsMutation:
    @strawberry.mutation(
        description="Book a slot (REQUESTED); refused (CONFLICT) when it overlaps a booking "
        "still holding its slot at that venue.",
        permission_classes=RUN,
    )
    async def book_reception(self, info: Info, input: BookReceptionInput) -> BookingPayload:
        return await _payload(info, lambda: bookings.book(info.context.db, input.to_input()))

    @strawberry.mutation(
        description="REQUESTED → CONFIRMED, optionally for a reception holding its slot.",
        permission_classes=RUN,
    )
    async def confirm_booking(
        self, info: Info, id: BookingId, reception_id: strawberry.ID | None = None
    ) -> BookingPayload:
        return await _payload(
            info,
            lambda: bookings.confirm_booking(
                info.context.db,
                _booking(id),
                _optional(reception_id, "Activity", "receptionId"),
            ),
        )

    @strawberry.mutation(
        description="Cancel a REQUESTED or CONFIRMED booking, with the reason.",
        permission_classes=RUN,
    )
    async def cancel_booking(self, info: Info, id: BookingId, reason: str) -> BookingPayload:
        return await _payload(
            info, lambda: bookings.cancel_booking(info.context.db, _booking(id), reason)
        )

    @strawberry.mutation(
        description="CONFIRMED → ATTENDED, on or after its day.", permission_classes=RUN
    )
    async def mark_booking_attended(self, info: Info, id: BookingId) -> BookingPayload:
        return await _payload(info, lambda: bookings.mark_attended(info.context.db, _booking(id)))

    @strawberry.mutation(
        description="CONFIRMED → NO_SHOW, on or after its day.", permission_classes=RUN
    )
    async def mark_booking_no_show(self, info: Info, id: BookingId) -> BookingPayload:
        return await _payload(info, lambda: bookings.mark_no_show(info.context.db, _booking(id)))

    @strawberry.mutation(
        description="Record a walk-in (ATTENDED) at a reception IN_PROGRESS or COMPLETED.",
        permission_classes=RUN,
    )
    async def record_walk_in(self, info: Info, input: RecordWalkInInput) -> BookingPayload:
        return await _payload(
            info, lambda: bookings.record_walk_in(info.context.db, input.to_input())
        )
