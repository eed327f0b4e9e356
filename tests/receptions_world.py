"""Venues and receptions on top of the trips world (tests/trips_world.py): 马集镇's two rooms
(ordinary, and the topic room 服务企业不打烊), a station in another township, and helpers to
make receptions and issues as the stored formats say."""

from __future__ import annotations

import datetime as dt

from graph.kernel.db import Database
from graph.receptions import receptions, venues
from graph.receptions.receptions import ReceptionInput
from tests.trips_world import load_world

D = dt.date

ROOM = venues.VenueInput(
    name="马集镇人大代表会客厅",
    kind="RECEPTION_ROOM",
    room_kind="ORDINARY",
    township="马集镇",
    address="仪征市马集镇人民政府一楼",
    latitude=32.40,
    longitude=119.10,
)
TOPIC_ROOM = venues.VenueInput(
    name="服务企业不打烊会客厅",
    kind="RECEPTION_ROOM",
    room_kind="TOPIC",
    topic="服务企业不打烊",
    township="马集镇",
    latitude=32.45,
    longitude=119.12,
)
STATION = venues.VenueInput(
    name="真州镇人大代表联络站",
    kind="STATION",
    township="真州镇",
    latitude=33.40,
    longitude=119.10,
)


async def load_venues(db: Database) -> dict[str, str]:
    """The trips world plus three venues; returns their ids by key (room, topic, station)."""
    await load_world(db)
    out = {}
    for key, data in (("room", ROOM), ("topic", TOPIC_ROOM), ("station", STATION)):
        out[key] = (await venues.create_venue(db, "zc", data))["id"]
    return out


async def reception(
    db: Database,
    venue: str,
    day: D,
    deputies: tuple[str, ...] = ("d-conv", "d-mem1"),
    slot: tuple[str, str] = ("09:00", "11:30"),
    title: str = "土地流转专题接待",
) -> str:
    done = await receptions.create_reception(
        db,
        venue,
        ReceptionInput(
            title=title,
            day=day,
            slot_start=slot[0],
            slot_end=slot[1],
            theme="土地流转",
            host="马集镇人大",
            audience="种植大户和企业",
            deputy_ids=deputies,
        ),
    )
    return done.id


ADD_ISSUE = """
MATCH (a:Activity {id: $reception})
CREATE (i:Issue {id: $id, name: $title, title: $title, status: $status, origin: 'RECEPTION',
                 raisedAt: a.start, year: a.start.year, promisedBy: $promisedBy,
                 source: 'illustrative', sortKey: $title})-[:RAISED_AT]->(a)
"""


async def issue(
    db: Database, reception_id: str, key: str, status: str, promised_by: D | None = None
) -> None:
    """An Issue raised at a reception, written as the issues domain stores it."""
    await db.write(
        ADD_ISSUE,
        reception=reception_id,
        id=key,
        title=f"问题{key}",
        status=status,
        promisedBy=promised_by,
    )
