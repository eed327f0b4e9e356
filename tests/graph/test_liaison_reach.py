"""The network around any entity of the third link, and paths that must pass through kinds of
node or relationship, k at a time (graph/liaison/reach.py, graph/liaison/paths.py)."""

from __future__ import annotations

import pytest

from graph.kernel.db import Database, count_round_trips
from graph.kernel.errors import DomainError, ErrorCode
from graph.liaison import paths, reach
from graph.liaison.vocab import PathLink, PathNode
from tests.liaison_world import World, build_world, connect


@pytest.fixture
async def world(db: Database) -> World:
    return await build_world(db)


def names(network: reach.Network) -> set[str]:
    return {n.name for n in network.nodes}


async def test_a_network_starts_from_an_alliance(db: Database, world: World) -> None:
    one = await reach.network_from(db, "Alliance", world.alliance, depth=1)
    assert names(one) == {"山东预制菜产业联盟", "预制菜专业代表小组", "得利斯食品有限公司"}
    with count_round_trips() as trips:
        two = await reach.network_from(db, "Alliance", world.alliance, depth=2)
    assert names(two) == names(one) | {"财政经济委员会", "郑思敏", "李盛林"}
    assert trips.count == 3  # the start, then one per level
    edges = {(e.source.name, e.type, e.target.name) for e in two.edges}
    assert ("财政经济委员会", "LIAISES_WITH", "预制菜专业代表小组") in edges
    assert len(two.edges) == len(edges)  # no edge twice
    three = await reach.network_from(db, "Alliance", world.alliance, depth=3)
    assert {"生物医药专业代表小组", "郑洪霞"} <= names(three)
    assert "茶产业专业代表小组" not in names(three)


async def test_a_network_starts_from_a_group_a_deputy_or_an_enterprise(
    db: Database, world: World
) -> None:
    group = await reach.network_from(db, "DeputyGroup", world.food, depth=1)
    assert names(group) == {
        "预制菜专业代表小组",
        "财政经济委员会",
        "山东预制菜产业联盟",
        "郑思敏",
        "李盛林",
    }
    deputy = await reach.network_from(db, "Deputy", world.hong, depth=2)
    assert names(deputy) == {
        "郑洪霞",
        "财政经济委员会",
        "预制菜专业代表小组",
        "生物医药专业代表小组",
    }
    firm = await reach.network_from(db, "Enterprise", world.delis, depth=1)
    assert names(firm) == {"得利斯食品有限公司", "山东预制菜产业联盟"}


async def test_an_industry_starts_a_network_but_is_never_crossed(
    db: Database, world: World
) -> None:
    one = await reach.network_from(db, "Industry", "C143", depth=1)
    assert names(one) == {
        "方便食品制造",
        "预制菜专业代表小组",
        "山东预制菜产业联盟",
        "得利斯食品有限公司",
    }
    assert {e.type for e in one.edges} == {"IN_INDUSTRY"}
    two = await reach.network_from(db, "Industry", "C143", depth=2)
    assert names(two) == names(one) | {"财政经济委员会", "郑思敏", "李盛林"}
    assert {"食品制造业", "制造业"}.isdisjoint(names(two))  # not up the tree
    # a group's industry is not a step: the biomedicine group's network has no industry
    bio = await reach.network_from(db, "DeputyGroup", world.bio, depth=4)
    assert {n.label for n in bio.nodes}.isdisjoint({"Industry", "Congress"})


async def test_a_network_refuses_what_it_cannot_start_from(db: Database, world: World) -> None:
    cases = [
        (("Congress", world.congress), ErrorCode.INVALID),
        (("Proposal", "p1"), ErrorCode.INVALID),
        (("Activity", "a1"), ErrorCode.INVALID),
        (("Alliance", "no-such-alliance"), ErrorCode.NOT_FOUND),
        (("Committee", world.food), ErrorCode.NOT_FOUND),  # a group's id is no committee's
    ]
    for (label, node_id), code in cases:
        with pytest.raises(DomainError) as caught:
            await reach.network_from(db, label, node_id)
        assert (caught.value.code, caught.value.field) == (code, "fromId"), label
    with pytest.raises(DomainError) as caught:
        await reach.network_from(db, "Committee", "nope", field="committeeId")
    assert caught.value.field == "committeeId"


