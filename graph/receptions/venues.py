"""Venues: where deputies receive people (家站点, 会客厅), and the deputies who staff them.

A venue belongs to one congress; its name is unique there (checked under the congress's lock).
A RECEPTION_ROOM has a room kind (ORDINARY or TOPIC, e.g. 服务企业不打烊); no other kind has
one. `mobile` marks an ad-hoc room (移动会客厅: "wherever a bench is put down").
Coordinates are optional, but given together and in range; `near` filters use them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, reads, validate
from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.locks import lock_nodes
from graph.kernel.model import sort_key
from graph.kernel.reads import Page, Row, require_node
from graph.receptions import cypher_venues as cypher
from graph.receptions.vocab import RoomKind, VenueKind

MAX_NEAR_KM = 500.0


@dataclass(frozen=True)
class VenueInput:
    """A new venue, or changes to one (None: unchanged)."""

    name: str | None = None
    kind: str | None = None
    room_kind: str | None = None
    topic: str | None = None
    township: str | None = None
    address: str | None = None
    mobile: bool | None = None
    latitude: float | None = None
    longitude: float | None = None
    description: str | None = None


def _coordinate(value: float | None, field: str, bound: float) -> float | None:
    if value is None:
        return None
    if not -bound <= value <= bound:
        raise validate.invalid(
            field,
            f"{field} 须在 -{bound:g} 到 {bound:g} 之间，收到 {value}",
            f"`{field}` must be between -{bound:g} and {bound:g}, got {value}",
        )
    return float(value)


def _props(data: VenueInput) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if data.name is not None:
        props["name"] = validate.name(data.name, "input.name")
    if data.kind is not None:
        props["kind"] = validate.choice(data.kind, "input.kind", VenueKind.values())
    if data.room_kind is not None:
        props["roomKind"] = validate.choice(data.room_kind, "input.roomKind", RoomKind.values())
    for key, limit in (("topic", 100), ("township", 50), ("address", 200)):
        value = getattr(data, key)
        if value is not None:
            props[key] = validate.optional_text(value, f"input.{key}", limit=limit)
    if data.description is not None:
        props["description"] = validate.optional_text(data.description, "input.description")
    if data.mobile is not None:
        props["mobile"] = bool(data.mobile)
    lat = _coordinate(data.latitude, "input.latitude", 90)
    lon = _coordinate(data.longitude, "input.longitude", 180)
    if (lat is None) != (lon is None):
        raise validate.invalid(
            "input.longitude" if lon is None else "input.latitude",
            "经纬度须同时给出",
            "Give `latitude` and `longitude` together",
        )
    if lat is not None:
        props["latitude"], props["longitude"] = lat, lon
    return props


def _check_room(kind: str | None, room_kind: str | None) -> None:
    """A reception room needs its room kind; any other venue has none."""
    if kind == VenueKind.RECEPTION_ROOM.value and room_kind is None:
        raise validate.invalid(
            "input.roomKind",
            "会客厅须注明类型（普通会客厅或专题会客厅）",
            "A RECEPTION_ROOM needs `roomKind` (ORDINARY or TOPIC)",
        )
    if kind != VenueKind.RECEPTION_ROOM.value and room_kind is not None:
        zh = VenueKind(kind).zh if kind in VenueKind.values() else str(kind)
        raise validate.invalid(
            "input.roomKind",
            f"只有会客厅有类型，{zh}没有",
            f"Only a RECEPTION_ROOM has a `roomKind`, not a {kind}",
        )


async def _unique_name(tx: AsyncManagedTransaction, name: str, congress: str, own: str) -> None:
    if await run(tx, cypher.MATCH_VENUE_NAMED, name=name, congress=congress, id=own):
        raise DomainError(
            ErrorCode.DUPLICATE,
            f"本级人大已有名为“{name}”的场所",
            f"The congress already has a venue named {name!r}",
            field="input.name",
        )


async def create_venue(
    db: Database, congress_id: str, data: VenueInput, *, source: str = "user"
) -> Row:
    props = _props(data)
    for key in ("name", "kind"):
        if key not in props:
            raise validate.invalid(f"input.{key}", f"{key} 不能为空", f"`{key}` is required")
    _check_room(props["kind"], props.get("roomKind"))
    props.setdefault("mobile", False)
    venue_id = uuid.uuid4().hex

    async def work(tx: AsyncManagedTransaction) -> Row:
        await lock_nodes(tx, [("Congress", congress_id, "input.congressId")])
        await _unique_name(tx, props["name"], congress_id, venue_id)
        rows = await run(
            tx,
            cypher.CREATE_VENUE,
            id=venue_id,
            congress=congress_id,
            props={**props, "source": source},
            sortKey=sort_key(props["name"]),
        )
        node: Row = rows[0]["node"]
        return node

    return await db.transaction(work)


async def update_venue(db: Database, venue_id: str, data: VenueInput) -> Row:
    """Change a venue; a room that becomes another kind loses its room kind unless the new
    kind is a room too."""
    props = _props(data)

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await require_node(tx, "Venue", venue_id, "input.id")
        congress = current.get("congressId") or ""
        locked = await lock_nodes(
            tx,
            [("Venue", venue_id, "input.id")]
            + ([("Congress", congress, "input.id")] if congress else []),
        )
        current = locked[("Venue", venue_id)]
        kind = props.get("kind", current.get("kind"))
        room = props.get("roomKind", current.get("roomKind"))
        if "kind" in props and kind != VenueKind.RECEPTION_ROOM.value and "roomKind" not in props:
            room = props["roomKind"] = None  # no longer a room: its room kind goes
        _check_room(kind, room)
        if "name" in props and congress:
            await _unique_name(tx, props["name"], congress, venue_id)
        rows = await run(
            tx,
            cypher.UPDATE_VENUE,
            id=venue_id,
            props=props,
            sortKey=sort_key(props["name"]) if "name" in props else None,
        )
        node: Row = rows[0]["node"]
        return node

    return await db.transaction(work)


async def staff_venue(
    db: Database, venue_id: str, deputy_id: str, since: dt.date | None = None
) -> Row:
    """The deputy staffs the venue (进站履职) from `since`; DUPLICATE if already."""
    dates.in_range(since, "since")

    async def work(tx: AsyncManagedTransaction) -> Row:
        found = await lock_nodes(
            tx, [("Venue", venue_id, "venueId"), ("Deputy", deputy_id, "deputyId")]
        )
        deputy = found[("Deputy", deputy_id)]
        if await run(tx, cypher.MATCH_STAFF, id=venue_id, deputy=deputy_id):
            raise DomainError(
                ErrorCode.DUPLICATE,
                f"{deputy['name']} 已在该场所履职",
                f"{deputy['name']} already staffs this venue",
                field="deputyId",
                ids=[deputy_id],
            )
        await run(tx, cypher.ADD_STAFF, id=venue_id, deputy=deputy_id, since=since)
        return found[("Venue", venue_id)]

    return await db.transaction(work)


async def unstaff_venue(db: Database, venue_id: str, deputy_id: str) -> Row:
    async def work(tx: AsyncManagedTransaction) -> Row:
        found = await lock_nodes(
            tx, [("Venue", venue_id, "venueId"), ("Deputy", deputy_id, "deputyId")]
        )
        removed = await run(tx, cypher.REMOVE_STAFF, id=venue_id, deputy=deputy_id)
        if removed[0]["removed"] == 0:
            name = found[("Deputy", deputy_id)]["name"]
            raise DomainError(
                ErrorCode.NOT_FOUND,
                f"{name} 不在该场所履职",
                f"{name} does not staff this venue",
                field="deputyId",
                ids=[deputy_id],
            )
        return found[("Venue", venue_id)]

    return await db.transaction(work)


@dataclass(frozen=True)
class Near:
    latitude: float
    longitude: float
    km: float


@dataclass(frozen=True)
class VenueFilter:
    congress_id: str | None = None
    township: str | None = None
    kind: list[str] | None = None
    room_kind: str | None = None
    text: str | None = None
    near: Near | None = None


def _near(near: Near) -> Near:
    lat = _coordinate(near.latitude, "filter.near.latitude", 90)
    lon = _coordinate(near.longitude, "filter.near.longitude", 180)
    if not 0 < near.km <= MAX_NEAR_KM:
        raise validate.invalid(
            "filter.near.km",
            f"距离须大于 0 且不超过 {MAX_NEAR_KM:g} 公里",
            f"`km` must be above 0 and at most {MAX_NEAR_KM:g}",
        )
    assert lat is not None and lon is not None
    return Near(lat, lon, near.km)


async def list_venues(db: Database, filter: VenueFilter, *, first: int, offset: int) -> Page:
    """Venues in pinyin order; with `near`, those within its distance, nearest first (each
    row then carries `distanceKm`)."""
    params: dict[str, Any] = {
        "congress": filter.congress_id,
        "township": validate.optional_text(filter.township, "filter.township", limit=50),
        "kind": filter.kind,
        "roomKind": filter.room_kind,
        "text": validate.optional_text(filter.text, "filter.text", limit=100),
        "skip": offset,
        "limit": first,
    }
    if filter.near is not None:
        near = _near(filter.near)
        rows = await db.read(
            cypher.LIST_VENUES_NEAR,
            **params,
            latitude=near.latitude,
            longitude=near.longitude,
            metres=near.km * 1000,
        )
    else:
        rows = await db.read(cypher.LIST_VENUES, **params)
    return reads.page_of(rows)
