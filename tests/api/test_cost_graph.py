"""The cost limit charges a list no more than the graph can return: its page size, but at most
the largest degree of its relationship (a relationship field) or the number of nodes of its
label (a top-level list). A natural nested query over the liaison graph is answered (in one
statement by the read path); a query that really fans out is still refused, with the cost the
graph's own degrees give."""

from __future__ import annotations

from collections.abc import Callable

from graphql import parse
from neo4j import Driver

from graph.kernel.db import Database
from graph.kernel.degrees import DegreeCache, read_degrees
from graph.kernel.reads import Direction
from graph.kernel.settings import Settings
from schema import schema
from schema.common import fragments_of, operation_of
from schema.cost import MAX_COST, query_cost
from tests.conftest import GraphQLClient
from tests.demo_data import load_demo
from tests.liaison_world import build_world, in_congress, make
from tests.scenarios.test_staff_network import REACH

FANS = """
{ deputies(first: 100) { nodes { groups(first: 100) { nodes { members(first: 100) { nodes {
    groups(first: 100) { nodes { members(first: 50) { totalCount } } } } } } } } } }
"""

DENSE = """
UNWIND range(0, 99) AS i
CREATE (:Deputy {id: 'dense-d' + i, name: '代表' + i, sortKey: 'dai ' + i})
WITH count(*) AS made
UNWIND range(0, 9) AS j
CREATE (g:DeputyGroup {id: 'dense-g' + j, name: '小组' + j, sortKey: 'xiao ' + j})
WITH g
MATCH (d:Deputy)
CREATE (d)-[:MEMBER_OF {role: 'MEMBER'}]->(g)
"""


def page_cost(query: str) -> int:
    """The cost of `query` counting every page in full (as the limit did before)."""
    document = parse(query)
    operation = operation_of(document, None)
    assert operation is not None
    return query_cost(schema._schema, operation, fragments_of(document), {"committee": "财政经济"})


def test_a_natural_query_is_answered_in_one_statement(
    api_with: Callable[[str], GraphQLClient], neo4j_settings: Settings
) -> None:
    load_demo(neo4j_settings)
    assert page_cost(REACH) > MAX_COST  # refused when every page counted in full
    compiled = api_with("compiled")
    response = compiled.post(REACH, {"committee": "财政经济委员会"})
    body = response.json()
    assert "errors" not in body, body
    groups = body["data"]["committees"]["nodes"][0]["groups"]["nodes"]
    assert "生物医药专业代表小组" in {g["name"] for g in groups}
    assert response.headers["x-cypher-round-trips"] == "1"


def test_a_query_that_fans_out_is_refused_with_the_graphs_cost(
    api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    with clean_graph.session(database=neo4j_settings.database) as session:
        session.run(DENSE).consume()
        row = session.run(
            """
            MATCH (d:Deputy) WITH count(d) AS deputies
            MATCH (x:Deputy) WITH deputies, max(COUNT { (x)-[:MEMBER_OF]->(:DeputyGroup) }) AS g
            MATCH (y:DeputyGroup)
            RETURN deputies, g, max(COUNT { (y)<-[:MEMBER_OF]-(:Deputy) }) AS m
            """
        ).single()
    assert row is not None
    d, g, m = min(100, row["deputies"]), min(100, row["g"]), min(100, row["m"])
    expected = d + d * g + d * g * m + d * g * m * g + d * g * m * g * min(50, m)
    errors = api.post(FANS).json()["errors"]
    assert [e["extensions"]["code"] for e in errors] == ["COST_LIMIT"], errors
    assert errors[0]["extensions"]["cost"] == expected
    assert expected < page_cost(FANS)  # the groups' pages hold ten, not a hundred


def test_an_empty_graph_fills_no_page(api: GraphQLClient) -> None:
    body = api.post(FANS).json()
    assert "errors" not in body, body
    assert body["data"]["deputies"]["nodes"] == []


async def test_degrees_are_the_graphs(db: Database) -> None:
    world = await build_world(db)
    degrees = await read_degrees(db)
    assert degrees.count("Committee") == 2
    assert degrees.most_neighbours("LIAISES_WITH", "Committee", "DeputyGroup", Direction.OUT) == 2
    assert degrees.most_neighbours("LIAISES_WITH", "DeputyGroup", "Committee", Direction.IN) == 1
    assert degrees.most_neighbours("GROUP_MEMBER", "DeputyGroup", "Deputy", Direction.IN) == 2
    assert degrees.most_neighbours("ALLIANCE_MEMBER", "Alliance", "Enterprise", Direction.IN) == 1
    assert degrees.most_neighbours("CONTACTS", "Deputy", "Deputy", Direction.OUT) == 0
    # the model has no such relationship: unknown, not zero
    assert degrees.most_neighbours("LIAISES_WITH", "Deputy", "DeputyGroup", Direction.OUT) is None
    assert world.finance


async def test_the_cache_reads_again_after_a_write(db: Database) -> None:
    cache = DegreeCache(ttl=3600)
    world = await build_world(db)
    first = await cache.current(db)
    assert first is not None and first.count("Deputy") == 3
    assert await cache.current(db) is first  # fresh: not read again
    await make(db, "Deputy", "新代表", in_congress("DEPUTY_OF", world.congress))
    assert await cache.current(db) is first  # within its time to live
    cache.stale()  # as after a mutation
    again = await cache.current(db)
    assert again is not None and again.count("Deputy") == 4
