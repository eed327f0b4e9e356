"""The liaison graph layer (graph/liaison/) against the real Neo4j: lists, search, network,
paths, coverage gaps and the write rules, each rejected write leaving the graph unchanged."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import pytest
from neo4j import Driver

from graph.kernel import nodes
from graph.kernel.db import Database, count_round_trips
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.settings import Settings
from graph.liaison import cypher, links, lists, network, paths, reach
from graph.liaison.gaps import coverage_gaps
from graph.liaison.links import LinkSpec
from graph.liaison.lists import ListFilter
from tests.digest import graph_digest
from tests.liaison_world import (
    DELIS_USCC,
    World,
    build_world,
    connect,
    in_congress,
    industry,
    make,
)


@pytest.fixture
async def world(db: Database) -> World:
    return await build_world(db)


@pytest.fixture
def unchanged(clean_graph: Driver, neo4j_settings: Settings) -> Any:
    """`await unchanged(work, CODE)`: the write fails with CODE and the graph is as before."""

    async def check(work: Awaitable[Any], code: ErrorCode) -> DomainError:
        before = graph_digest(clean_graph, neo4j_settings.database)
        with pytest.raises(DomainError) as caught:
            await work
        assert caught.value.code is code, caught.value.message
        assert graph_digest(clean_graph, neo4j_settings.database) == before
        return caught.value

    return check


def names(rows: list[dict[str, Any]]) -> list[str]:
    return [row["name"] for row in rows]


# --- lists -----------------------------------------------------------------------------------


async def test_list_filters_by_name_case_insensitively(db: Database) -> None:
    for name in ("Qingdao Tea Alliance", "青岛TEA联盟", "山东预制菜产业联盟"):
        await make(db, "Alliance", name)
    page = await lists.list_nodes(
        db, "Alliance", ListFilter(name_contains="tea"), first=10, offset=0
    )
    assert page.total == 2
    assert sorted(names(page.rows)) == ["Qingdao Tea Alliance", "青岛TEA联盟"]


async def test_list_filters_by_industry_including_its_sub_tree(db: Database, world: World) -> None:
    manufacturing = await lists.list_nodes(
        db, "DeputyGroup", ListFilter(industry_code="c"), first=10, offset=0
    )
    food_only = await lists.list_nodes(
        db, "DeputyGroup", ListFilter(industry_code="C14"), first=10, offset=0
    )
    committees = await lists.list_nodes(
        db, "Committee", ListFilter(industry_code="C27"), first=10, offset=0
    )
    industries = await lists.list_nodes(
        db, "Industry", ListFilter(industry_code="C14"), first=10, offset=0
    )
    assert names(manufacturing.rows) == ["生物医药专业代表小组", "预制菜专业代表小组"]
    assert names(food_only.rows) == ["预制菜专业代表小组"]
    assert names(committees.rows) == ["财政经济委员会"]
    assert sorted(row["code"] for row in industries.rows) == ["C14", "C143"]


async def test_list_filters_by_congress(db: Database, world: World) -> None:
    here = await lists.list_nodes(
        db, "DeputyGroup", ListFilter(congress_id=world.congress), first=10, offset=0
    )
    there = await lists.list_nodes(
        db, "DeputyGroup", ListFilter(congress_id=world.other_congress), first=10, offset=0
    )
    alliances = await lists.list_nodes(
        db, "Alliance", ListFilter(congress_id=world.congress), first=10, offset=0
    )
    assert here.total == 2
    assert names(there.rows) == ["茶产业专业代表小组"]
    assert names(alliances.rows) == ["山东预制菜产业联盟"]


async def test_lists_sort_by_pinyin(db: Database) -> None:
    for name in ("郑州市人大", "重庆市人大", "安市人大", "北京市人大"):
        await make(db, "Congress", name, level="CITY")
    page = await lists.list_nodes(db, "Congress", ListFilter(), first=10, offset=0)
    assert names(page.rows) == ["安市人大", "北京市人大", "重庆市人大", "郑州市人大"]


async def test_list_pages_with_offset_and_total(db: Database) -> None:
    for name in ("一号联盟", "二号联盟", "三号联盟", "四号联盟", "五号联盟"):
        await make(db, "Alliance", name)
    whole = await lists.list_nodes(db, "Alliance", ListFilter(), first=5, offset=0)
    page = await lists.list_nodes(db, "Alliance", ListFilter(), first=2, offset=2)
    tail = await lists.list_nodes(db, "Alliance", ListFilter(), first=2, offset=4)
    assert page.total == tail.total == 5
    assert page.rows == whole.rows[2:4]
    assert tail.rows == whole.rows[4:]


@pytest.mark.parametrize(("first", "offset"), [(101, 0), (-1, 0), (10, -1)])
async def test_list_refuses_bad_pages(db: Database, first: int, offset: int) -> None:
    with pytest.raises(DomainError) as caught:
        await lists.list_nodes(db, "Alliance", ListFilter(), first=first, offset=offset)
    assert caught.value.code is ErrorCode.INVALID


# --- search ----------------------------------------------------------------------------------


async def test_search_finds_one_chinese_character(db: Database, world: World) -> None:
    total, hits = await lists.search(db, "茶")
    assert total == 1
    assert (hits[0].label, hits[0].node["name"]) == ("DeputyGroup", "茶产业专业代表小组")


async def test_search_ranks_exact_then_prefix_then_contains(db: Database) -> None:
    for name in ("山东预制菜产业联盟", "预制菜产业联盟", "预制菜"):
        await make(db, "Alliance", name)
    total, hits = await lists.search(db, "预制菜")
    assert total == 3
    assert [(h.node["name"], h.rank) for h in hits] == [
        ("预制菜", 3),
        ("预制菜产业联盟", 2),
        ("山东预制菜产业联盟", 1),
    ]


async def test_search_filters_labels_and_pages(db: Database, world: World) -> None:
    total, hits = await lists.search(db, "预制菜", labels=["Alliance"])
    assert (total, [h.label for h in hits]) == (1, ["Alliance"])
    total, page = await lists.search(db, "专业代表小组", first=1, offset=1)
    assert total == 3 and len(page) == 1


@pytest.mark.parametrize("text", ["*:*", "*", "a AND b", "\\", "(", "~", "/.*/", "name:*"])
async def test_search_treats_lucene_syntax_literally(db: Database, world: World, text: str) -> None:
    total, hits = await lists.search(db, text)
    assert (total, hits) == (0, [])


async def test_search_does_not_obey_operators_in_the_text(db: Database, world: World) -> None:
    # `OR *:*` would match everything if it reached Lucene as syntax; as text it adds nothing,
    # so only the word 预制菜 is left to find.
    for text in ('"预制菜) OR *:*', "预制菜*", "/预制菜/"):
        total, hits = await lists.search(db, text)
        assert sorted(h.node["name"] for h in hits) == ["山东预制菜产业联盟", "预制菜专业代表小组"]
        assert total == 2 and {h.rank for h in hits} == {0}


async def test_search_refuses_empty_text_and_unknown_labels(db: Database) -> None:
    for text, labels in (("  ", None), ("x", ["Migration"])):
        with pytest.raises(DomainError) as caught:
            await lists.search(db, text, labels=labels)
        assert caught.value.code is ErrorCode.INVALID


# --- liaison network -------------------------------------------------------------------------


def drawn(reached: network.Network) -> tuple[set[str], set[tuple[str, str, str]]]:
    nodes = {n.name for n in reached.nodes}
    edges = {(e.source.name, e.type, e.target.name) for e in reached.edges}
    return nodes, edges


async def test_network_depth_one_is_the_committees_groups_and_members(
    db: Database, world: World
) -> None:
    with count_round_trips() as trips:
        reached = await reach.network_from(db, "Committee", world.finance, depth=1)
    nodes, edges = drawn(reached)
    assert nodes == {"财政经济委员会", "预制菜专业代表小组", "生物医药专业代表小组", "郑洪霞"}
    assert ("财政经济委员会", "LIAISES_WITH", "预制菜专业代表小组") in edges
    assert ("郑洪霞", "SITS_ON", "财政经济委员会") in edges
    assert trips.count == 2


async def test_network_depth_three_reaches_enterprises_in_depth_plus_one_trips(
    db: Database, world: World
) -> None:
    with count_round_trips() as trips:
        reached = await reach.network_from(db, "Committee", world.finance, depth=3)
    nodes, edges = drawn(reached)
    assert {"山东预制菜产业联盟", "郑思敏", "李盛林", "得利斯食品有限公司"} <= nodes
    assert "茶产业专业代表小组" not in nodes
    assert ("得利斯食品有限公司", "MEMBER_OF", "山东预制菜产业联盟") in edges
    assert ("李盛林", "MEMBER_OF", "预制菜专业代表小组") in edges
    roles = {
        e.source.name: e.properties.get("role") for e in reached.edges if e.type == "MEMBER_OF"
    }
    assert roles["李盛林"] == "CONVENER"
    assert len(reached.edges) == len(edges)  # no edge twice
    assert trips.count == 4


async def test_network_refuses_unknown_committees_and_bad_depths(
    db: Database, world: World
) -> None:
    with pytest.raises(DomainError) as caught:
        await reach.network_from(db, "Committee", "no-such-committee")
    assert (caught.value.code, caught.value.field) == (ErrorCode.NOT_FOUND, "fromId")
    with pytest.raises(DomainError) as caught:
        await reach.network_from(db, "Committee", world.food)  # a group's id is no committee's
    assert caught.value.code is ErrorCode.NOT_FOUND
    for depth in (0, 5):
        with pytest.raises(DomainError) as caught:
            await reach.network_from(db, "Committee", world.finance, depth=depth)
        assert (caught.value.code, caught.value.field) == (ErrorCode.INVALID, "depth")


async def test_network_too_large_for_one_response_is_refused(
    db: Database, world: World, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    # One group of the finance committee gets more members than a network may hold.
    with clean_graph.session(database=neo4j_settings.database) as session:
        session.run(
            """
            MATCH (g:DeputyGroup {id: $group})
            UNWIND range(1, $count) AS i
            CREATE (:Deputy {id: 'crowd-' + i, name: '代表' + i, source: 'synthetic'})
                   -[:MEMBER_OF {role: 'MEMBER'}]->(g)
            """,
            group=world.food,
            count=reach.MAX_NETWORK_NODES,
        ).consume()
    assert len((await reach.network_from(db, "Committee", world.finance, depth=1)).nodes) < 10
    with pytest.raises(DomainError) as caught:
        await reach.network_from(db, "Committee", world.finance, depth=2)
    assert (caught.value.code, caught.value.field) == (ErrorCode.INVALID, "depth")
    assert str(reach.MAX_NETWORK_NODES) in caught.value.zh


# --- liaison paths ---------------------------------------------------------------------------


async def test_paths_go_committee_group_alliance_enterprise(db: Database, world: World) -> None:
    found = await paths.liaison_paths(
        db, "Committee", world.finance, "Enterprise", world.delis, max_hops=6
    )
    assert len(found) == 1
    assert [n.name for n in found[0].nodes] == [
        "财政经济委员会",
        "预制菜专业代表小组",
        "山东预制菜产业联盟",
        "得利斯食品有限公司",
    ]
    assert [(e.source.name, e.type, e.target.name) for e in found[0].edges] == [
        ("财政经济委员会", "LIAISES_WITH", "预制菜专业代表小组"),
        ("预制菜专业代表小组", "PARTNERS_WITH", "山东预制菜产业联盟"),
        ("得利斯食品有限公司", "MEMBER_OF", "山东预制菜产业联盟"),
    ]


async def test_paths_respect_max_hops(db: Database, world: World) -> None:
    assert (
        await paths.liaison_paths(
            db, "Committee", world.finance, "Enterprise", world.delis, max_hops=2
        )
        == []
    )


async def test_paths_refuse_same_node_unknown_ids_and_bad_hops(db: Database, world: World) -> None:
    cases = [
        (("Committee", world.finance, "Committee", world.finance, 6), ErrorCode.INVALID, "toId"),
        (("Committee", "nope", "Enterprise", world.delis, 6), ErrorCode.NOT_FOUND, "fromId"),
        (("Committee", world.finance, "Enterprise", "nope", 6), ErrorCode.NOT_FOUND, "toId"),
        (("Committee", world.finance, "Enterprise", world.delis, 0), ErrorCode.INVALID, "maxHops"),
        (("Committee", world.finance, "Enterprise", world.delis, 9), ErrorCode.INVALID, "maxHops"),
    ]
    for args, code, fld in cases:
        with pytest.raises(DomainError) as caught:
            await paths.liaison_paths(db, *args)
        assert (caught.value.code, caught.value.field) == (code, fld)


# --- the traversals use the id indexes, not a scan of every node -----------------------------


def _operators(plan: Any) -> set[str]:
    found = {plan["operatorType"].split("@")[0]}
    for child in plan.get("children", []):
        found |= _operators(child)
    return found


def test_traversals_seek_by_label_and_id(clean_graph: Driver, neo4j_settings: Settings) -> None:
    queries: list[tuple[str, dict[str, Any]]] = [
        (reach.MATCH_REACH_STEP, {"frontier": [], "allowed": []}),
        (cypher.MATCH_NODE_NAME["Committee"], {"id": "x"}),
        (
            paths.match_paths(6, 2, "Committee", "Enterprise"),
            {
                "from": "a",
                "to": "b",
                "via": [],
                "links": [],
                "candidates": 1,
                "limit": 1,
                "allowed": [],
            },
        ),
    ]
    with clean_graph.session(database=neo4j_settings.database) as session:
        for query, params in queries:
            plan = session.run("EXPLAIN " + query, params).consume().plan
            assert plan is not None
            assert "AllNodesScan" not in _operators(dict(plan)), query


# --- coverage gaps ---------------------------------------------------------------------------


async def test_coverage_gaps_lists_each_kind_of_hole(db: Database) -> None:
    congress = await make(db, "Congress", "诸城市人民代表大会", level="COUNTY")
    committee = await make(db, "Committee", "财政经济委员会", in_congress("COMMITTEE_OF", congress))
    for code, name in (("C14", "食品制造业"), ("C27", "医药制造业"), ("C36", "汽车制造业")):
        await industry(db, code, name)
    auto = await make(db, "DeputyGroup", "汽车专业代表小组", in_congress("GROUP_OF", congress))
    food = await make(db, "DeputyGroup", "预制菜专业代表小组", in_congress("GROUP_OF", congress))
    tea = await make(db, "DeputyGroup", "茶产业专业代表小组", in_congress("GROUP_OF", congress))
    dishes = await make(db, "Alliance", "预制菜产业联盟")
    pharma = await make(db, "Alliance", "医药产业联盟")
    firm = await make(db, "Enterprise", "某制药公司")
    convener = await make(db, "Deputy", "李盛林", in_congress("DEPUTY_OF", congress))
    await connect(db, "IN_INDUSTRY", ("DeputyGroup", auto), ("Industry", "C36"))
    await connect(db, "IN_INDUSTRY", ("DeputyGroup", food), ("Industry", "C14"))
    await connect(db, "IN_INDUSTRY", ("Alliance", dishes), ("Industry", "C14"))
    await connect(db, "IN_INDUSTRY", ("Alliance", pharma), ("Industry", "C27"))
    await connect(db, "IN_INDUSTRY", ("Enterprise", firm), ("Industry", "C27"))
    for group in (food, tea):
        await connect(db, "LIAISES_WITH", ("Committee", committee), ("DeputyGroup", group))
        await connect(db, "PARTNERS_WITH", ("DeputyGroup", group), ("Alliance", dishes))
    await connect(db, "GROUP_MEMBER", ("Deputy", convener), ("DeputyGroup", food), role="CONVENER")

    gaps = await coverage_gaps(db)

    assert [i["code"] for i in gaps.industries_without_committee] == ["C36"]
    assert [i["code"] for i in gaps.industries_without_group] == ["C27"]
    assert names(gaps.groups_without_committee) == ["汽车专业代表小组"]
    assert names(gaps.groups_without_alliance) == ["汽车专业代表小组"]
    assert names(gaps.alliances_without_group) == ["医药产业联盟"]
    assert names(gaps.groups_without_convener) == ["茶产业专业代表小组", "汽车专业代表小组"]


async def test_coverage_gaps_of_an_empty_graph_are_empty(db: Database) -> None:
    gaps = await coverage_gaps(db)
    lists_of_gaps = [value for value in vars(gaps).values() if isinstance(value, list)]
    assert len(lists_of_gaps) == 9 and all(value == [] for value in lists_of_gaps)


# --- create, update, delete ------------------------------------------------------------------


async def test_create_stores_clean_properties_and_a_pinyin_sort_key(db: Database) -> None:
    row = await nodes.create_node(
        db, "Enterprise", {"name": "  重庆　长安汽车  ", "uscc": DELIS_USCC.lower()}
    )
    assert (row["name"], row["uscc"], row["source"]) == ("重庆 长安汽车", DELIS_USCC, "user")
    assert row["sortKey"].startswith("chong qing")


async def test_names_are_unique_within_a_congress(
    db: Database, world: World, unchanged: Any
) -> None:
    error = await unchanged(
        nodes.create_node(
            db,
            "Committee",
            {"name": "财政经济委员会"},
            [in_congress("COMMITTEE_OF", world.congress)],
        ),
        ErrorCode.DUPLICATE,
    )
    assert (error.field, error.ids) == ("input.name", [world.finance])
    # The same name in another congress is another committee.
    await make(db, "Committee", "财政经济委员会", in_congress("COMMITTEE_OF", world.other_congress))
    # Renaming onto a sibling's name is a duplicate too.
    await unchanged(
        nodes.update_node(db, "Committee", world.agriculture, {"name": "财政经济委员会"}),
        ErrorCode.DUPLICATE,
    )


async def test_create_checks_uscc_industry_codes_names_and_enums(
    db: Database, world: World, unchanged: Any
) -> None:
    wrong_check = DELIS_USCC[:17] + ("0" if DELIS_USCC[17] != "0" else "1")
    cases = [
        ("Enterprise", {"name": "某公司", "uscc": wrong_check}, "input.uscc"),
        ("Enterprise", {"name": "某公司", "uscc": "123"}, "input.uscc"),
        ("Industry", {"name": "某行业", "code": "36C"}, "input.code"),
        ("Industry", {"name": "某行业", "code": "C36999"}, "input.code"),
        ("Alliance", {"name": ""}, "input.name"),
        ("Alliance", {"name": "　 "}, "input.name"),
        ("Alliance", {"name": "联" * 201}, "input.name"),
        ("Alliance", {"name": "a\x00b"}, "input.name"),
        ("Congress", {"name": "某人大", "level": "GALACTIC"}, "input.level"),
    ]
    for label, props, fld in cases:
        error = await unchanged(nodes.create_node(db, label, props), ErrorCode.INVALID)
        assert error.field == fld, (props, error.message)


async def test_create_needs_an_existing_congress(db: Database, unchanged: Any) -> None:
    error = await unchanged(
        nodes.create_node(
            db, "Committee", {"name": "财政经济委员会"}, [in_congress("COMMITTEE_OF", "nope")]
        ),
        ErrorCode.NOT_FOUND,
    )
    assert error.field == "input.congressId"


async def test_duplicate_uscc_and_industry_code(db: Database, world: World, unchanged: Any) -> None:
    await unchanged(
        nodes.create_node(db, "Enterprise", {"name": "另一家公司", "uscc": DELIS_USCC}),
        ErrorCode.DUPLICATE,
    )
    await unchanged(
        nodes.create_node(db, "Industry", {"name": "另一个制造业", "code": "C"}),
        ErrorCode.DUPLICATE,
    )


async def test_update_changes_only_what_is_given(db: Database, world: World) -> None:
    row = await nodes.update_node(db, "Congress", world.congress, {"region": "山东省诸城市"})
    assert (row["name"], row["region"], row["level"]) == (
        "诸城市人民代表大会",
        "山东省诸城市",
        "COUNTY",
    )
    renamed = await nodes.update_node(db, "Alliance", world.alliance, {"name": "重庆预制菜联盟"})
    assert renamed["sortKey"].startswith("chong qing")


async def test_update_of_an_unknown_node_names_the_input_id(db: Database, unchanged: Any) -> None:
    error = await unchanged(
        nodes.update_node(db, "Alliance", "nope", {"name": "x"}), ErrorCode.NOT_FOUND
    )
    assert error.field == "input.id"


async def test_delete_is_refused_while_others_point_at_the_node(
    db: Database, world: World, unchanged: Any
) -> None:
    error = await unchanged(nodes.delete_node(db, "DeputyGroup", world.food), ErrorCode.CONFLICT)
    assert "2 Deputy via MEMBER_OF" in error.en
    assert "1 Committee via LIAISES_WITH" in error.en
    assert "1 Alliance via PARTNERS_WITH" in error.en
    assert "2 个代表" in error.zh and "cascade" in error.zh
    congress = await unchanged(
        nodes.delete_node(db, "Congress", world.congress), ErrorCode.CONFLICT
    )
    assert "Committee via COMMITTEE_OF" in congress.en


async def test_a_node_s_own_placement_does_not_hold_it(db: Database, world: World) -> None:
    # A committee belongs to its congress; that alone is no reason to refuse deleting it.
    assert await nodes.delete_node(db, "Committee", world.agriculture) == world.agriculture
    await industry(db, "C36", "汽车制造业", "C")
    assert await nodes.delete_node(db, "Industry", "C36") == "C36"
    # ... but an industry with children is held by them.
    with pytest.raises(DomainError) as caught:
        await nodes.delete_node(db, "Industry", "C14")
    assert caught.value.code is ErrorCode.CONFLICT


async def test_cascade_unlinks_but_keeps_the_neighbours(
    db: Database, world: World, clean_graph: Driver
) -> None:
    await nodes.delete_node(db, "DeputyGroup", world.food, cascade=True)
    with clean_graph.session() as session:
        left = session.run(
            "MATCH (n) WHERE n.id IN $ids RETURN n.id AS id",
            ids=[world.food, world.finance, world.alliance, world.zheng, world.li],
        ).value()
    assert sorted(left) == sorted([world.finance, world.alliance, world.zheng, world.li])


async def test_delete_of_an_unknown_node_is_not_found(db: Database, unchanged: Any) -> None:
    error = await unchanged(nodes.delete_node(db, "Alliance", "nope"), ErrorCode.NOT_FOUND)
    assert error.field == "id"


# --- link and unlink -------------------------------------------------------------------------


def spec(rel_key: str, start: tuple[str, str], end: tuple[str, str], **props: Any) -> LinkSpec:
    return LinkSpec(rel_key, start[0], start[1], end[0], end[1], props)


async def test_a_link_cannot_be_made_twice(db: Database, world: World, unchanged: Any) -> None:
    error = await unchanged(
        links.link(
            db, spec("LIAISES_WITH", ("Committee", world.finance), ("DeputyGroup", world.food))
        ),
        ErrorCode.DUPLICATE,
    )
    assert error.ids == [world.finance, world.food]


async def test_a_group_has_one_convener(db: Database, world: World, unchanged: Any) -> None:
    error = await unchanged(
        links.link(
            db,
            spec(
                "GROUP_MEMBER", ("Deputy", world.hong), ("DeputyGroup", world.food), role="CONVENER"
            ),
        ),
        ErrorCode.CONFLICT,
    )
    assert (error.field, error.ids) == ("role", [world.li])
    assert "李盛林" in error.zh
    # Another group may have her as convener.
    await links.link(
        db,
        spec("GROUP_MEMBER", ("Deputy", world.hong), ("DeputyGroup", world.bio), role="CONVENER"),
    )


async def test_member_roles_are_checked(db: Database, world: World, unchanged: Any) -> None:
    error = await unchanged(
        links.link(
            db,
            spec("GROUP_MEMBER", ("Deputy", world.hong), ("DeputyGroup", world.bio), role="BOSS"),
        ),
        ErrorCode.INVALID,
    )
    assert error.field == "role"


async def test_a_deputy_has_one_employer(db: Database, world: World, unchanged: Any) -> None:
    other = await make(db, "Enterprise", "另一家公司")
    await links.link(db, spec("WORKS_AT", ("Deputy", world.zheng), ("Enterprise", world.delis)))
    error = await unchanged(
        links.link(db, spec("WORKS_AT", ("Deputy", world.zheng), ("Enterprise", other))),
        ErrorCode.CONFLICT,
    )
    assert error.ids == [world.delis]


async def test_the_industry_tree_has_no_cycles(db: Database, world: World, unchanged: Any) -> None:
    error = await unchanged(
        links.link(db, spec("PART_OF", ("Industry", "C"), ("Industry", "C143"))),
        ErrorCode.INVALID,
    )
    assert error.field == "toId"
    await unchanged(
        links.link(db, spec("PART_OF", ("Industry", "C143"), ("Industry", "C27"))),
        ErrorCode.CONFLICT,  # it already has a parent
    )


async def test_a_deputy_cannot_contact_themselves(
    db: Database, world: World, unchanged: Any
) -> None:
    await unchanged(
        links.link(db, spec("CONTACTS", ("Deputy", world.li), ("Deputy", world.li))),
        ErrorCode.INVALID,
    )
    await links.link(db, spec("CONTACTS", ("Deputy", world.li), ("Deputy", world.zheng)))


async def test_links_need_both_ends(db: Database, world: World, unchanged: Any) -> None:
    error = await unchanged(
        links.link(db, spec("LIAISES_WITH", ("Committee", world.finance), ("DeputyGroup", "x"))),
        ErrorCode.NOT_FOUND,
    )
    assert error.field == "toId"
    # A committee's id is not a group's, even though both are ids: the error says so.
    error = await unchanged(
        links.link(
            db,
            spec("LIAISES_WITH", ("Committee", world.finance), ("DeputyGroup", world.agriculture)),
        ),
        ErrorCode.INVALID,
    )
    assert error.field == "toId"
    assert "is a Committee, not a DeputyGroup" in error.en


async def test_unlink_removes_the_link_and_only_the_link(db: Database, world: World) -> None:
    link = spec("PARTNERS_WITH", ("DeputyGroup", world.food), ("Alliance", world.alliance))
    await links.unlink(db, link)
    gaps = await coverage_gaps(db)
    assert "预制菜专业代表小组" in names(gaps.groups_without_alliance)
    assert "山东预制菜产业联盟" in names(gaps.alliances_without_group)


async def test_unlink_of_a_missing_link_is_not_found(
    db: Database, world: World, unchanged: Any
) -> None:
    error = await unchanged(
        links.unlink(
            db, spec("PARTNERS_WITH", ("DeputyGroup", world.bio), ("Alliance", world.alliance))
        ),
        ErrorCode.NOT_FOUND,
    )
    assert error.ids == [world.bio, world.alliance]


def test_only_caseless_name_filters_take_the_text_index() -> None:
    """Text without cased letters matches the same with or without lower-casing, so it may use
    the TEXT index (n.name CONTAINS); anything else is compared in lower case."""
    caseless = lists.caseless
    assert caseless("预制菜") and caseless("诸城 2024") and caseless("")
    assert not caseless("Co") and not caseless("ｃｏ") and not caseless("İ")
    assert not caseless("e\u0301")  # a combining mark: lower-casing İ yields one
    assert ListFilter(name_contains="汽车").variant()[0] == cypher.NAME_CASELESS
    assert ListFilter(name_contains="BYD").variant()[0] == cypher.NAME_FOLDED
