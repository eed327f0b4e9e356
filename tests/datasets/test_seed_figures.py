"""The demo says what the seed says: its figures, read from the seed's own words, counted in the
loaded demo graph (real Neo4j, Cypher written here, independent of the dataset's code), and
every seed row's quoted text found verbatim in the seed.

The seed's 诸城 article is kept verbatim in datasets/demo/seed_zhucheng.txt (the seed prints
ASCII commas in Chinese text; the demo writes full-width ones, so the comparison treats the two
alike and ignores line breaks)."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import datasets.demo
from datasets.demo import compose as demo
from datasets.demo.cities import cities_part
from graph.kernel.db import Database
from graph.kernel.loading import load_dataset
from graph.kernel.settings import Settings
from tests.conftest import GraphQLClient
from tests.demo_data import load_demo

ZHUCHENG = "诸城市人民代表大会"
SEED_GROUPS = ("汽车", "服装纺织", "智能装备", "生物医药", "文旅融合", "预制菜", "茶产业")
YEAR = {"from": dt.date(2024, 1, 1), "to": dt.date(2024, 12, 31)}
# What public-interest harm reads like (ecology and environment, food and drug safety, work
# safety, state assets, heritage): the only matters a suggestion may be transferred on.
PUBLIC_INTEREST = ("生态", "环境", "污染", "食品安全", "药品", "安全生产", "国有资产", "遗产")


@cache
def seed_text() -> str:
    return (Path(datasets.demo.__file__).parent / "seed_zhucheng.txt").read_text("utf-8")


def plain(text: str) -> str:
    """`text` without whitespace, with the seed's ASCII commas and the demo's full-width ones
    alike."""
    return re.sub(r"\s+", "", text).replace("，", ",")


def seed_figure(pattern: str) -> int:
    found = re.findall(pattern, plain(seed_text()))
    assert len(found) == 1, (pattern, found)
    return int(found[0])


def test_the_seed_article_gives_the_figures() -> None:
    # Read from the text, so the tests below assert the seed's numbers, not the dataset's.
    assert seed_figure(r"等(\d+)个专业代表小组") == 18
    assert seed_figure(r"进行了(\d+)次视察调研") == 89
    assert seed_figure(r"提出(\d+)多条针对性强的意见建议") == 650
    assert seed_figure(r"加强人才培育等(\d+)条意见建议") == 11


def test_every_seed_row_quotes_the_seed_verbatim() -> None:
    article = plain(seed_text())
    # 诸城's rows: the parts before the other places' (their seed is seed_receptions.txt,
    # tests/datasets/test_demo_receptions.py).
    nodes = demo.build(demo.PARTS[: demo.PARTS.index(cities_part)])["nodes"]
    quotes = [
        (label, row["name"], row[key])
        for label, key in (("DeputyGroup", "description"), ("Activity", "summary"))
        for row in nodes[label]
        if row["source"] == "seed" and row.get(key)
    ]
    # The six groups the seed says something about, and the automotive inspection.
    assert len(quotes) == 7
    for label, name, quote in quotes:
        assert plain(quote) in article, (label, name, quote)
    names = [
        row["name"].removesuffix("专业代表小组")
        for label in ("DeputyGroup", "Deputy", "Committee", "Alliance")
        for row in nodes[label]
        if row["source"] == "seed"
    ]
    people = ("刘淑刚", "郑思敏", "李盛林", "郑洪霞")
    assert sorted(names) == sorted([*SEED_GROUPS, *people, "财政经济委员会", "山东预制菜产业联盟"])
    assert all(name in article for name in names)


async def test_zhucheng_is_a_county_level_congress_with_the_seeds_groups(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    congress = await db.read(
        "MATCH (c:Congress {name: $name}) "
        "RETURN c.level AS level, [(g:DeputyGroup)-[:GROUP_OF]->(c) | g.name] AS groups, "
        "[(d:Deputy)-[s:DEPUTY_OF]->(c) | s.level] AS seats",
        name=ZHUCHENG,
    )
    assert len(congress) == 1
    assert congress[0]["level"] == "COUNTY"
    assert set(congress[0]["seats"]) == {"COUNTY"}
    assert len(congress[0]["groups"]) == seed_figure(r"等(\d+)个专业代表小组")
    assert {f"{g}专业代表小组" for g in SEED_GROUPS} <= set(congress[0]["groups"])


async def test_the_seed_sentences_sit_on_the_right_nodes(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    corn = await db.read(
        "MATCH (n) WHERE n.description CONTAINS '玉米淀粉' OR n.summary CONTAINS '玉米淀粉' "
        "OR n.expertise CONTAINS '玉米淀粉深加工基地' OR n.name CONTAINS '玉米淀粉' "
        "RETURN labels(n) AS labels, n.name AS name, "
        "[(c:Committee)-[:LIAISES_WITH]->(n) | c.name] AS committees, "
        "[(n)-[:IN_INDUSTRY]->(i:Industry) | i.code] AS codes"
    )
    assert [(r["labels"], r["name"], r["committees"]) for r in corn] == [
        (["DeputyGroup"], "生物医药专业代表小组", ["财政经济委员会"])
    ]
    # The group covers what the sentence implies: corn-starch deep processing and medicine.
    covered = await db.read(
        "MATCH (g:DeputyGroup {name: '生物医药专业代表小组'}) UNWIND ['C1391', 'C27'] AS code "
        "RETURN code, EXISTS { (:Industry {code: code})-[:PART_OF*0..]->(:Industry)"
        "<-[:IN_INDUSTRY]-(g) } AS covered"
    )
    assert all(r["covered"] for r in covered) and len(covered) == 2

    # Each seed sentence is about the group that carries it.
    described = await db.read(
        "MATCH (g:DeputyGroup {source: 'seed'}) WHERE g.description IS NOT NULL "
        "RETURN g.name AS name, g.description AS text"
    )
    assert len(described) == 6
    assert all(r["text"].startswith(r["name"]) for r in described), described

    # 郑洪霞's enterprise (bead wire) is in her group's industries.
    bead_wire = await db.read(
        "MATCH (d:Deputy {name: '郑洪霞'})-[:MEMBER_OF]->(g:DeputyGroup), "
        "(d)-[:WORKS_AT]->(:Enterprise)-[:IN_INDUSTRY]->(i:Industry) "
        "RETURN g.name AS group, i.code AS code, "
        "EXISTS { (i)-[:PART_OF*0..]->(:Industry)<-[:IN_INDUSTRY]-(g) } AS covered"
    )
    assert bead_wire == [{"group": "智能装备专业代表小组", "code": "C3340", "covered": True}]

    # Where the seed names who leads a group's work, no invented deputy ranks above them.
    leaders = await db.read(
        "MATCH (g:DeputyGroup) WHERE g.name IN ['预制菜专业代表小组', '智能装备专业代表小组', "
        "'文旅融合专业代表小组'] "
        "RETURN g.name AS group, [(d)-[:MEMBER_OF {role: 'CONVENER'}]->(g) | d.source] AS conveners"
    )
    assert len(leaders) == 3
    assert all(r["conveners"] == ["seed"] for r in leaders), leaders


async def test_the_2024_trips_are_the_seeds_89_across_the_groups(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    rows = await db.read(
        "MATCH (g:DeputyGroup)-[:GROUP_OF]->(:Congress {name: $name}) "
        "OPTIONAL MATCH (g)-[:HOLDS]->(a:Activity) "
        "WHERE a.kind IN ['INSPECTION', 'RESEARCH'] AND $from <= a.start <= $to "
        "RETURN g.name AS group, count(DISTINCT a) AS trips",
        name=ZHUCHENG,
        **YEAR,
    )
    trips = {r["group"].removesuffix("专业代表小组"): r["trips"] for r in rows}
    assert sum(trips.values()) == seed_figure(r"进行了(\d+)次视察调研")
    assert all(trips[g] >= 1 for g in SEED_GROUPS), trips
    # Counted once each: no trip is held by two groups.
    distinct = await db.read(
        "MATCH (:DeputyGroup)-[:HOLDS]->(a:Activity) "
        "WHERE a.kind IN ['INSPECTION', 'RESEARCH'] AND $from <= a.start <= $to "
        "RETURN count(DISTINCT a) AS n",
        **YEAR,
    )
    assert distinct == [{"n": sum(trips.values())}]
    convener = await db.read(
        "MATCH (:Deputy {name: '刘淑刚'})-[:TAKES_PART]->(a:Activity)"
        "<-[:HOLDS]-(:DeputyGroup {name: '文旅融合专业代表小组'}) "
        "WHERE $from <= a.start <= $to RETURN count(a) AS n",
        **YEAR,
    )
    assert convener[0]["n"] >= 1


async def test_the_2024_suggestions_and_the_automotive_inspections_eleven(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    total = await db.read(
        # Raised by one of 诸城's groups, or by a deputy of one of them.
        "MATCH (p:Proposal) WHERE $from <= p.raisedAt <= $to "
        "AND EXISTS { (p)<-[:RAISED]-()-[:MEMBER_OF*0..1]->"
        "(:DeputyGroup)-[:GROUP_OF]->(:Congress {name: $name}) } "
        "RETURN count(p) AS n",
        name=ZHUCHENG,
        **YEAR,
    )
    at_least = seed_figure(r"提出(\d+)多条针对性强的意见建议")
    assert at_least <= total[0]["n"] < at_least + 50  # "650多条"

    inspection = await db.read(
        "MATCH (:DeputyGroup {name: '汽车专业代表小组'})-[:HOLDS]->"
        "(a:Activity {kind: 'INSPECTION', source: 'seed'}) "
        "RETURN a.id AS id, COUNT { (a)<-[:ARISES_FROM]-(:Proposal) } AS suggestions, "
        "COUNT { (a)<-[:ARISES_FROM]-(p:Proposal) WHERE COUNT { (p)<-[:RAISED]-() } = 1 "
        "AND EXISTS { (p)<-[:RAISED]-(:Deputy)-[:TAKES_PART]->(a) } } AS byParticipants"
    )
    eleven = seed_figure(r"加强人才培育等(\d+)条意见建议")
    assert len(inspection) == 1
    assert inspection[0]["suggestions"] == inspection[0]["byParticipants"] == eleven


async def test_transfers_are_public_interest_matters_modelled_on_qingyang(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    transfers = await db.read(
        "MATCH (p:Proposal)-[t:TRANSFERRED_TO]->(u:Unit) "
        "RETURN p.title AS title, p.summary AS summary, u.kind AS unit, "
        "[(p)-[:HAS_EVENT]->(e:ProposalEvent {action: 'TRANSFER'}) | [e.source, e.note]] AS events"
    )
    assert transfers, "the demo shows the mechanism at least once"
    for row in transfers:
        assert any(word in row["title"] for word in PUBLIC_INTEREST), row
        assert row["unit"] == "PROCURATORATE"
        [(source, note)] = row["events"]
        assert source == "illustrative" and "庆阳" in note and "示例" in note, row
    # Every suggestion that says it was transferred has its transfer.
    untracked = await db.read(
        "MATCH (p:Proposal {status: 'TRANSFERRED'}) WHERE NOT (p)-[:TRANSFERRED_TO]->() "
        "RETURN count(p) AS n"
    )
    assert untracked == [{"n": 0}]


CONGRESS = """
query ($congress: String, $group: String) {
  congresses(filter: {nameContains: $congress}) { nodes { name level groups { totalCount } } }
  deputyGroups(filter: {nameContains: $group}) {
    nodes { name description committees { nodes { name } } }
  }
}
"""


def test_through_the_api_zhucheng_is_county_level_and_biomedicine_has_the_corn_starch(
    api: GraphQLClient, neo4j_settings: Settings
) -> None:
    load_demo(neo4j_settings)
    data = api.as_role("VIEWER")(CONGRESS, {"congress": "诸城", "group": "生物医药"})
    [congress] = data["congresses"]["nodes"]
    assert (congress["name"], congress["level"]) == (ZHUCHENG, "COUNTY")
    assert congress["groups"]["totalCount"] == 18
    [biomedicine] = data["deputyGroups"]["nodes"]
    assert biomedicine["name"] == "生物医药专业代表小组"
    assert "目前，诸城已成为全国最大的玉米淀粉深加工基地" in biomedicine["description"]
    assert [c["name"] for c in biomedicine["committees"]["nodes"]] == ["财政经济委员会"]
