"""Venues in the API: the `venues` list (township, kind, text, or near a point) and the
mutations that create, change and staff them (RUN_RECEPTIONS: PLANNER, CLERK, ADMIN)."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable

import strawberry

from graph.kernel.reads import Row
from graph.receptions import venues
from graph.receptions.vocab import RoomKind, VenueKind
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
from schema.receptions.venue_types import Venue

RUN = [CAN_RUN_RECEPTIONS]


@strawberry.type(description="The result of a venue mutation.")
class VenuePayload:
    venue: Venue | None = strawberry.field(description="The venue; null when errors.")
    errors: list[MutationError] = strawberry.field(description="Why nothing was changed.")


async def _payload(info: Info, work: Callable[[], Awaitable[Row]]) -> VenuePayload:
    done, errors = await run_mutation(info, work)
    return VenuePayload(venue=Venue.from_row(done) if done else None, errors=errors)


def _venue_input(data: CreateVenueInput | UpdateVenueInput) -> venues.VenueInput:
    """The graph's input from either input type (they share their field names)."""
    return venues.VenueInput(
        name=data.name,
        kind=data.kind.value if data.kind else None,
        room_kind=data.room_kind.value if data.room_kind else None,
        topic=data.topic,
        township=data.township,
        address=data.address,
        mobile=data.mobile,
        latitude=data.latitude,
        longitude=data.longitude,
        description=data.description,
    )


@strawberry.input(description="A new venue.")
class CreateVenueInput:
    congress_id: strawberry.ID = strawberry.field(description="The congress it belongs to.")
    name: str = strawberry.field(description="Name, unique in the congress.")
    kind: VenueKind = strawberry.field(description="What kind of venue.")
    room_kind: RoomKind | None = strawberry.field(
        default=None, description="Required for a RECEPTION_ROOM; refused for any other kind."
    )
    topic: str | None = strawberry.field(default=None, description="e.g. 服务企业不打烊.")
    township: str | None = strawberry.field(default=None, description="乡镇/街道.")
    address: str | None = strawberry.field(default=None, description="Address.")
    mobile: bool | None = strawberry.field(default=None, description="Ad hoc (移动会客厅).")
    latitude: float | None = strawberry.field(default=None, description="-90 to 90.")
    longitude: float | None = strawberry.field(default=None, description="-180 to 180.")
    description: str | None = strawberry.field(default=None, description="Description.")

    def to_input(self) -> venues.VenueInput:
        return _venue_input(self)


@strawberry.input(description="Changes to a venue; omitted fields stay as they are.")
class UpdateVenueInput:
    id: strawberry.ID = strawberry.field(description="The venue.")
    name: str | None = strawberry.field(default=None, description="New name.")
    kind: VenueKind | None = strawberry.field(
        default=None, description="New kind (a room made another kind loses its room kind)."
    )
    room_kind: RoomKind | None = strawberry.field(default=None, description="New room kind.")
    topic: str | None = strawberry.field(default=None, description="New topic.")
    township: str | None = strawberry.field(default=None, description="New township.")
    address: str | None = strawberry.field(default=None, description="New address.")
    mobile: bool | None = strawberry.field(default=None, description="Ad hoc or not.")
    latitude: float | None = strawberry.field(default=None, description="New latitude.")
    longitude: float | None = strawberry.field(default=None, description="New longitude.")
    description: str | None = strawberry.field(default=None, description="New description.")

    def to_input(self) -> venues.VenueInput:
        return _venue_input(self)


@strawberry.input(description="Venues within `km` of a point.")
class NearInput:
    latitude: float = strawberry.field(description="-90 to 90.")
    longitude: float = strawberry.field(description="-180 to 180.")
    km: float = strawberry.field(description="Radius in km (above 0, at most 500).")


@strawberry.input(description="Filters of `venues`; all optional, combined with AND.")
class VenueFilterInput:
    congress_id: strawberry.ID | None = strawberry.field(default=None, description="Congress.")
    township: str | None = strawberry.field(default=None, description="Exactly this township.")
    kind: list[VenueKind] | None = strawberry.field(default=None, description="Any of.")
    room_kind: RoomKind | None = strawberry.field(default=None, description="Rooms of this kind.")
    text: str | None = strawberry.field(
        default=None, description="In the name, topic, address or township."
    )
    near: NearInput | None = strawberry.field(
        default=None, description="Within a distance of a point, nearest first."
    )

    def to_filter(self) -> venues.VenueFilter:
        near = self.near
        return venues.VenueFilter(
            congress_id=decode_id(self.congress_id, "Congress", "filter.congressId")
            if self.congress_id is not None
            else None,
            township=self.township,
            kind=[k.value for k in self.kind] if self.kind else None,
            room_kind=self.room_kind.value if self.room_kind else None,
            text=self.text,
            near=venues.Near(near.latitude, near.longitude, near.km) if near else None,
        )


def _venue(value: strawberry.ID, field: str = "venueId") -> str:
    return decode_id(value, "Venue", field)


@strawberry.type
class VenuesQuery:
    @strawberry.field(
        description="Venues, in pinyin order; with `near`, nearest first.",
        permission_classes=[CAN_READ],
    )
    async def venues(
        self,
        info: Info,
        filter: VenueFilterInput | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Venue]:
        size, offset = page_args(first, after)
        page = await venues.list_venues(
            info.context.db, (filter or VenueFilterInput()).to_filter(), first=size, offset=offset
        )
        return connection_from_page(page, offset, Venue.from_row)


@strawberry.type
class VenuesMutation:
    @strawberry.mutation(description="Create a venue.", permission_classes=RUN)
    async def create_venue(self, info: Info, input: CreateVenueInput) -> VenuePayload:
        async def work() -> Row:
            congress = decode_id(input.congress_id, "Congress", "input.congressId")
            return await venues.create_venue(info.context.db, congress, input.to_input())

        return await _payload(info, work)

    @strawberry.mutation(description="Change a venue.", permission_classes=RUN)
    async def update_venue(self, info: Info, input: UpdateVenueInput) -> VenuePayload:
        async def work() -> Row:
            venue = _venue(input.id, "input.id")
            return await venues.update_venue(info.context.db, venue, input.to_input())

        return await _payload(info, work)

    @strawberry.mutation(description="A deputy staffs a venue (进站履职).", permission_classes=RUN)
    async def staff_venue(
        self,
        info: Info,
        venue_id: strawberry.ID,
        deputy_id: strawberry.ID,
        since: datetime.date | None = None,
    ) -> VenuePayload:
        async def work() -> Row:
            return await venues.staff_venue(
                info.context.db,
                _venue(venue_id),
                decode_id(deputy_id, "Deputy", "deputyId"),
                since,
            )

        return await _payload(info, work)

    @strawberry.mutation(description="A deputy no longer staffs a venue.", permission_classes=RUN)
    async def unstaff_venue(
        self, info: Info, venue_id: strawberry.ID, deputy_id: strawberry.ID
    ) -> VenuePayload:
        async def work() -> Row:
            return await venues.unstaff_venue(
                info.context.db, _venue(venue_id), decode_id(deputy_id, "Deputy", "deputyId")
            )

        return await _payload(info, work)
