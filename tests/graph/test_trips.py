"""Trips on the graph layer: lifecycle, conflicts, itinerary, suggestions, lists, calendars,
bad input (nothing written), concurrent edits, and the demo and synthetic trips."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from typing import Any

import pytest

from datasets.demo.compose import PARTS, build, demo_trips
from datasets.demo.trips import AUTO_INSPECTION, LAW_CHECKS, TOTAL_TRIPS, trips_part
from datasets.synthetic.trips import synthetic_trips, synthetic_with_trips
from graph.kernel.dataset import merge
from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.loading import load_dataset
from graph.kernel.settings import TripRules
from graph.trips import conflicts, cypher, itinerary, lifecycle, plans, reads
from graph.trips.plans import ActivityInput
from graph.trips.reads import ActivityFilter
from graph.trips.steps import StepRefused
from graph.trips.vocab import ConflictKind, ConflictSeverity
from tests.trips_world import load_world

D = dt.date
COUNT = "MATCH (a:Activity) RETURN count(a) AS n"
MAY_6 = D(2024, 5, 6)
MAY_8 = D(2024, 5, 8)


def trip(start: D = MAY_6, end: D = MAY_8, **kw: object) -> ActivityInput:
    args: dict[str, object] = {
        "kind": "INSPECTION",
        "title": "汽车产业集中视察",
        "topic": "项目建设",
        "start": start,
        "end": end,
        "committee_ids": ["cm-fin"],
        "group_ids": ["g-auto"],
        "industry_code": "C36",
    }
    args.update(kw)
    return ActivityInput(**args)  # type: ignore[arg-type]


async def planned(db: Database, start: D = MAY_6, end: D = MAY_8) -> str:
    """A draft with two deputies, ready to schedule."""
    activity = (await plans.create_activity(db, trip(start, end))).activity
    await itinerary.add_participant(db, activity["id"], "d-conv", "LEAD")
    await itinerary.add_participant(db, activity["id"], "d-mem1")
    return str(activity["id"])


def kinds(found: list[conflicts.Conflict]) -> list[str]:
    return sorted(c.kind.value for c in found)


@pytest.fixture
async def world(db: Database) -> Database:
    await load_world(db)
    return db


async def count(db: Database) -> int:
    return int((await db.read(COUNT))[0]["n"])


# --- create, update, bad input ---------------------------------------------------------------


async def test_create_is_a_draft_with_its_links(world: Database) -> None:
    created = await plans.create_activity(world, trip())
    assert kinds(created.conflicts) == ["TOO_FEW_DEPUTIES"]  # read in the same transaction
    activity = created.activity
    assert activity["status"] == "DRAFT"
    assert activity["start"] == D(2024, 5, 6)
    rows = await world.read(
        "MATCH (a:Activity {id: $id}) RETURN [(c)-[:ORGANIZES]->(a) | c.id] AS c, "
        "[(g)-[:HOLDS]->(a) | g.id] AS g, [(a)-[:IN_INDUSTRY]->(i) | i.code] AS i",
        id=activity["id"],
    )
    assert rows == [{"c": ["cm-fin"], "g": ["g-auto"], "i": ["C36"]}]


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"start": D(2024, 5, 9)}, ErrorCode.INVALID, "input.end"),
        ({"committee_ids": ["cm-nope"]}, ErrorCode.NOT_FOUND, "input.committeeIds[0]"),
        ({"group_ids": ["d-conv"]}, ErrorCode.INVALID, "input.groupIds[0]"),
        ({"industry_code": "C99"}, ErrorCode.NOT_FOUND, "input.industryCode"),
        ({"kind": "PICNIC"}, ErrorCode.INVALID, "input.kind"),
        ({"title": "  "}, ErrorCode.INVALID, "input.title"),
    ],
)
async def test_bad_create_writes_nothing(
    world: Database, change: dict[str, Any], code: ErrorCode, field: str
) -> None:
    with pytest.raises(DomainError) as caught:
        await plans.create_activity(world, trip(**change))
    assert (caught.value.code, caught.value.field) == (code, field)
    assert caught.value.zh and caught.value.en
    assert await count(world) == 0


async def test_update_checks_dates_against_the_stored_ones(world: Database) -> None:
    activity = (await plans.create_activity(world, trip())).activity
    with pytest.raises(DomainError) as caught:
        await plans.update_activity(world, activity["id"], ActivityInput(end=D(2024, 5, 1)))
    assert caught.value.field == "input.end"
    updated = (
        await plans.update_activity(
            world, activity["id"], ActivityInput(title="改名", end=D(2024, 5, 10), group_ids=[])
        )
    ).activity
    assert (updated["title"], updated["end"]) == ("改名", D(2024, 5, 10))
    assert not await world.read("MATCH (:DeputyGroup)-[r:HOLDS]->() RETURN r")


async def test_unknown_activity_is_not_found(world: Database) -> None:
    with pytest.raises(DomainError) as caught:
        await itinerary.add_participant(world, "nope", "d-conv")
    assert caught.value.code is ErrorCode.NOT_FOUND
    with pytest.raises(DomainError):
        await conflicts.trip_conflicts(world, "nope")


async def test_participant_must_be_a_deputy(world: Database) -> None:
    activity_id = await planned(world)
    with pytest.raises(DomainError) as caught:
        await itinerary.add_participant(world, activity_id, "e-parts")
    assert (caught.value.code, caught.value.field) == (ErrorCode.INVALID, "deputyId")
    assert "not a Deputy" in caught.value.en
    with pytest.raises(DomainError) as caught:
        await itinerary.add_participant(world, activity_id, "d-nobody")
    assert caught.value.code is ErrorCode.NOT_FOUND
    with pytest.raises(DomainError) as caught:
        await itinerary.add_participant(world, activity_id, "d-conv")
    assert caught.value.code is ErrorCode.DUPLICATE
    with pytest.raises(DomainError) as caught:
        await itinerary.add_participant(world, activity_id, "d-other", "BOSS")
    assert caught.value.field == "role"
    rows = await world.read("MATCH ()-[r:TAKES_PART]->() RETURN count(r) AS n")
    assert rows[0]["n"] == 2


async def test_visit_must_be_an_enterprise(world: Database) -> None:
    activity_id = await planned(world)
    with pytest.raises(DomainError) as caught:
        await itinerary.add_visit(world, activity_id, "d-conv", D(2024, 5, 6))
    assert (caught.value.code, caught.value.field) == (ErrorCode.INVALID, "enterpriseId")
    assert not await world.read("MATCH ()-[r:VISITS]->() RETURN r")


# --- lifecycle ------------------------------------------------------------------------------


async def test_lifecycle_draft_to_completed(world: Database) -> None:
    activity_id = await planned(world)
    assert (await lifecycle.schedule_activity(world, activity_id)).activity["status"] == "SCHEDULED"
    assert (await lifecycle.start_activity(world, activity_id)).activity["status"] == "IN_PROGRESS"
    with pytest.raises(DomainError) as caught:
        await lifecycle.complete_activity(world, activity_id, " ")
    assert caught.value.field == "summary"
    done = (await lifecycle.complete_activity(world, activity_id, "提出11条意见建议")).activity
    assert (done["status"], done["summary"]) == ("COMPLETED", "提出11条意见建议")
    with pytest.raises(DomainError) as caught:
        await lifecycle.cancel_activity(world, activity_id)
    assert caught.value.code is ErrorCode.CONFLICT
    assert "none" in caught.value.en
    with pytest.raises(DomainError) as caught:
        await itinerary.add_participant(world, activity_id, "d-other")
    assert caught.value.code is ErrorCode.CONFLICT


async def test_illegal_move_names_the_allowed_ones(world: Database) -> None:
    activity_id = await planned(world)
    with pytest.raises(DomainError) as caught:
        await lifecycle.start_activity(world, activity_id)
    assert caught.value.code is ErrorCode.CONFLICT
    assert "SCHEDULED, CANCELLED" in caught.value.en
    assert "已安排、已取消" in caught.value.zh
    rows = await world.read("MATCH (a:Activity) RETURN a.status AS s")
    assert rows == [{"s": "DRAFT"}]


@pytest.mark.parametrize("steps", [0, 1, 2])
async def test_cancel_from_any_open_state(world: Database, steps: int) -> None:
    activity_id = await planned(world)
    for move in (lifecycle.schedule_activity, lifecycle.start_activity)[:steps]:
        await move(world, activity_id)
    assert (await lifecycle.cancel_activity(world, activity_id)).activity["status"] == "CANCELLED"
    with pytest.raises(DomainError):
        await lifecycle.schedule_activity(world, activity_id)


# --- conflicts ------------------------------------------------------------------------------


async def test_too_few_deputies_blocks_scheduling(world: Database) -> None:
    activity = (await plans.create_activity(world, trip())).activity
    await itinerary.add_participant(world, activity["id"], "d-conv")
    assert kinds(await conflicts.trip_conflicts(world, activity["id"])) == ["TOO_FEW_DEPUTIES"]
    with pytest.raises(DomainError) as caught:
        await lifecycle.schedule_activity(world, activity["id"])
    assert caught.value.code is ErrorCode.CONFLICT
    assert "Fewer than 2 deputies" in caught.value.en
    assert isinstance(caught.value, StepRefused)  # with the conflicts its transaction saw
    assert kinds(caught.value.conflicts) == ["TOO_FEW_DEPUTIES"]
    rows = await world.read("MATCH (a:Activity) RETURN a.status AS s")
    assert rows == [{"s": "DRAFT"}]


async def test_overlap_is_hard_and_cancelled_ones_do_not_count(world: Database) -> None:
    first = await planned(world, D(2024, 5, 6), D(2024, 5, 8))
    second = await planned(world, D(2024, 5, 8), D(2024, 5, 9))
    third = await planned(world, D(2024, 5, 9), D(2024, 5, 10))
    found = await conflicts.trip_conflicts(world, first)
    assert kinds(found) == ["OVERLAP", "OVERLAP"]
    assert {c.severity for c in found} == {ConflictSeverity.HARD}
    assert {c.ids[0] for c in found} == {"d-conv", "d-mem1"}
    assert all(second in c.ids for c in found)
    with pytest.raises(DomainError):
        await lifecycle.schedule_activity(world, first)
    await lifecycle.cancel_activity(world, second)
    assert await conflicts.trip_conflicts(world, first) == []
    assert kinds(await conflicts.trip_conflicts(world, third)) == []
    await lifecycle.schedule_activity(world, first)


async def test_own_employer_and_visit_outside_dates(world: Database) -> None:
    activity_id = await planned(world)
    await itinerary.add_participant(world, activity_id, "d-mem2")
    await itinerary.add_visit(world, activity_id, "e-axle", D(2024, 5, 7))
    with pytest.raises(DomainError) as outside:  # a visit day given outside the dates
        await itinerary.add_visit(world, activity_id, "e-parts", D(2024, 5, 20))
    assert (outside.value.code, outside.value.field) == (ErrorCode.INVALID, "day")
    # A visit is left outside when the activity's dates change later: a HARD conflict.
    await itinerary.add_visit(world, activity_id, "e-parts", D(2024, 5, 8))
    await plans.update_activity(
        world, activity_id, ActivityInput(end=D(2024, 5, 7), move_visits=False)
    )
    found = await conflicts.trip_conflicts(world, activity_id)
    assert kinds(found) == ["OWN_EMPLOYER", "VISIT_OUTSIDE_DATES"]
    own = next(c for c in found if c.kind is ConflictKind.OWN_EMPLOYER)
    assert own.ids[:2] == ["d-mem2", "e-axle"]
    assert "利益冲突" in own.zh
    with pytest.raises(DomainError):
        await lifecycle.schedule_activity(world, activity_id)
    await itinerary.remove_participant(world, activity_id, "d-mem2")
    await itinerary.move_visit(world, activity_id, "e-parts", day=D(2024, 5, 7))
    assert await conflicts.trip_conflicts(world, activity_id) == []


async def test_enterprise_over_cap_is_a_warning_only(world: Database) -> None:
    earlier = await planned(world, D(2024, 5, 1), D(2024, 5, 1))
    await itinerary.add_visit(world, earlier, "e-parts")
    later = (await plans.create_activity(world, trip(D(2024, 5, 20), D(2024, 5, 21)))).activity
    await itinerary.add_participant(world, later["id"], "d-mem2")
    await itinerary.add_participant(world, later["id"], "d-cmte")
    await itinerary.add_visit(world, later["id"], "e-parts", D(2024, 5, 21))
    found = await conflicts.trip_conflicts(world, later["id"])
    assert [(c.kind.value, c.severity.value) for c in found] == [("ENTERPRISE_OVER_CAP", "WARNING")]
    assert earlier in found[0].ids
    assert (await lifecycle.schedule_activity(world, later["id"])).activity["status"] == "SCHEDULED"
    # More than 30 days apart: no warning.
    await plans.update_activity(
        world, earlier, ActivityInput(start=D(2024, 4, 1), end=D(2024, 4, 1))
    )
    await itinerary.move_visit(world, earlier, "e-parts", day=D(2024, 4, 1))
    assert await conflicts.trip_conflicts(world, later["id"]) == []


async def test_the_visit_cap_is_a_rule_passed_in(world: Database) -> None:
    """The cap and its window come from TripRules (Settings.trips), not from the module."""
    earlier = await planned(world, D(2024, 5, 1), D(2024, 5, 1))
    await itinerary.add_visit(world, earlier, "e-parts")
    later = await planned(world, D(2024, 5, 20), D(2024, 5, 21))
    step = await itinerary.add_visit(
        world, later, "e-parts", D(2024, 5, 21), rules=TripRules(visit_cap=2)
    )
    assert step.conflicts == []  # one earlier visit is below a cap of two
    found = await conflicts.trip_conflicts(world, later, rules=TripRules(visit_cap_days=60))
    assert kinds(found) == ["ENTERPRISE_OVER_CAP"]
    assert "60 天内" in found[0].zh and "within 60 days" in found[0].en
    assert await conflicts.trip_conflicts(world, later, rules=TripRules(visit_cap_days=20)) == []


async def test_conflicts_of_many_in_key_order(world: Database) -> None:
    good = await planned(world)
    lonely = (await plans.create_activity(world, trip(D(2024, 8, 1), D(2024, 8, 1)))).activity
    found = await conflicts.conflicts_of_many(world, TripRules(), [lonely["id"], "nope", good])
    assert [kinds(f) for f in found] == [["TOO_FEW_DEPUTIES"], [], []]


# --- itinerary --------------------------------------------------------------------------------


async def stops(db: Database, activity_id: str) -> list[tuple[str, int]]:
    rows = await db.read(cypher.LIST_VISITS, id=activity_id)
    return [(r["enterprise"], r["order"]) for r in rows]


async def test_visits_keep_a_gapless_order(world: Database) -> None:
    activity_id = await planned(world)
    await itinerary.add_visit(world, activity_id, "e-parts")
    await itinerary.add_visit(world, activity_id, "e-axle")
    await itinerary.add_visit(world, activity_id, "e-plain", order=1)
    assert await stops(world, activity_id) == [("e-plain", 1), ("e-parts", 2), ("e-axle", 3)]
    await itinerary.move_visit(world, activity_id, "e-plain", order=3)
    assert await stops(world, activity_id) == [("e-parts", 1), ("e-axle", 2), ("e-plain", 3)]
    await itinerary.remove_visit(world, activity_id, "e-parts")
    assert await stops(world, activity_id) == [("e-axle", 1), ("e-plain", 2)]
    with pytest.raises(DomainError) as caught:
        await itinerary.add_visit(world, activity_id, "e-axle")
    assert caught.value.code is ErrorCode.DUPLICATE
    with pytest.raises(DomainError) as caught:
        await itinerary.remove_visit(world, activity_id, "e-parts")
    assert caught.value.code is ErrorCode.NOT_FOUND
    with pytest.raises(DomainError) as caught:
        await itinerary.move_visit(world, activity_id, "e-axle", order=0)
    assert caught.value.field == "order"
    rows = await world.read("MATCH ()-[v:VISITS]->() RETURN v.day AS day")
    assert {r["day"] for r in rows} == {D(2024, 5, 6)}  # default: the first day


async def test_concurrent_edits_lose_nothing(world: Database) -> None:
    """Many planners at once on one activity: every participant and visit is kept, and the
    itinerary's order stays 1..n (the activity lock serialises the writes)."""
    deputies = [f"d-x{i}" for i in range(12)]
    enterprises = [f"e-x{i}" for i in range(12)]
    await load_dataset(
        world,
        {
            "nodes": {
                "Deputy": [{"id": d, "name": f"代表{d}", "source": "user"} for d in deputies],
                "Enterprise": [
                    {"id": e, "name": f"企业{e}", "source": "user"} for e in enterprises
                ],
            }
        },
    )
    activity = (await plans.create_activity(world, trip())).activity
    await asyncio.gather(
        *(itinerary.add_participant(world, activity["id"], d) for d in deputies),
        *(itinerary.add_visit(world, activity["id"], e) for e in enterprises),
    )
    rows = await world.read(
        "MATCH (a:Activity {id: $id}) RETURN COUNT { (a)<-[:TAKES_PART]-() } AS p, a.version AS v",
        id=activity["id"],
    )
    assert rows == [{"p": 12, "v": 25}]
    assert sorted(o for _, o in await stops(world, activity["id"])) == list(range(1, 13))
    assert {e for e, _ in await stops(world, activity["id"])} == set(enterprises)


