"""Bookings: a person or an enterprise asks for a slot at a venue (线上/线下预约), or walks in.

REQUESTED → CONFIRMED → ATTENDED | NO_SHOW; CANCELLED from REQUESTED or CONFIRMED. A booking
that is REQUESTED or CONFIRMED holds its slot: another one overlapping it at the same venue is
refused (CONFLICT, naming the other booking's slot, never its contact). The check runs under
the venue's lock, in the transaction that writes, so two people booking the same slot at once
cannot both get it. A booking for a reception lies within that reception: same venue, same
day, inside its slot.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, reads, validate
from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.locks import lock_nodes
from graph.kernel.reads import Page, Row, require_node
from graph.receptions import contacts, slots
from graph.receptions import cypher_bookings as cypher
from graph.receptions.receptions import not_a_reception
from graph.receptions.vocab import BookingChannel, BookingStatus
from graph.trips.steps import closed_error, lock_activity
from graph.trips.vocab import ActivityKind, ActivityStatus

REQUESTED, CONFIRMED, ATTENDED, NO_SHOW, CANCELLED = BookingStatus

MOVES: dict[BookingStatus, tuple[BookingStatus, ...]] = {
    REQUESTED: (CONFIRMED, CANCELLED),
    CONFIRMED: (ATTENDED, NO_SHOW, CANCELLED),
    ATTENDED: (),
    NO_SHOW: (),
    CANCELLED: (),
}


@dataclass(frozen=True)
class BookingInput:
    venue_id: str
    day: dt.date
    slot_start: str
    slot_end: str
    channel: str
    topic: str
    contact: contacts.ContactInput
    enterprise_id: str | None = None
    reception_id: str | None = None


async def _reception(
    tx: AsyncManagedTransaction,
    reception_id: str,
    venue_id: str | None,
    day: dt.date | None,
    slot: tuple[str, str] | None,
    field: str,
) -> Row:
    """The reception a booking is for; INVALID unless it is a reception at that venue, that
    day, whose slot holds the booking's; CONFLICT when it is cancelled or completed."""
    await require_node(tx, "Activity", reception_id, field)
    row = (await run(tx, cypher.MATCH_RECEPTION_FOR_BOOKING, id=reception_id))[0]
    reception: Row = row["reception"]
    if reception.get("kind") != ActivityKind.RECEPTION.value:
        raise not_a_reception(reception, field)
    if reception.get("status") in (ActivityStatus.CANCELLED.value, ActivityStatus.COMPLETED.value):
        raise closed_error(reception)
    held = (reception["slotStart"], reception["slotEnd"])
    if venue_id is not None and row["venue"] != venue_id:
        raise validate.invalid(
            field, "该接待不在所预约的场所", "That reception is at another venue"
        )
    if day is not None and day != reception["start"]:
        raise validate.invalid(
            field,
            f"该接待在 {reception['start']}，不在预约日 {day}",
            f"That reception is on {reception['start']}, not on {day}",
        )
    if slot is not None and not slots.within(slot, held):
        raise validate.invalid(
            field,
            f"预约时段 {slot[0]}–{slot[1]} 不在接待时段 {held[0]}–{held[1]} 内",
            f"The slot {slot[0]}–{slot[1]} is outside the reception's {held[0]}–{held[1]}",
        )
    return reception


async def _check_slot_free(
    tx: AsyncManagedTransaction, venue_id: str, booking_id: str, day: dt.date, slot: tuple[str, str]
) -> None:
    rows = await run(
        tx,
        cypher.MATCH_BOOKING_CLASH,
        venue=venue_id,
        id=booking_id,
        day=day,
        slotStart=slot[0],
        slotEnd=slot[1],
    )
    if rows:
        other = rows[0]
        raise DomainError(
            ErrorCode.CONFLICT,
            f"{day} {other['slotStart']}–{other['slotEnd']} 已被预约，请另选时段",
            f"{day} {other['slotStart']}–{other['slotEnd']} is already booked; choose another slot",
            field="input.slotStart",
            ids=[other["id"]],
        )


