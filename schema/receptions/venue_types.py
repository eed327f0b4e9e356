"""GraphQL types of venues, receptions and bookings.

Venue and Booking are Relay nodes (node(id) finds them). A Reception is not a node of its own:
it IS an Activity (kind RECEPTION), so its id is the Activity's global id, `activity` gives
the trips' view of it, and every participant edit or lifecycle move is the trips' mutation
(addParticipant, scheduleActivity … with that id). `conflicts` are the trips' conflict
engine's (TOO_FEW_DEPUTIES is the 321 rule's "at least two deputies").
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from graph.kernel.reads import Direction, Row
from graph.receptions import bookings, receptions
from graph.receptions.vocab import BookingChannel, BookingStatus, RoomKind, VenueKind
from graph.trips.vocab import ActivityStatus, CalendarKind
from schema.common import After, Connection, First, connection_from_rows, enum_or_none
from schema.context import Info
from schema.fields import NODE_MODULES, GraphNode, node_type, single_field
from schema.receptions.contacts import Contact, contact_field
from schema.receptions.issue_types import ReceptionLists, lists_of
from schema.trips.loaders import conflicts_by_activity
from schema.trips.types import Activity, TripConflict

if TYPE_CHECKING:
    from schema.liaison.types import Deputy, Enterprise

strawberry.enum(
    VenueKind,
    name="VenueKind",
    description="STATION 代表联络站, HOME 代表之家, POINT 代表联络点, LEGISLATIVE_POINT "
    "基层立法联系点, RECEPTION_ROOM 会客厅.",
)
strawberry.enum(
    RoomKind, name="RoomKind", description="A reception room's kind: ORDINARY 普通, TOPIC 专题."
)
strawberry.enum(
    BookingChannel,
    name="BookingChannel",
    description="ONLINE 线上预约, OFFLINE 线下预约, WALK_IN 现场来访 (recorded after the fact).",
)
strawberry.enum(
    BookingStatus,
    name="BookingStatus",
    description="REQUESTED → CONFIRMED → ATTENDED | NO_SHOW; CANCELLED from REQUESTED or "
    "CONFIRMED. REQUESTED and CONFIRMED bookings hold their slot.",
)

DeputyRef = Annotated["Deputy", strawberry.lazy(NODE_MODULES["Deputy"])]
EnterpriseRef = Annotated["Enterprise", strawberry.lazy(NODE_MODULES["Enterprise"])]


def _deputies(rows: list[Row]) -> list[Any]:
    """Deputy rows as the Deputy type (in the liaison domain's module)."""
    return [node_type("Deputy").from_row(r) for r in rows]


def reception_loader(info: Info) -> Any:
    return info.context.loaders.batch(receptions.receptions_by_id)


@strawberry.type(description="A venue: a station, home, point, legislative contact point or room.")
class Venue(GraphNode):
    LABEL = "Venue"
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name, e.g. 马集镇人大代表移动会客厅.")
    kind: VenueKind | None = strawberry.field(description="What kind of venue.")
    room_kind: RoomKind | None = strawberry.field(description="RECEPTION_ROOM only.")
    topic: str | None = strawberry.field(description="A topic room's topic, e.g. 服务企业不打烊.")
    township: str | None = strawberry.field(description="Township or street (乡镇/街道).")
    address: str | None = strawberry.field(description="Address.")
    mobile: bool | None = strawberry.field(description="Ad hoc (移动会客厅).")
    latitude: float | None = strawberry.field(description="WGS 84 latitude.")
    longitude: float | None = strawberry.field(description="WGS 84 longitude.")
    description: str | None = strawberry.field(description="Description.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")
    distance_km: float | None = strawberry.field(
        default=None, description="Distance from the `near` point of `venues`, in km."
    )

    @classmethod
    def from_row(cls, row: Row) -> Venue:
        return cls(
            id=row["id"],
            name=row.get("name") or "",
            kind=enum_or_none(VenueKind, row.get("kind")),
            room_kind=enum_or_none(RoomKind, row.get("roomKind")),
            topic=row.get("topic"),
            township=row.get("township"),
            address=row.get("address"),
            mobile=row.get("mobile"),
            latitude=row.get("latitude"),
            longitude=row.get("longitude"),
            description=row.get("description"),
            source=row.get("source"),
            distance_km=row.get("distanceKm"),
        )

    congress = single_field("VENUE_OF", "Congress", "The congress it belongs to.")

    @strawberry.field(description="Deputies who staff it (进站履职), in pinyin order.")
    async def deputies(self, info: Info) -> list[DeputyRef]:
        loader = info.context.loaders.neighbours("STAFFS", "Venue", "Deputy", Direction.IN)
        return _deputies(await loader.load(self.id))

    @strawberry.field(description="Its receptions (cancelled ones too), by day then slot.")
    async def receptions(
        self,
        info: Info,
        from_: Annotated[
            datetime.date | None, strawberry.argument(name="from", description="From this day.")
        ] = None,
        to: Annotated[
            datetime.date | None, strawberry.argument(description="Until this day.")
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Reception]:
        rows = await info.context.loaders.batch(receptions.receptions_at, from_, to).load(self.id)
        return connection_from_rows(rows, first, after, Reception.from_row)

    @strawberry.field(
        description="The path of its reception calendar (ICS); a calendar app subscribes with "
        "a key from createCalendarFeed(kind: VENUE)."
    )
    def calendar_path(self) -> str:
        return f"/calendar/{CalendarKind.VENUE.value}/{self.id}.ics"


@strawberry.type(
    description="A reception (接待) at a venue: an activity of kind RECEPTION with its 四定. Its "
    "participants and lifecycle are the trips' (addParticipant, scheduleActivity … with `id`)."
)
class Reception:
    id: relay.GlobalID = strawberry.field(description="The Activity's global id.")
    title: str = strawberry.field(description="Title.")
    day: datetime.date | None = strawberry.field(description="The day (定时间).")
    slot_start: str | None = strawberry.field(description="From, HH:MM (Asia/Shanghai).")
    slot_end: str | None = strawberry.field(description="Until, HH:MM.")
    theme: str | None = strawberry.field(description="定主题: the theme.")
    host: str | None = strawberry.field(description="定主体: the hosting body or person.")
    audience: str | None = strawberry.field(description="定对象: whom it receives.")
    status: ActivityStatus | None = strawberry.field(description="Its lifecycle status.")
    row: strawberry.Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> Reception:
        return cls(
            id=relay.GlobalID("Activity", row["id"]),
            title=row.get("title") or row.get("name") or "",
            day=row.get("start"),
            slot_start=row.get("slotStart"),
            slot_end=row.get("slotEnd"),
            theme=row.get("theme"),
            host=row.get("host"),
            audience=row.get("audience"),
            status=enum_or_none(ActivityStatus, row.get("status")),
            row=row,
        )

    @strawberry.field(
        description="The 321 rule's three lists (收集问题、对策建议、限时反馈), as views of the "
        "issues raised at it."
    )
    async def lists(self, info: Info) -> ReceptionLists:
        return await lists_of(info, self.row["id"])

    @strawberry.field(description="The same record as a trips Activity.")
    def activity(self) -> Activity:
        return Activity.from_row(self.row)

    @strawberry.field(description="Where it is held.")
    async def venue(self, info: Info) -> Venue | None:
        found = await info.context.loaders.node("Venue").load(self.row["venueId"])
        return Venue.from_row(found) if found else None

    @strawberry.field(description="Deputies present (the 321 rule wants at least two).")
    async def deputies(self, info: Info) -> list[DeputyRef]:
        loader = info.context.loaders.neighbours("TAKES_PART", "Activity", "Deputy", Direction.IN)
        return _deputies(await loader.load(self.row["id"]))

    @strawberry.field(description="Its conflicts, from the trips' conflict engine.")
    async def conflicts(self, info: Info) -> list[TripConflict]:
        found = await conflicts_by_activity(info).load(self.row["id"])
        return [TripConflict.from_conflict(c) for c in found]

    @strawberry.field(description="Bookings for it, by slot, then when made.")
    async def bookings(self, info: Info) -> list[Booking]:
        rows = await info.context.loaders.batch(bookings.bookings_for).load(self.row["id"])
        return [Booking.from_row(r) for r in rows]


@strawberry.type(description="A booking of a slot at a venue, or a walk-in recorded after it.")
class Booking(GraphNode):
    LABEL = "Booking"
    id: relay.NodeID[str]
    channel: BookingChannel | None = strawberry.field(description="How it was made.")
    day: datetime.date | None = strawberry.field(description="The day.")
    slot_start: str | None = strawberry.field(description="From, HH:MM.")
    slot_end: str | None = strawberry.field(description="Until, HH:MM.")
    status: BookingStatus | None = strawberry.field(description="Where it is.")
    topic: str | None = strawberry.field(description="What the visitor wants to raise.")
    note: str | None = strawberry.field(description="Why it was cancelled, if it was.")
    at: datetime.datetime | None = strawberry.field(description="When it was made.")
    contact: Contact | None = contact_field("Booking")

    @classmethod
    def from_row(cls, row: Row) -> Booking:
        return cls(
            id=row["id"],
            channel=enum_or_none(BookingChannel, row.get("channel")),
            day=row.get("day"),
            slot_start=row.get("slotStart"),
            slot_end=row.get("slotEnd"),
            status=enum_or_none(BookingStatus, row.get("status")),
            topic=row.get("topic"),
            note=row.get("note"),
            at=row.get("at"),
        )

    venue = single_field("BOOKED_AT", "Venue", "The venue.")
    enterprise = single_field("BOOKED_BY", "Enterprise", "The enterprise, if one booked.")

    @strawberry.field(description="The reception it is for, if any.")
    async def reception(self, info: Info) -> Reception | None:
        loader = info.context.loaders.neighbours("BOOKED_FOR", "Booking", "Activity", Direction.OUT)
        found = await loader.load(self.id)
        if not found:
            return None
        row = await reception_loader(info).load(found[0]["id"])
        return Reception.from_row(row) if row else None


RECEPTION_TYPES = [Venue, Booking]
