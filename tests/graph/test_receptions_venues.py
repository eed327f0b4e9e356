"""Venues and receptions on the real Neo4j: venue rules, township and distance queries, a
reception's 321 check and OVERLAP through the trips' conflict engine and lifecycle (reused,
unchanged), createActivity refusing receptions, a venue's slot taken once."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.receptions import receptions, venues
from graph.receptions.receptions import ReceptionInput
from graph.trips import itinerary, lifecycle, plans
from graph.trips.steps import StepRefused
from graph.trips.vocab import ConflictKind
from tests.receptions_world import ROOM, STATION, load_venues, reception
from tests.trips_world import load_world

D = dt.date


async def refused(work: object, code: ErrorCode, field: str | None = None) -> DomainError:
    with pytest.raises(DomainError) as caught:
        await work  # type: ignore[misc]
    assert caught.value.code is code, caught.value.message
    if field is not None:
        assert caught.value.field == field
    return caught.value


async def test_venue_rules(db: Database) -> None:
    await load_world(db)
    no_room = dataclasses.replace(ROOM, room_kind=None)
    await refused(venues.create_venue(db, "zc", no_room), ErrorCode.INVALID, "input.roomKind")
    station_room = dataclasses.replace(STATION, room_kind="ORDINARY")
    await refused(venues.create_venue(db, "zc", station_room), ErrorCode.INVALID, "input.roomKind")
    north = dataclasses.replace(STATION, latitude=91.0)
    await refused(venues.create_venue(db, "zc", north), ErrorCode.INVALID, "input.latitude")
    half = dataclasses.replace(STATION, longitude=None)
    error = await refused(venues.create_venue(db, "zc", half), ErrorCode.INVALID)
    assert "经纬度" in error.zh
    await refused(venues.create_venue(db, "nowhere", STATION), ErrorCode.NOT_FOUND)
    assert (await db.read("MATCH (v:Venue) RETURN count(v) AS n"))[0]["n"] == 0

    room = await venues.create_venue(db, "zc", ROOM)
    assert (room["kind"], room["roomKind"], room["mobile"]) == ("RECEPTION_ROOM", "ORDINARY", False)
    linked = await db.read(
        "MATCH (:Venue {id: $id})-[:VENUE_OF]->(c:Congress) RETURN c.id AS c", id=room["id"]
    )
    assert linked == [{"c": "zc"}]
    await refused(venues.create_venue(db, "zc", ROOM), ErrorCode.DUPLICATE, "input.name")

    # A room made a station loses its room kind; a station cannot be given one.
    station = await venues.update_venue(db, room["id"], venues.VenueInput(kind="STATION"))
    assert station["kind"] == "STATION" and "roomKind" not in station
    await refused(
        venues.update_venue(db, room["id"], venues.VenueInput(room_kind="TOPIC")),
        ErrorCode.INVALID,
        "input.roomKind",
    )


async def test_staffing(db: Database) -> None:
    ids = await load_venues(db)
    await venues.staff_venue(db, ids["room"], "d-conv", D(2024, 1, 1))
    await refused(venues.staff_venue(db, ids["room"], "d-conv"), ErrorCode.DUPLICATE, "deputyId")
    await venues.unstaff_venue(db, ids["room"], "d-conv")
    await refused(venues.unstaff_venue(db, ids["room"], "d-conv"), ErrorCode.NOT_FOUND)


async def test_township_text_and_near(db: Database) -> None:
    ids = await load_venues(db)
    page = await venues.list_venues(db, venues.VenueFilter(), first=10, offset=0)
    # pinyin: fu(务) < ma(集) < zhen(州)
    assert [r["id"] for r in page.rows] == [ids["topic"], ids["room"], ids["station"]]
    page = await venues.list_venues(db, venues.VenueFilter(township="马集镇"), first=10, offset=0)
    assert page.total == 2
    page = await venues.list_venues(db, venues.VenueFilter(text="不打烊"), first=10, offset=0)
    assert [r["id"] for r in page.rows] == [ids["topic"]]

    # From a point 1 km south of the ordinary room: it first (≈1.1 km), then the topic room
    # (≈6.6 km); the station, 111 km north, is out of a 20 km radius.
    near = venues.Near(32.39, 119.10, 20)
    page = await venues.list_venues(db, venues.VenueFilter(near=near), first=10, offset=0)
    assert [r["id"] for r in page.rows] == [ids["room"], ids["topic"]]
    assert page.total == 2
    assert 1.0 < page.rows[0]["distanceKm"] < 1.3
    assert 6.0 < page.rows[1]["distanceKm"] < 7.5
    far = venues.Near(32.39, 119.10, 200)
    page = await venues.list_venues(db, venues.VenueFilter(near=far), first=10, offset=0)
    assert [r["id"] for r in page.rows][-1] == ids["station"]
    await refused(
        venues.list_venues(
            db, venues.VenueFilter(near=venues.Near(32, 119, 0)), first=10, offset=0
        ),
        ErrorCode.INVALID,
        "filter.near.km",
    )


def kinds(found: list[object]) -> set[ConflictKind]:
    return {c.kind for c in found}  # type: ignore[attr-defined]


async def test_321_check_through_the_trips_engine(db: Database) -> None:
    ids = await load_venues(db)
    alone = await reception(db, ids["room"], D(2025, 3, 12), deputies=("d-conv",))
    stored = (await db.read(
        "MATCH (a:Activity {id: $id})-[:HELD_AT]->(v:Venue) "
        "RETURN a.kind AS kind, a.start AS start, a.end AS end, a.status AS status, v.id AS v",
        id=alone,
    ))[0]  # fmt: skip
    assert stored == {
        "kind": "RECEPTION", "start": D(2025, 3, 12), "end": D(2025, 3, 12),
        "status": "DRAFT", "v": ids["room"],
    }  # fmt: skip
    with pytest.raises(StepRefused) as caught:
        await lifecycle.schedule_activity(db, alone)
    assert caught.value.code is ErrorCode.CONFLICT
    assert kinds(caught.value.conflicts) == {ConflictKind.TOO_FEW_DEPUTIES}

    step = await itinerary.add_participant(db, alone, "d-mem1")
    assert step.conflicts == []
    scheduled = await lifecycle.schedule_activity(db, alone)
    assert scheduled.activity["status"] == "SCHEDULED"


async def test_a_deputy_elsewhere_that_day_is_overlap(db: Database) -> None:
    ids = await load_venues(db)
    trip = (await plans.create_activity(
        db, plans.ActivityInput(kind="INSPECTION", title="汽车产业视察",
                                start=D(2025, 3, 11), end=D(2025, 3, 13)),
    )).activity  # fmt: skip
    await itinerary.add_participant(db, trip["id"], "d-conv")
    done = await receptions.create_reception(
        db,
        ids["room"],
        ReceptionInput(title="接待日", day=D(2025, 3, 12), slot_start="09:00",
                       slot_end="11:00", deputy_ids=["d-conv", "d-mem1"]),
    )  # fmt: skip
    assert kinds(done.conflicts) == {ConflictKind.OVERLAP}
    assert "汽车产业视察" in done.conflicts[0].zh
    with pytest.raises(StepRefused) as caught:
        await lifecycle.schedule_activity(db, done.id)
    assert kinds(caught.value.conflicts) == {ConflictKind.OVERLAP}
    # The deputy leaves the trip (the trips' own step): the reception can be scheduled.
    await itinerary.remove_participant(db, trip["id"], "d-conv")
    assert (await lifecycle.schedule_activity(db, done.id)).activity["status"] == "SCHEDULED"


async def test_trips_refuse_to_make_or_unmake_receptions(db: Database) -> None:
    ids = await load_venues(db)
    made = plans.create_activity(
        db,
        plans.ActivityInput(kind="RECEPTION", title="接待", start=D(2025, 3, 1), end=D(2025, 3, 1)),
    )
    error = await refused(made, ErrorCode.INVALID, "input.kind")
    assert "createReception" in error.en
    research = plans.ActivityInput(
        kind="RESEARCH", title="调研", start=D(2025, 3, 1), end=D(2025, 3, 2)
    )
    trip = (await plans.create_activity(db, research)).activity
    await refused(
        plans.update_activity(db, trip["id"], plans.ActivityInput(kind="RECEPTION")),
        ErrorCode.INVALID,
        "input.kind",
    )
    held = await reception(db, ids["room"], D(2025, 3, 12))
    await refused(
        plans.update_activity(db, held, plans.ActivityInput(kind="INSPECTION")),
        ErrorCode.INVALID,
        "input.kind",
    )
    # A change that leaves the kind alone is still a trips' update.
    same = await plans.update_activity(
        db, held, plans.ActivityInput(kind="RECEPTION", title="新标题")
    )
    assert same.activity["title"] == "新标题"


async def test_a_venue_slot_holds_one_reception(db: Database) -> None:
    ids = await load_venues(db)
    first = await reception(db, ids["room"], D(2025, 3, 12), slot=("09:00", "11:00"))
    clash = reception(db, ids["room"], D(2025, 3, 12), slot=("10:30", "12:00"))
    error = await refused(clash, ErrorCode.CONFLICT, "input.slotStart")
    assert error.ids == [first]
    # Back to back is fine, and so is another venue.
    await reception(db, ids["room"], D(2025, 3, 12), slot=("11:00", "12:00"))
    await reception(
        db, ids["topic"], D(2025, 3, 12), slot=("09:00", "11:00"), deputies=("d-mem2", "d-cmte")
    )
    await refused(
        receptions.update_reception(db, first, ReceptionInput(slot_end="11:30")),
        ErrorCode.CONFLICT,
    )
    await refused(
        receptions.update_reception(db, first, ReceptionInput(slot_start="12:00")),
        ErrorCode.INVALID,
        "input.slotEnd",
    )
    moved = await receptions.update_reception(
        db, first, ReceptionInput(day=D(2025, 3, 13), theme="新主题")
    )
    assert (moved.activity["start"], moved.activity["end"], moved.activity["theme"]) == (
        D(2025, 3, 13), D(2025, 3, 13), "新主题",
    )  # fmt: skip
    await refused(
        receptions.create_reception(
            db,
            ids["room"],
            ReceptionInput(title="x", day=D(2025, 3, 1), slot_start="9:00", slot_end="10:00"),
        ),
        ErrorCode.INVALID,
        "input.slotStart",
    )


async def test_receptions_by_month_and_venue(db: Database) -> None:
    ids = await load_venues(db)
    late = await reception(db, ids["room"], D(2025, 3, 20))
    early = await reception(db, ids["room"], D(2025, 3, 5), slot=("14:00", "16:00"))
    morning = await reception(db, ids["room"], D(2025, 3, 5), slot=("08:00", "09:00"))
    await reception(db, ids["room"], D(2025, 4, 1))
    await reception(db, ids["topic"], D(2025, 3, 6), deputies=("d-mem2", "d-cmte"))
    page = await receptions.list_receptions(
        db, receptions.ReceptionFilter(venue_id=ids["room"], month="2025-03"), first=10, offset=0
    )
    assert [r["id"] for r in page.rows] == [morning, early, late]
    await refused(
        receptions.list_receptions(
            db, receptions.ReceptionFilter(month="2025-13"), first=10, offset=0
        ),
        ErrorCode.INVALID,
        "filter.month",
    )