# --- suggestions -------------------------------------------------------------------------------


async def test_suggest_trip(world: Database) -> None:
    busy = await planned(world, D(2024, 6, 3), D(2024, 6, 4))  # d-conv and d-mem1 are busy
    await itinerary.add_visit(world, busy, "e-axle", D(2024, 6, 3))
    free = await reads.suggest_trip(world, "C36", D(2024, 7, 1), D(2024, 7, 2))
    assert [c["id"] for c in free.committees] == ["cm-fin"]
    assert [g["id"] for g in free.groups] == ["g-auto"]
    assert [(d["id"], d["rank"]) for d in free.invitees] == [
        ("d-conv", 0),
        ("d-mem1", 1),
        ("d-mem2", 1),
        ("d-cmte", 2),
    ]
    # Never-visited first, then the least recently visited; e-plain is in no alliance and
    # employs no deputy, so it is no candidate.
    assert [(e["id"], e["lastVisited"]) for e in free.enterprises] == [
        ("e-parts", None),
        ("e-axle", D(2024, 6, 3)),
    ]
    clash = await reads.suggest_trip(world, "C", D(2024, 6, 4), D(2024, 6, 4))
    assert {g["id"] for g in clash.groups} == {"g-auto", "g-food"}
    assert {c["id"] for c in clash.committees} == {"cm-fin", "cm-law"}
    assert {d["id"] for d in clash.invitees} == {"d-mem2", "d-cmte", "d-food"}
    assert clash.invitees[0]["id"] == "d-food"  # the only free convener


