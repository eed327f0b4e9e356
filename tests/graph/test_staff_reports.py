"""What committee staff look things up with: search over every named thing (suggestions, trips,
industries by alias) and the coverage gaps of a congress over a period."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.settings import TripRules
from graph.liaison import lists
from graph.liaison.gaps import coverage_gaps, period
from tests.liaison_world import World, build_world, connect, in_congress, make

D = dt.date


@pytest.fixture
async def world(db: Database) -> World:
    return await build_world(db)


def names(rows: list[dict[str, Any]]) -> list[str]:
    return [row["name"] for row in rows]


async def trip(
    db: Database, group: str, title: str, start: dt.date, status: str = "COMPLETED", **props: Any
) -> str:
    activity = await make(
        db,
        "Activity",
        title,
        title=title,
        kind="RESEARCH",
        start=start,
        end=start + dt.timedelta(days=1),
        status=status,
        **props,
    )
    await connect(db, "HOLDS", ("DeputyGroup", group), ("Activity", activity))
    return activity


async def suggestion(db: Database, group: str, title: str, raised: dt.date) -> str:
    proposal = await make(db, "Proposal", title, title=title, raisedAt=raised, groupId=group)
    await connect(db, "RAISED", ("DeputyGroup", group), ("Proposal", proposal))
    return proposal


# --- search ----------------------------------------------------------------------------------


async def test_search_finds_an_industry_by_its_alias_ranked_as_a_name(db: Database) -> None:
    await make(db, "Industry", "速冻食品制造", code="C1432", aliases=["预制菜", "速冻食品"])
    await make(db, "Alliance", "山东预制菜产业联盟")
    total, hits = await lists.search(db, "预制菜")
    assert total == 2
    assert [(h.label, h.node["code"] if h.label == "Industry" else None, h.rank) for h in hits] == [
        ("Industry", "C1432", 3),
        ("Alliance", None, 1),
    ]
    # Found by the full-text index alone (the text has a full stop no word has): rank 0.
    _, words = await lists.search(db, "预制菜。")
    assert {(h.label, h.rank) for h in words} == {("Industry", 0), ("Alliance", 0)}


async def test_search_finds_suggestions_by_title_and_trips_by_title_and_topic(
    db: Database, world: World
) -> None:
    await trip(db, world.food, "预制菜小组专题调研", D(2024, 5, 6), topic="招商引资大项目")
    await suggestion(db, world.food, "关于支持预制菜企业融资的建议", D(2024, 6, 1))
    total, hits = await lists.search(db, "招商引资")
    assert (total, [(h.label, h.rank) for h in hits]) == (1, [("Activity", 2)])
    assert hits[0].node["title"] == "预制菜小组专题调研"
    _, hits = await lists.search(db, "企业融资", labels=["Proposal"])
    assert [h.node["title"] for h in hits] == ["关于支持预制菜企业融资的建议"]
    _, hits = await lists.search(db, "预制菜", labels=["Activity", "Proposal"])
    assert {h.label for h in hits} == {"Activity", "Proposal"}


async def test_search_of_latin_text_matches_any_case(db: Database) -> None:
    await make(db, "Industry", "汽车制造业", code="C36", aliases=["Auto", "汽车"])
    _, hits = await lists.search(db, "AUTO")
    assert [(h.node["code"], h.rank) for h in hits] == [("C36", 3)]


# --- coverage gaps over a period -------------------------------------------------------------


async def test_groups_without_a_trip_or_a_suggestion_in_the_period(
    db: Database, world: World
) -> None:
    await trip(db, world.food, "预制菜专题调研", D(2024, 3, 1))
    await trip(db, world.bio, "生物医药专题视察", D(2023, 12, 1))  # before the period
    await trip(db, world.bio, "取消的视察", D(2024, 4, 1), status="CANCELLED")
    await trip(db, world.bio, "草拟的调研", D(2024, 4, 1), status="DRAFT")
    await suggestion(db, world.bio, "关于延伸生物医药产业链的建议", D(2024, 2, 1))
    await suggestion(db, world.food, "关于预制菜品牌的建议", D(2025, 1, 2))  # after it

    gaps = await coverage_gaps(db, world.congress, D(2024, 1, 1), D(2024, 12, 31))

    assert gaps.congress_id == world.congress
    # The tea group belongs to the other congress: not in this congress's lists.
    assert names(gaps.groups_without_trip) == ["生物医药专业代表小组"]
    assert names(gaps.groups_without_proposal) == ["预制菜专业代表小组"]
    assert names(gaps.groups_without_alliance) == ["生物医药专业代表小组"]
    other = await coverage_gaps(db, world.other_congress, D(2024, 1, 1), D(2024, 12, 31))
    assert names(other.groups_without_trip) == ["茶产业专业代表小组"]
    assert names(other.groups_without_committee) == ["茶产业专业代表小组"]


async def test_enterprises_visited_above_the_planners_cap(db: Database, world: World) -> None:
    quiet = await make(db, "Enterprise", "某茶叶公司")
    days = (D(2024, 5, 1), D(2024, 5, 20), D(2024, 9, 1))
    for i, day in enumerate(days):
        activity = await trip(db, world.food, f"第{i + 1}次走访", day)
        await connect(db, "VISITS", ("Activity", activity), ("Enterprise", world.delis), day=day)
    await connect(db, "VISITS", ("Activity", activity), ("Enterprise", quiet), day=days[-1])

    gaps = await coverage_gaps(db, world.congress, D(2024, 1, 1), D(2024, 12, 31))
    loads = [(names([v.enterprise])[0], v.days, v.peak) for v in gaps.enterprises_over_cap]
    assert loads == [("得利斯食品有限公司", list(days), 2)]
    # A looser cap (two others allowed) clears it; a narrower period leaves one visit.
    looser = await coverage_gaps(
        db, world.congress, D(2024, 1, 1), D(2024, 12, 31), rules=TripRules(visit_cap=2)
    )
    assert looser.enterprises_over_cap == []
    june = await coverage_gaps(db, world.congress, D(2024, 5, 15), D(2024, 6, 30))
    assert june.enterprises_over_cap == []
    # The other congress held none of these trips.
    other = await coverage_gaps(db, world.other_congress, D(2024, 1, 1), D(2024, 12, 31))
    assert other.enterprises_over_cap == []


async def test_the_default_congress_is_the_one_with_groups(db: Database) -> None:
    here = await make(db, "Congress", "诸城市人民代表大会", level="COUNTY")
    await make(db, "Congress", "潍坊市人民代表大会", level="CITY")
    await make(db, "DeputyGroup", "汽车专业代表小组", in_congress("GROUP_OF", here))
    gaps = await coverage_gaps(db)
    assert gaps.congress_id == here
    assert names(gaps.groups_without_trip) == ["汽车专业代表小组"]
    year = dt.date.today().year
    assert (gaps.period.start, gaps.period.end) == (D(year, 1, 1), D(year, 12, 31))


async def test_bad_period_or_congress_is_refused(db: Database, world: World) -> None:
    with pytest.raises(DomainError) as caught:
        await coverage_gaps(db, world.congress, D(2024, 12, 31), D(2024, 1, 1))
    assert (caught.value.code, caught.value.field) == (ErrorCode.INVALID, "to")
    with pytest.raises(DomainError) as caught:
        await coverage_gaps(db, "no-such-congress")
    assert (caught.value.code, caught.value.field) == (ErrorCode.NOT_FOUND, "congressId")
    with pytest.raises(DomainError) as caught:
        await coverage_gaps(db, world.congress, D(1900, 1, 1))
    assert (caught.value.code, caught.value.field) == (ErrorCode.INVALID, "from")


def test_a_period_given_by_one_end_takes_that_year() -> None:
    assert period(D(2024, 3, 1), None) == period(D(2024, 3, 1), D(2024, 12, 31))
    assert period(None, D(2024, 6, 30)).start == D(2024, 1, 1)


async def test_industries_gaps_are_scoped_to_the_congress(db: Database, world: World) -> None:
    gaps = await coverage_gaps(db, world.other_congress, D(2024, 1, 1), D(2024, 12, 31))
    # Only the tea group is the other congress's: its industry has no committee, and the
    # prepared-dish alliance's industry has none of its groups.
    assert [i["code"] for i in gaps.industries_without_committee] == ["A01"]
    assert [i["code"] for i in gaps.industries_without_group] == ["C143"]