@pytest.fixture
async def roads(db: Database, world: World) -> World:
    """Three roads from the finance committee to 得利斯: through 郑洪霞, who sits on it and works
    there (2 hops); through the group and its alliance (3); through the group and 郑思敏, who
    works there too (3)."""
    await connect(db, "WORKS_AT", ("Deputy", world.hong), ("Enterprise", world.delis))
    await connect(db, "WORKS_AT", ("Deputy", world.zheng), ("Enterprise", world.delis))
    return world


def route(path: reach.Network) -> list[str]:
    return [n.name for n in path.nodes]


HONG = ["财政经济委员会", "郑洪霞", "得利斯食品有限公司"]
ALLIANCE = ["财政经济委员会", "预制菜专业代表小组", "山东预制菜产业联盟", "得利斯食品有限公司"]
ZHENG = ["财政经济委员会", "预制菜专业代表小组", "郑思敏", "得利斯食品有限公司"]


async def test_the_k_shortest_paths_come_shortest_first_then_in_pinyin_order(
    db: Database, roads: World
) -> None:
    ends = ("Committee", roads.finance, "Enterprise", roads.delis)
    assert [route(p) for p in await paths.liaison_paths(db, *ends)] == [HONG]
    found = await paths.liaison_paths(db, *ends, k=3)
    assert [route(p) for p in found] == [HONG, ALLIANCE, ZHENG]  # shan < zheng
    assert [route(p) for p in await paths.liaison_paths(db, *ends, k=2)] == [HONG, ALLIANCE]
    assert len(await paths.liaison_paths(db, *ends, k=10)) == 3  # no more simple paths


async def test_paths_pass_through_the_kinds_asked_for(db: Database, roads: World) -> None:
    ends = ("Committee", roads.finance, "Enterprise", roads.delis)
    via_alliance = await paths.liaison_paths(db, *ends, k=2, via=[PathNode.ALLIANCE])
    assert [route(p) for p in via_alliance] == [ALLIANCE]
    third_link = await paths.liaison_paths(
        db,
        *ends,
        k=5,
        links=[PathLink.LIAISES_WITH, PathLink.PARTNERS_WITH, PathLink.ALLIANCE_MEMBER],
    )
    assert [route(p) for p in third_link] == [ALLIANCE]
    # MEMBER_OF is two relationships: a group's member is no alliance's member
    members = await paths.liaison_paths(db, *ends, k=5, links=[PathLink.GROUP_MEMBER])
    assert [route(p) for p in members] == [ZHENG]
    both = await paths.liaison_paths(db, *ends, k=5, via=[PathNode.DEPUTY_GROUP, PathNode.DEPUTY])
    assert [route(p) for p in both] == [ZHENG]
    assert await paths.liaison_paths(db, *ends, k=5, via=[PathNode.COMMITTEE]) == []


async def test_paths_refuse_a_k_out_of_bounds(db: Database, roads: World) -> None:
    for k in (0, paths.MAX_PATHS + 1):
        with pytest.raises(DomainError) as caught:
            await paths.liaison_paths(
                db, "Committee", roads.finance, "Enterprise", roads.delis, k=k
            )
        assert (caught.value.code, caught.value.field) == (ErrorCode.INVALID, "k")


async def test_a_path_of_one_hop(db: Database, roads: World) -> None:
    found = await paths.liaison_paths(
        db, "Committee", roads.finance, "DeputyGroup", roads.food, max_hops=1, k=2
    )
    assert [route(p) for p in found] == [["财政经济委员会", "预制菜专业代表小组"]]
    assert (
        await paths.liaison_paths(db, "Committee", roads.finance, "Enterprise", roads.delis, 1)
        == []
    )