async def test_suggest_trip_bad_input(world: Database) -> None:
    with pytest.raises(DomainError) as caught:
        await reads.suggest_trip(world, "C99", D(2024, 7, 1), D(2024, 7, 2))
    assert caught.value.code is ErrorCode.NOT_FOUND
    with pytest.raises(DomainError) as caught:
        await reads.suggest_trip(world, "C36", D(2024, 7, 2), D(2024, 7, 1))
    assert caught.value.code is ErrorCode.INVALID
    empty = await reads.suggest_trip(world, "C3670", D(2024, 7, 1), D(2024, 7, 2))
    assert (empty.groups, empty.invitees) == ([], [])
    assert {e["id"] for e in empty.enterprises} == {"e-parts", "e-axle"}


# --- lists and calendars ---------------------------------------------------------------------


async def test_list_activities_filters(world: Database) -> None:
    may = await planned(world, D(2024, 5, 6), D(2024, 5, 8))
    await itinerary.add_visit(world, may, "e-parts")
    june = (await plans.create_activity(
        world,
        trip(D(2024, 6, 1), D(2024, 6, 1), kind="RESEARCH", industry_code="C13",
             committee_ids=["cm-law"], group_ids=["g-food"]),
    )).activity  # fmt: skip
    await lifecycle.cancel_activity(world, june["id"])

    async def ids(**kw: object) -> list[str]:
        page = await reads.list_activities(world, ActivityFilter(**kw), first=10, offset=0)  # type: ignore[arg-type]
        assert page.total == len(page.rows)
        return [r["id"] for r in page.rows]

    assert await ids() == [may, june["id"]]
    assert await ids(start=D(2024, 5, 8), end=D(2024, 5, 8)) == [may]
    assert await ids(status=["CANCELLED"]) == [june["id"]]
    assert await ids(kind=["RESEARCH"]) == [june["id"]]
    assert await ids(committee_id="cm-fin") == [may]
    assert await ids(group_id="g-food") == [june["id"]]
    assert await ids(deputy_id="d-conv") == [may]
    assert await ids(enterprise_id="e-parts") == [may]
    assert await ids(industry_code="C") == [may, june["id"]]
    assert await ids(industry_code="C13") == [june["id"]]
    page = await reads.list_activities(world, ActivityFilter(), first=1, offset=1)
    assert (page.total, [r["id"] for r in page.rows]) == (2, [june["id"]])
    with pytest.raises(DomainError):
        await reads.list_activities(world, ActivityFilter(status=["LOST"]), first=1, offset=0)