async def book(db: Database, data: BookingInput, *, source: str = "user") -> Row:
    """A REQUESTED booking (ONLINE or OFFLINE), its contact validated before anything is
    written; lock the venue, then check the slot (and the reception), then write."""
    channel = validate.choice(
        data.channel, "input.channel", (BookingChannel.ONLINE.value, BookingChannel.OFFLINE.value)
    )
    dates.in_range(data.day, "input.day")
    slot = slots.slot(data.slot_start, data.slot_end)
    topic = validate.name(data.topic, "input.topic", limit=200)
    contact = contacts.clean(data.contact)
    booking_id = uuid.uuid4().hex

    async def work(tx: AsyncManagedTransaction) -> Row:
        await lock_nodes(tx, [("Venue", data.venue_id, "input.venueId")])
        if data.enterprise_id is not None:
            await require_node(tx, "Enterprise", data.enterprise_id, "input.enterpriseId")
        if data.reception_id is not None:
            await _reception(
                tx, data.reception_id, data.venue_id, data.day, slot, "input.receptionId"
            )
        await _check_slot_free(tx, data.venue_id, booking_id, data.day, slot)
        props: dict[str, Any] = {
            "channel": channel,
            "day": data.day,
            "slotStart": slot[0],
            "slotEnd": slot[1],
            "status": REQUESTED.value,
            "topic": topic,
            "source": source,
        }
        rows = await run(
            tx,
            cypher.CREATE_BOOKING,
            id=booking_id,
            venue=data.venue_id,
            props=props,
            reception=data.reception_id,
            enterprise=data.enterprise_id,
        )
        await contacts.set_contact(tx, "Booking", booking_id, contact)
        node: Row = rows[0]["node"]
        return node

    return await db.transaction(work)


async def _lock_booking(tx: AsyncManagedTransaction, booking_id: str) -> tuple[Row, str]:
    """Lock the booking's venue, then the booking; return the booking and its venue's id."""
    await require_node(tx, "Booking", booking_id, "id")
    venue: str = (await run(tx, cypher.MATCH_BOOKING_VENUE, id=booking_id))[0]["venue"]
    locked = await lock_nodes(tx, [("Venue", venue, "id"), ("Booking", booking_id, "id")])
    return locked[("Booking", booking_id)], venue


def _check_move(booking: Row, target: BookingStatus) -> None:
    current = BookingStatus(booking["status"])
    if target not in MOVES[current]:
        allowed = MOVES[current]
        raise DomainError(
            ErrorCode.CONFLICT,
            f"预约{current.zh}，不能改为{target.zh}（可改为："
            f"{'、'.join(s.zh for s in allowed) or '无'}）",
            f"Cannot move a booking from {current.value} to {target.value}; allowed: "
            f"{', '.join(s.value for s in allowed) or 'none'}",
            field="id",
            ids=[booking["id"]],
        )


async def _move(
    db: Database,
    booking_id: str,
    target: BookingStatus,
    *,
    note: str | None = None,
    today: dt.date | None = None,
    reception_id: str | None = None,
) -> Row:
    async def work(tx: AsyncManagedTransaction) -> Row:
        booking, venue = await _lock_booking(tx, booking_id)
        _check_move(booking, target)
        if today is not None and booking["day"] > today:
            raise DomainError(
                ErrorCode.CONFLICT,
                f"预约日（{booking['day']}）尚未到，不能标记为{target.zh}",
                f"The booking's day ({booking['day']}) has not come; it cannot be "
                f"{target.value} yet",
                field="id",
                ids=[booking_id],
            )
        if reception_id is not None:
            slot = (booking["slotStart"], booking["slotEnd"])
            await _reception(tx, reception_id, venue, booking["day"], slot, "receptionId")
            await run(tx, cypher.ATTACH_BOOKING, id=booking_id, reception=reception_id)
        rows = await run(
            tx, cypher.SET_BOOKING_STATUS, id=booking_id, status=target.value, note=note
        )
        node: Row = rows[0]["node"]
        return node

    return await db.transaction(work)


async def confirm_booking(db: Database, booking_id: str, reception_id: str | None = None) -> Row:
    """REQUESTED → CONFIRMED, optionally for a reception (which must hold its slot)."""
    return await _move(db, booking_id, CONFIRMED, reception_id=reception_id)


