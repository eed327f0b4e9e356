"""Moving a trip's dates moves its visits (same offsets from the start), or is refused with the
visits named and nothing written; under concurrency the rules hold. And suggestTrip's flag on
invitees who work at a suggested enterprise, worded as the trip's OWN_EMPLOYER conflict."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt

import pytest

from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.trips import conflicts, cypher, itinerary, plans, reads
from graph.trips.plans import ActivityInput
from graph.trips.steps import StepRefused
from graph.trips.vocab import ConflictKind
from tests.graph.test_trips import D, kinds, planned, trip
from tests.trips_world import load_world

WEEK = dt.timedelta(days=7)
SNAPSHOT = """
MATCH (a:Activity {id: $id})
RETURN a.start AS start, a.end AS end, a.version AS version,
       [(a)-[v:VISITS]->(e) | [e.id, v.day, v.order]] AS visits
"""


@pytest.fixture
async def world(db: Database) -> Database:
    await load_world(db)
    return db


async def snapshot(db: Database, activity_id: str) -> dict[str, object]:
    row = (await db.read(SNAPSHOT, id=activity_id))[0]
    return {**row, "visits": sorted(row["visits"])}


async def days(db: Database, activity_id: str) -> dict[str, dt.date]:
    rows = await db.read(cypher.LIST_VISITS, id=activity_id)
    return {r["enterprise"]: r["day"] for r in rows}


async def test_moving_the_dates_moves_the_visits(world: Database) -> None:
    trip_id = await planned(world)  # 5-6 .. 5-8
    await itinerary.add_visit(world, trip_id, "e-parts", D(2024, 5, 6))
    await itinerary.add_visit(world, trip_id, "e-food", D(2024, 5, 8))
    before = await days(world, trip_id)
    moved = await plans.update_activity(
        world, trip_id, ActivityInput(start=D(2024, 5, 13), end=D(2024, 5, 15))
    )
    assert (moved.activity["start"], moved.activity["end"]) == (D(2024, 5, 13), D(2024, 5, 15))
    assert await days(world, trip_id) == {e: day + WEEK for e, day in before.items()}
    assert moved.conflicts == []
    # A longer trip with the same start keeps the visit days; false keeps them on any move.
    await plans.update_activity(world, trip_id, ActivityInput(end=D(2024, 5, 20)))
    assert await days(world, trip_id) == {e: day + WEEK for e, day in before.items()}
    await plans.update_activity(
        world, trip_id, ActivityInput(start=D(2024, 5, 14), move_visits=False)
    )
    assert await days(world, trip_id) == {e: day + WEEK for e, day in before.items()}


async def test_a_visit_past_the_new_end_refuses_the_move(world: Database) -> None:
    trip_id = await planned(world)
    await itinerary.add_visit(world, trip_id, "e-parts", D(2024, 5, 6))
    await itinerary.add_visit(world, trip_id, "e-food", D(2024, 5, 8))
    untouched = await snapshot(world, trip_id)
    with pytest.raises(StepRefused) as caught:
        await plans.update_activity(
            world, trip_id, ActivityInput(start=D(2024, 6, 3), end=D(2024, 6, 4), title="改名")
        )
    error = caught.value
    assert (error.code, error.field) == (ErrorCode.CONFLICT, "input.start")
    assert "得利斯食品有限公司" in error.zh and "2024-06-05" in error.zh  # the visit, named
    assert [c.kind for c in error.conflicts] == [ConflictKind.VISIT_OUTSIDE_DATES]
    assert "e-food" in error.ids
    assert await snapshot(world, trip_id) == untouched  # nothing written, the title neither


async def test_a_move_into_another_trips_visit_is_refused(world: Database) -> None:
    """The cap: another trip visits the enterprise within the window after the move."""
    other = await planned(world, D(2024, 7, 1), D(2024, 7, 1))
    await itinerary.add_visit(world, other, "e-axle")
    trip_id = (await plans.create_activity(world, trip(D(2024, 5, 6), D(2024, 5, 8)))).activity
    await itinerary.add_visit(world, trip_id["id"], "e-axle", D(2024, 5, 7))
    untouched = await snapshot(world, trip_id["id"])
    with pytest.raises(StepRefused) as caught:
        await plans.update_activity(
            world, trip_id["id"], ActivityInput(start=D(2024, 6, 17), end=D(2024, 6, 19))
        )
    assert [c.kind for c in caught.value.conflicts] == [ConflictKind.ENTERPRISE_OVER_CAP]
    assert "宏泰车桥制造有限公司" in caught.value.zh
    assert other in caught.value.ids
    assert await snapshot(world, trip_id["id"]) == untouched
    # The conflict it already had (too few deputies) is no reason to refuse a move.
    step = await plans.update_activity(
        world, trip_id["id"], ActivityInput(start=D(2024, 5, 20), end=D(2024, 5, 22))
    )
    assert kinds(step.conflicts) == ["TOO_FEW_DEPUTIES"]
    assert await days(world, trip_id["id"]) == {"e-axle": D(2024, 5, 21)}


async def test_a_move_onto_a_participants_other_trip_is_refused(world: Database) -> None:
    await planned(world, D(2024, 6, 3), D(2024, 6, 4))  # d-conv and d-mem1
    trip_id = await planned(world)
    with pytest.raises(StepRefused) as caught:
        await plans.update_activity(
            world, trip_id, ActivityInput(start=D(2024, 6, 4), end=D(2024, 6, 5))
        )
    assert kinds(caught.value.conflicts) == ["OVERLAP", "OVERLAP"]
    assert "张召集" in caught.value.zh


async def test_two_moves_at_once_both_apply(world: Database) -> None:
    """Two planners each move the same trip a week later from what they read: the activity
    lock serialises them, so whichever order they run in, the visit keeps its offset."""
    trip_id = await planned(world, D(2024, 5, 6), D(2024, 5, 6))
    await itinerary.add_visit(world, trip_id, "e-parts")

    async def later_by_a_week() -> None:
        current = (await world.read(SNAPSHOT, id=trip_id))[0]
        await plans.update_activity(
            world,
            trip_id,
            ActivityInput(start=current["start"] + WEEK, end=current["end"] + WEEK),
        )

    await asyncio.gather(later_by_a_week(), later_by_a_week())
    after = await snapshot(world, trip_id)
    # Whichever order they ran in, the visit is on the trip's first day.
    assert [v[1] for v in after["visits"]] == [after["start"]]  # type: ignore[index]
    assert after["start"] in (D(2024, 5, 13), D(2024, 5, 20))


async def test_two_trips_moved_into_each_others_way(world: Database) -> None:
    """Trips A and B visit one enterprise four months apart; A is moved to 7-1 and B to 7-10
    at once. Either move alone is fine; both would put the visits nine days apart (over the
    cap). The enterprise lock makes the second see the first: exactly one succeeds."""

    async def move(activity_id: str, day: dt.date) -> bool:
        try:
            await plans.update_activity(world, activity_id, ActivityInput(start=day, end=day))
        except StepRefused:
            return False
        return True

    for _ in range(8):
        a = await planned(world, D(2024, 5, 1), D(2024, 5, 1))
        b = (await plans.create_activity(world, trip(D(2024, 8, 30), D(2024, 8, 30)))).activity
        await itinerary.add_visit(world, a, "e-parts")
        await itinerary.add_visit(world, b["id"], "e-parts")
        done = await asyncio.gather(move(a, D(2024, 7, 1)), move(b["id"], D(2024, 7, 10)))
        assert sorted(done) == [False, True]
        found = await conflicts.trip_conflicts(world, a)
        assert ConflictKind.ENTERPRISE_OVER_CAP not in {c.kind for c in found}
        await world.write("MATCH (a:Activity) DETACH DELETE a")


async def test_a_move_racing_a_visit_add(world: Database) -> None:
    """A move and a visit added at once: either order, no visit lies outside the dates."""
    for _ in range(3):
        trip_id = await planned(world)  # 5-6 .. 5-8
        await itinerary.add_visit(world, trip_id, "e-parts", D(2024, 5, 6))

        async def add(trip_id: str) -> None:
            with contextlib.suppress(DomainError):  # the move came first: 5-8 is outside
                await itinerary.add_visit(world, trip_id, "e-food", D(2024, 5, 8))

        async def shorten(trip_id: str) -> None:
            with contextlib.suppress(StepRefused):  # the visit came first: it would fall past
                await plans.update_activity(  # the new end
                    world, trip_id, ActivityInput(start=D(2024, 5, 13), end=D(2024, 5, 14))
                )

        await asyncio.gather(add(trip_id), shorten(trip_id))
        after = await snapshot(world, trip_id)
        for _, day, _ in after["visits"]:  # type: ignore[attr-defined]
            assert after["start"] <= day <= after["end"]  # type: ignore[operator]
        assert kinds(await conflicts.trip_conflicts(world, trip_id)) == []
        await world.write("MATCH (a:Activity) DETACH DELETE a")


async def test_suggestion_flags_invitees_at_suggested_enterprises(world: Database) -> None:
    """d-mem2 works at e-axle (tests/trips_world.py): flagged, not left out; built anyway,
    the trip has the OWN_EMPLOYER conflict in the same words."""
    found = await reads.suggest_trip(world, "C36", D(2024, 7, 1), D(2024, 7, 2))
    suggested = {e["id"] for e in found.enterprises}
    employer = {
        r["d"]: r["e"]
        for r in await world.read(
            "MATCH (d:Deputy)-[:WORKS_AT]->(e:Enterprise) RETURN d.id AS d, e.id AS e"
        )
    }
    flagged = {d["id"]: [e["id"] for e in d["employers"]] for d in found.invitees}
    expected = {d: [employer[d]] if employer.get(d) in suggested else [] for d in flagged}
    assert flagged == expected
    assert flagged["d-mem2"] == ["e-axle"]
    warning = next(d for d in found.invitees if d["id"] == "d-mem2")["conflicts"]
    assert [c.kind for c in warning] == [ConflictKind.OWN_EMPLOYER]
    assert "宏泰车桥制造有限公司" in warning[0].zh
    trip_id = await planned(world, D(2024, 7, 1), D(2024, 7, 2))
    await itinerary.add_participant(world, trip_id, "d-mem2")
    await itinerary.add_visit(world, trip_id, "e-axle")
    built = [
        c
        for c in await conflicts.trip_conflicts(world, trip_id)
        if c.kind is ConflictKind.OWN_EMPLOYER
    ]
    assert [(c.zh, c.en) for c in built] == [(warning[0].zh, warning[0].en)]
    assert built[0].refs[:2] == warning[0].refs
