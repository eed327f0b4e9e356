"""The cost limit counts what a query will actually fetch, however `first` or `ids` reach it:
a literal, a variable, a variable's default, an Int sent as a JSON float, a list of ids, a
fragment, aliases. Each row is refused with the exact cost that execution would incur (the
old count took 20 for anything but a literal or an int variable, and 0 for ids), in a graph
that can fill every page (`wide`: a hundred committees, one with a hundred groups, one group
with a hundred committees and a hundred members), since the limit charges no more than the
graph can return (tests/api/test_cost_graph.py)."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from neo4j import Driver

from graph.kernel.settings import Settings
from schema.cost import MAX_COST
from tests.conftest import GraphQLClient

INNER = "groups(first: 100) { nodes { members(first: 100) { totalCount } } }"
# committees(first: 100) with two nested pages of 100: 100 + 100·100 + 100·100·100.
FULL = 100 + 100 * 100 + 100 * 100 * 100
IDS = [base64.b64encode(f"Committee:c{i}".encode()).decode() for i in range(100)]
IDS_LITERAL = "[" + ", ".join(f'"{i}"' for i in IDS) + "]"

WIDE = """
UNWIND range(0, 99) AS i
CREATE (:Committee {id: 'wide-c' + i, name: '委员会' + i, sortKey: 'wei ' + i})
CREATE (:DeputyGroup {id: 'wide-g' + i, name: '小组' + i, sortKey: 'xiao ' + i})
CREATE (:Deputy {id: 'wide-d' + i, name: '代表' + i, sortKey: 'dai ' + i})
WITH count(*) AS made
MATCH (c:Committee {id: 'wide-c0'}), (g:DeputyGroup {id: 'wide-g0'})
UNWIND range(0, 99) AS i
MATCH (other:DeputyGroup {id: 'wide-g' + i}), (d:Deputy {id: 'wide-d' + i})
MATCH (committee:Committee {id: 'wide-c' + i})
MERGE (c)-[:LIAISES_WITH]->(other)
MERGE (committee)-[:LIAISES_WITH]->(g)
CREATE (d)-[:MEMBER_OF {role: 'MEMBER'}]->(g)
"""


@pytest.fixture
def wide(clean_graph: Driver, neo4j_settings: Settings) -> None:
    """A graph whose lists can be full: a hundred committees, one liaising with a hundred
    groups, one group liaising with a hundred committees and having a hundred members."""
    with clean_graph.session(database=neo4j_settings.database) as session:
        session.run(WIDE).consume()


pytestmark = pytest.mark.usefixtures("wide")

# (query, variables, cost)
BYPASSES: dict[str, tuple[str, dict[str, Any], int]] = {
    "literal": ("{ committees(first: 100) { nodes { " + INNER + " } } }", {}, FULL),
    "variable": (
        "query($n: Int) { committees(first: $n) { nodes { " + INNER + " } } }",
        {"n": 100},
        FULL,
    ),
    "variable default": (
        "query($n: Int = 100) { committees(first: $n) { nodes { " + INNER + " } } }",
        {},
        FULL,
    ),
    "variable default on a nested list": (
        "query($n: Int = 100) { committees(first: 100) { nodes { groups(first: $n) "
        "{ nodes { members(first: $n) { totalCount } } } } } }",
        {},
        FULL,
    ),
    "Int variable sent as a float": (
        "query($n: Int) { committees(first: $n) { nodes { " + INNER + " } } }",
        {"n": 100.0},
        FULL,
    ),
    "non-null variable with a default": (
        "query($n: Int! = 100) { committees(first: $n) { nodes { " + INNER + " } } }",
        {},
        FULL,
    ),
    "list of ids, as a variable": (
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Committee { " + INNER + " } } }",
        {"ids": IDS},
        FULL,
    ),
    "list of ids, literal": (
        "{ nodes(ids: " + IDS_LITERAL + ") { ... on Committee { " + INNER + " } } }",
        {},
        FULL,
    ),
    "fragment with a defaulted variable": (
        "query($n: Int = 100) { committees(first: $n) { ...C } }"
        " fragment C on CommitteeConnection { nodes { " + INNER + " } }",
        {},
        FULL,
    ),
    "aliases": (
        "query($n: Int = 100) { a: committees(first: $n) { nodes { " + INNER + " } }"
        " b: committees(first: $n) { nodes { " + INNER + " } } }",
        {},
        2 * FULL,
    ),
}


@pytest.mark.parametrize(("query", "variables", "cost"), BYPASSES.values(), ids=BYPASSES.keys())
def test_cost_is_what_execution_will_fetch(
    api: GraphQLClient, query: str, variables: dict[str, Any], cost: int
) -> None:
    response = api.post(query, variables)
    errors = response.json()["errors"]
    assert [e["extensions"]["code"] for e in errors] == ["COST_LIMIT"], errors
    assert errors[0]["extensions"]["cost"] == cost
    assert errors[0]["extensions"]["maxCost"] == MAX_COST
    assert response.headers["x-cypher-round-trips"] == "0"


def test_ids_count_like_a_page(api: GraphQLClient) -> None:
    """Within the limit, a list of ids runs; its cost is its length times what is below."""
    query = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Committee { " + INNER + " } } }"
    response = api.post(query, {"ids": IDS[:4]})
    body = response.json()
    assert "errors" not in body, body
    assert body["data"]["nodes"] == [None] * 4
    # 5 ids: 5 + 500 + 50,000 > MAX_COST
    assert response.status_code == 200
    refused = api.post(query, {"ids": IDS[:5]}).json()["errors"][0]["extensions"]
    assert refused["cost"] == 5 + 5 * 100 + 5 * 100 * 100
