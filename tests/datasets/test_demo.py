"""The Zhucheng demo dataset: it loads, idempotently, and carries the seed's facts."""

from __future__ import annotations

from collections import Counter

from datasets.demo import compose as demo
from datasets.demo.industries import INDUSTRIES
from datasets.rows import make_uscc
from graph.kernel.dataset import validate
from graph.kernel.db import Database
from graph.kernel.loading import is_empty, load_dataset
from graph.kernel.model import DEPUTY_CATEGORIES, INDUSTRY_CODE, uscc_problem
from tests.graph.test_loading import counts, snapshot

SEED_GROUPS = {"汽车", "服装纺织", "智能装备", "生物医药", "文旅融合", "预制菜", "茶产业"}


def group_names(rows: list[dict[str, object]]) -> set[str]:
    return {str(r["name"]).removesuffix("专业代表小组") for r in rows}


async def test_demo_loads_every_row_and_twice_changes_nothing(db: Database) -> None:
    dataset = demo.demo_dataset()
    rows = validate(dataset)
    node_rows = sum(len(r) for r in dataset["nodes"].values())
    stats = await load_dataset(db, dataset)
    assert stats.nodes + stats.relationships == rows
    # Ids are unique, so every row is its own node / relationship.
    assert await counts(db) == (node_rows, rows - node_rows)
    first = await snapshot(db)
    assert not await is_empty(db)
    await load_dataset(db, demo.demo_dataset())
    assert await snapshot(db) == first