async def test_calendar_feed_leaves_out_cancelled(world: Database) -> None:
    kept = await planned(world)
    await itinerary.add_visit(world, kept, "e-parts")
    dropped = await planned(world, D(2024, 9, 1), D(2024, 9, 1))
    await lifecycle.cancel_activity(world, dropped)
    feed = await reads.calendar_feed(world, "Deputy", "d-conv")
    assert feed.owner_name == "张召集"
    assert [a["id"] for a in feed.activities] == [kept]
    assert [v["name"] for v in feed.activities[0]["visits"]] == ["福瑞汽车零部件有限公司"]
    assert [p["role"] for p in feed.activities[0]["participants"]] == ["LEAD", "MEMBER"]
    group = await reads.calendar_feed(world, "DeputyGroup", "g-food")
    assert group.activities == []
    with pytest.raises(DomainError) as caught:
        await reads.calendar_feed(world, "Deputy", "nobody")
    assert caught.value.code is ErrorCode.NOT_FOUND


# --- demo and synthetic trips --------------------------------------------------------------


async def test_demo_trips(db: Database) -> None:
    # The liaison graph the trips are planned on: the parts before them (the other places'
    # enterprises, added later, are no candidates).
    base = build(PARTS[: PARTS.index(trips_part)])
    part = trips_part(base)
    activities = part["nodes"]["Activity"]
    # The seed's 89 视察调研, and law-enforcement checks on top of them.
    kinds = Counter(a["kind"] for a in activities)
    assert kinds["INSPECTION"] + kinds["RESEARCH"] == TOTAL_TRIPS == 89
    assert kinds["LAW_CHECK"] == LAW_CHECKS > 0 and len(activities) == 89 + LAW_CHECKS
    auto = next(a for a in activities if a["id"] == AUTO_INSPECTION)
    assert (auto["source"], auto["title"]) == ("seed", "汽车专业代表小组集中视察")
    assert (auto["kind"], auto["topic"]) == ("INSPECTION", "招商引资大项目")
    assert {a["source"] for a in activities if a["id"] != AUTO_INSPECTION} == {"illustrative"}
    topics = {"招商引资大项目", "乡村振兴", "安全生产", "职业教育"}  # the seed's four
    assert {a["topic"] for a in activities} == topics
    assert len({a["start"].month for a in activities}) == 12
    assert demo_trips()["nodes"]["Activity"] == activities  # the zero-argument part for PARTS
    await load_dataset(db, merge(base, part))
    rows = await db.read(
        "MATCH (a:Activity) RETURN count(a) AS n, "
        "min(COUNT { (a)<-[:TAKES_PART]-() }) AS fewest, "
        "min(COUNT { (a)-[:VISITS]->() }) AS visits, "
        "count { MATCH (g:DeputyGroup)-[:HOLDS]->() RETURN DISTINCT g } AS groups"
    )
    assert rows[0]["n"] == len(activities) and rows[0]["fewest"] >= 2 and rows[0]["visits"] >= 1
    assert rows[0]["groups"] >= 16
    hard = [
        c
        for found in await conflicts.conflicts_of_many(
            db, TripRules(), [a["id"] for a in activities]
        )
        for c in found
        if c.severity is ConflictSeverity.HARD
    ]
    assert hard == []


def test_synthetic_trips_are_deterministic() -> None:
    from datasets.synthetic.base import synthetic_dataset

    def build(seed: int) -> list[dict[str, object]]:
        chunks = list(synthetic_trips(synthetic_dataset(deputies=300, seed=seed), 120, seed=seed))
        return [row for c in chunks for row in c.get("nodes", {}).get("Activity", [])]

    first = build(3)
    assert len(first) == 120
    assert first == build(3)
    assert first != build(4)
    assert {a["source"] for a in first} == {"synthetic"}
    stream = synthetic_with_trips(deputies=300, seed=3, activities=120)
    assert stream.estimated_rows
    assert [a for c in stream for a in c.get("nodes", {}).get("Activity", [])] == first