async def cancel_booking(db: Database, booking_id: str, reason: str) -> Row:
    text = validate.name(reason, "reason", limit=500)
    return await _move(db, booking_id, CANCELLED, note=text)


async def mark_attended(db: Database, booking_id: str, today: dt.date | None = None) -> Row:
    """CONFIRMED → ATTENDED, on or after the booking's day."""
    return await _move(db, booking_id, ATTENDED, today=today or dt.date.today())


async def mark_no_show(db: Database, booking_id: str, today: dt.date | None = None) -> Row:
    """CONFIRMED → NO_SHOW, on or after the booking's day."""
    return await _move(db, booking_id, NO_SHOW, today=today or dt.date.today())


@dataclass(frozen=True)
class WalkInInput:
    reception_id: str
    topic: str
    contact: contacts.ContactInput
    enterprise_id: str | None = None


async def record_walk_in(db: Database, data: WalkInInput, *, source: str = "user") -> Row:
    """Someone who came without booking, recorded after the fact: an ATTENDED WALK_IN booking
    of the reception's venue, day and slot.

    This is the one write a COMPLETED reception takes: the lifecycle closes an activity to
    changes of its plan, but the people received are a record of what happened, usually
    written up after the reception ends (and its monthly summary counts them). A walk-in
    holds no slot, so it never clashes with bookings; a DRAFT, SCHEDULED or CANCELLED reception
    has received no one and takes none."""
    topic = validate.name(data.topic, "input.topic", limit=200)
    contact = contacts.clean(data.contact)
    booking_id = uuid.uuid4().hex

    async def work(tx: AsyncManagedTransaction) -> Row:
        reception = await lock_activity(tx, data.reception_id, editable=False)
        if reception.get("kind") != ActivityKind.RECEPTION.value:
            raise not_a_reception(reception, "input.receptionId")
        if reception.get("status") not in (
            ActivityStatus.IN_PROGRESS.value,
            ActivityStatus.COMPLETED.value,
        ):
            raise DomainError(
                ErrorCode.CONFLICT,
                "只有进行中或已完成的接待才能登记现场来访",
                "Walk-ins are recorded at a reception IN_PROGRESS or COMPLETED",
                field="input.receptionId",
                ids=[data.reception_id],
            )
        if data.enterprise_id is not None:
            await require_node(tx, "Enterprise", data.enterprise_id, "input.enterpriseId")
        venue = (await run(tx, cypher.MATCH_RECEPTION_FOR_BOOKING, id=data.reception_id))[0][
            "venue"
        ]
        props = {
            "channel": BookingChannel.WALK_IN.value,
            "day": reception["start"],
            "slotStart": reception["slotStart"],
            "slotEnd": reception["slotEnd"],
            "status": ATTENDED.value,
            "topic": topic,
            "source": source,
        }
        rows = await run(
            tx,
            cypher.CREATE_BOOKING,
            id=booking_id,
            venue=venue,
            props=props,
            reception=data.reception_id,
            enterprise=data.enterprise_id,
        )
        await contacts.set_contact(tx, "Booking", booking_id, contact)
        node: Row = rows[0]["node"]
        return node

    return await db.transaction(work)


@dataclass(frozen=True)
class BookingFilter:
    venue_id: str | None = None
    day: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    status: list[str] | None = None


async def list_bookings(db: Database, filter: BookingFilter, *, first: int, offset: int) -> Page:
    rows = await db.read(
        cypher.LIST_BOOKINGS,
        venue=filter.venue_id,
        day=filter.day,
        status=filter.status,
        skip=offset,
        limit=first,
        **{"from": filter.start, "to": filter.end},
    )
    return reads.page_of(rows)


async def bookings_by_id(db: Database, ids: Sequence[str]) -> list[Row | None]:
    rows = await db.read(cypher.BOOKINGS_BY_ID, ids=list(ids))
    return reads.one_per_key(rows, ids)


async def bookings_for(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    """Each reception's bookings, by slot, then when made."""
    rows = await db.read(cypher.BOOKINGS_FOR, ids=list(ids))
    return reads.list_per_key(rows, ids)