async def test_seed_facts(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    groups = await db.read(
        "MATCH (g:DeputyGroup)-[:GROUP_OF]->(c:Congress {id: 'zc-congress'}) "
        "WHERE c.name = '诸城市人民代表大会' AND c.level = 'COUNTY' "
        "RETURN g.name AS name, g.source AS source"
    )
    assert len(groups) == 18
    assert group_names([g for g in groups if g["source"] == "seed"]) == SEED_GROUPS

    convener = await db.read(
        "MATCH (d:Deputy)-[:MEMBER_OF {role: 'CONVENER'}]->(g:DeputyGroup) "
        "WHERE g.name STARTS WITH '文旅融合' RETURN d.name AS name, d.gender AS gender"
    )
    assert convener == [{"name": "刘淑刚", "gender": "FEMALE"}]

    members = await db.read(
        "MATCH (d:Deputy)-[:MEMBER_OF]->(g:DeputyGroup) WHERE d.source = 'seed' "
        "RETURN d.name AS deputy, g.name AS group"
    )
    assert {(m["deputy"], m["group"].removesuffix("专业代表小组")) for m in members} == {
        ("刘淑刚", "文旅融合"),
        ("郑思敏", "预制菜"),
        ("李盛林", "预制菜"),
        ("郑洪霞", "智能装备"),
    }

    biomed = await db.read(
        "MATCH (c:Committee)-[:LIAISES_WITH]->(g:DeputyGroup {name: '生物医药专业代表小组'}) "
        "RETURN c.name AS name"
    )
    assert biomed == [{"name": "财政经济委员会"}]

    alliance = await db.read(
        "MATCH (g:DeputyGroup)-[:PARTNERS_WITH]->(a:Alliance {name: '山东预制菜产业联盟'}) "
        "RETURN g.name AS group, a.source AS source"
    )
    assert alliance == [{"group": "预制菜专业代表小组", "source": "seed"}]

    bead_wire = await db.read(
        "MATCH (d:Deputy {name: '郑洪霞'})-[:WORKS_AT]->(e:Enterprise)-[:IN_INDUSTRY]->(i) "
        "RETURN d.expertise AS expertise, e.source AS source, i.code AS code, "
        "EXISTS { (i)-[:PART_OF*0..]->(:Industry)<-[:IN_INDUSTRY]-"
        "(:DeputyGroup {name: '智能装备专业代表小组'}) } AS inGroupIndustries"
    )
    assert len(bead_wire) == 1
    assert "胎圈钢丝" in bead_wire[0]["expertise"] and "36个国家" in bead_wire[0]["expertise"]
    assert bead_wire[0]["source"] == "illustrative"  # the company name is invented
    assert bead_wire[0]["code"] == "C3340" and bead_wire[0]["inGroupIndustries"]


async def test_every_node_says_where_it_comes_from(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    sources = await db.read(
        "MATCH (n) WHERE NOT n:Migration RETURN n.source AS source, count(*) AS n"
    )
    assert {r["source"] for r in sources} == {"seed", "illustrative"}
    # A citizen's contact is never listed by name: it has no sort key.
    missing = await db.read(
        "MATCH (n) WHERE NOT n:Migration AND (n.id IS NULL OR n.name IS NULL "
        "OR (n.sortKey IS NULL AND NOT n:Contact)) RETURN count(n) AS n"
    )
    assert missing == [{"n": 0}]


async def test_enterprises_have_valid_unique_usccs(db: Database) -> None:
    enterprises = demo.demo_dataset()["nodes"]["Enterprise"]
    usccs = [row["uscc"] for row in enterprises]
    assert usccs and all(uscc_problem(u) is None for u in usccs), usccs
    # Each place's enterprises carry its region code: 诸城 370782, 仪征 321081, 安庆 340800.
    regions = {"zc": "370782", "yz": "321081", "aq": "340800"}
    assert all(r["uscc"][2:8] == regions[r["id"].split("-")[0]] for r in enterprises)
    assert len(set(usccs)) == len(usccs)
    await load_dataset(db, demo.demo_dataset())
    stored = await db.read("MATCH (e:Enterprise) RETURN e.uscc AS uscc")
    assert sorted(r["uscc"] for r in stored) == sorted(usccs)


def test_make_uscc_is_valid_and_distinct() -> None:
    codes = [make_uscc("370782", n) for n in range(5000)]
    assert len(set(codes)) == len(codes)
    assert all(uscc_problem(c) is None for c in codes)


async def test_industry_tree(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    industries = await db.read("MATCH (i:Industry) RETURN i.id AS id, i.code AS code")
    assert len(industries) == len(INDUSTRIES)
    assert all(INDUSTRY_CODE.match(i["code"]) and i["id"] == f"ind-{i['code']}" for i in industries)
    cycles = await db.read("MATCH p = (i:Industry)-[:PART_OF*]->(i) RETURN count(p) AS n")
    assert cycles == [{"n": 0}]
    # Each code hangs under the code it extends, exactly once; sections are the roots.
    edges = await db.read(
        "MATCH (i:Industry) OPTIONAL MATCH (i)-[:PART_OF]->(p:Industry) "
        "RETURN i.code AS code, collect(p.code) AS parents"
    )
    for edge in edges:
        if len(edge["code"]) == 1:
            assert edge["parents"] == []
        else:
            assert len(edge["parents"]) == 1 and edge["code"].startswith(edge["parents"][0])
    every_root = await db.read(
        "MATCH (i:Industry) WHERE NOT (i)-[:PART_OF*0..]->(:Industry {code: left(i.code, 1)}) "
        "RETURN i.code AS code"
    )
    assert every_root == []
    assert {"C1391", "C1530", "C36", "C27", "R90"} <= {i["code"] for i in industries}
    # Every group, alliance and enterprise is placed in the tree.
    unplaced = await db.read(
        "MATCH (n) WHERE (n:DeputyGroup OR n:Alliance OR n:Enterprise) "
        "AND NOT (n)-[:IN_INDUSTRY]->(:Industry) RETURN n.name AS name"
    )
    assert unplaced == []


async def test_shape_and_deliberate_gaps(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    deputies = await db.read("MATCH (d:Deputy) RETURN d.category AS category")
    assert 60 <= len(deputies) <= 90
    assert set(Counter(d["category"] for d in deputies)) <= set(DEPUTY_CATEGORIES)

    idle = await db.read(
        "MATCH (c:Committee) WHERE NOT (c)-[:LIAISES_WITH]->() RETURN c.name AS name"
    )
    assert idle == []
    unliaised = await db.read(
        "MATCH (g:DeputyGroup) WHERE NOT ()-[:LIAISES_WITH]->(g) RETURN g.name AS name"
    )
    assert group_names(unliaised) == {"物流", "电子信息"}
    no_alliance = await db.read(
        "MATCH (g:DeputyGroup) WHERE NOT (g)-[:PARTNERS_WITH]->() RETURN g.name AS name"
    )
    assert group_names(no_alliance) == {"商贸服务"}
    lonely = await db.read(
        "MATCH (a:Alliance) WHERE NOT ()-[:PARTNERS_WITH]->(a) RETURN a.name AS name"
    )
    assert lonely == [{"name": "诸城市跨境电商产业联盟"}]
    conveners = await db.read(
        "MATCH (g:DeputyGroup) "
        "RETURN g.name AS name, COUNT { (g)<-[:MEMBER_OF {role: 'CONVENER'}]-() } AS n"
    )
    assert {group_names([c]).pop(): c["n"] for c in conveners if c["n"] != 1} == {"建筑建材": 0}

    levels = await db.read(
        "MATCH (d:Deputy)-[r:DEPUTY_OF]->(c:Congress) WITH d, collect(r.level) AS levels "
        "WHERE size(levels) > 1 RETURN d.name AS name, levels"
    )
    assert len(levels) >= 3
    # 诸城 (county level), 潍坊 (a city) and 山东 (the province): one deputy sits at all three.
    assert any(sorted(r["levels"]) == ["CITY", "COUNTY", "PROVINCIAL"] for r in levels)
    entrepreneurs = await db.read(
        "MATCH (d:Deputy {category: 'ENTERPRISE'}) WHERE NOT (d)-[:WORKS_AT]->() "
        "RETURN d.name AS name"
    )
    assert entrepreneurs == []
