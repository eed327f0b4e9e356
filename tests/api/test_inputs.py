"""Inputs that used to crash the API: each class of them gets a typed error, never an
INTERNAL_ERROR or a 5xx, and nothing is written.

One table per layer: the HTTP body (lone surrogates, deep nesting: a 400 before GraphQL),
and GraphQL arguments (ids of non-Node types, cursors out of range: INVALID naming the
argument). A new row is all the next instance of a class needs.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from neo4j import Driver

from graph.kernel.settings import Settings
from schema.nodes import MAX_IDS, NODE_TYPES
from tests.conftest import GraphQLClient
from tests.demo_data import load_demo
from tests.digest import graph_digest


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def nested(depth: int) -> str:
    """A JSON filter object nested `depth` levels deep (json.dumps itself would recurse)."""
    return '{"nameContains": ' * depth + "null" + "}" * depth


SEARCH = "query($t: String!) { search(text: $t) { totalCount } }"
CREATE = "mutation($n: String!) { createAlliance(input: {name: $n}) { alliance { id } } }"
COMMITTEES = "query($f: ListFilterInput) { committees(filter: $f) { totalCount } }"

# Raw JSON bodies, since a JSON encoder refuses to write most of them. `\\ud800` in these
# Python strings is the six characters of a JSON escape for a lone surrogate.
BODIES = {
    "surrogate in a variable": json.dumps({"query": SEARCH}).rstrip("}")
    + ', "variables": {"t": "\\ud800"}}',
    "low surrogate in a mutation variable": json.dumps({"query": CREATE}).rstrip("}")
    + ', "variables": {"n": "联盟\\udfff"}}',
    "surrogate in a variable's key": json.dumps({"query": SEARCH}).rstrip("}")
    + ', "variables": {"t": "x", "\\ud83d": 1}}',
    "surrogate in the query text": '{"query": "{ __typename \\ud800 }"}',
    "surrogate in operationName": '{"query": "{ __typename }", "operationName": "\\udc00"}',
    "variables nested 1,000 deep": json.dumps({"query": COMMITTEES}).rstrip("}")
    + ', "variables": {"f": '
    + nested(1000)
    + "}}",
    "variables nested 100,000 deep": json.dumps({"query": COMMITTEES}).rstrip("}")
    + ', "variables": {"f": '
    + "[" * 100_000
    + "]" * 100_000
    + "}}",
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_bad_json_bodies_get_a_400_that_says_why(
    api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings, body: str
) -> None:
    before = graph_digest(clean_graph, neo4j_settings.database)
    response = api.http.post(
        "/graphql",
        content=body.encode(),
        headers={**api.headers, "content-type": "application/json"},
    )
    assert response.status_code == 400, response.text
    assert " / " in response.text and ("Unicode" in response.text or "nested" in response.text)
    assert graph_digest(clean_graph, neo4j_settings.database) == before


def test_surrogates_over_get_are_refused_too(api: GraphQLClient) -> None:
    response = api.http.get(
        "/graphql",
        params={"query": SEARCH, "variables": '{"t": "\\ud800"}'},
        headers={**api.headers, "accept": "application/json"},
    )
    assert response.status_code == 400, response.text
    assert "Unicode" in response.text


NODE = "query($id: ID!) { node(id: $id) { id } }"
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
GROUPS_AFTER = "query($a: String) { committees { nodes { groups(after: $a) { totalCount } } } }"
COMMITTEES_AFTER = "query($a: String) { committees(after: $a) { totalCount } }"
SEARCH_AFTER = 'query($a: String) { search(text: "市", after: $a) { totalCount } }'

ONE_COMMITTEE = """
CREATE (:Committee {id: 'c1', name: '财政经济委员会', sortKey: 'cai', source: 'user'})
       -[:LIAISES_WITH]->
       (:DeputyGroup {id: 'g1', name: '生物医药', sortKey: 'sheng', source: 'user'})
"""

# (query, variables, the argument the error must name)
ARGUMENTS = {
    "node: id of a type that is not a Node": (NODE, {"id": b64("AuditEvent:x")}, "id"),
    "node: id of a type that does not exist": (NODE, {"id": b64("Nope:x")}, "id"),
    "node: id of an input type": (NODE, {"id": b64("ListFilterInput:x")}, "id"),
    "node: not base64": (NODE, {"id": "!!!"}, "id"),
    "node: empty": (NODE, {"id": ""}, "id"),
    "nodes: one id of a non-Node type": (
        NODES,
        {"ids": [b64("Committee:x"), b64("PageInfo:x")]},
        "ids",
    ),
    "nodes: more ids than allowed": (
        NODES,
        {"ids": [b64(f"Committee:{i}") for i in range(MAX_IDS + 1)]},
        "ids",
    ),
    "cursor: offset beyond int64": (
        COMMITTEES_AFTER,
        {"a": b64("offset:99999999999999999999")},
        "after",
    ),
    "cursor: 400-digit offset": (COMMITTEES_AFTER, {"a": b64("offset:" + "9" * 400)}, "after"),
    "cursor: beyond int64 on a nested list": (
        GROUPS_AFTER,
        {"a": b64("offset:99999999999999999999")},
        "after",
    ),
    "cursor: beyond int64 in search": (SEARCH_AFTER, {"a": b64("offset:" + "9" * 30)}, "after"),
    "cursor: negative": (COMMITTEES_AFTER, {"a": b64("offset:-5")}, "after"),
    "cursor: non-ASCII digits": (COMMITTEES_AFTER, {"a": b64("offset:٣")}, "after"),
    "cursor: not ours": (COMMITTEES_AFTER, {"a": b64("id:7")}, "after"),
    "cursor: not base64": (COMMITTEES_AFTER, {"a": "诸城市"}, "after"),
}


@pytest.mark.parametrize(("query", "variables", "field"), ARGUMENTS.values(), ids=ARGUMENTS.keys())
def test_bad_arguments_are_invalid_naming_the_argument(
    api: GraphQLClient, clean_graph: Driver, query: str, variables: dict[str, Any], field: str
) -> None:
    clean_graph.execute_query(ONE_COMMITTEE)
    response = api.post(query, variables)
    assert response.status_code == 200, response.text
    errors = response.json()["errors"]
    assert len(errors) == 1, errors
    extensions = errors[0]["extensions"]
    assert extensions["code"] == "INVALID", errors
    assert extensions["field"] == field
    assert extensions["messageZh"] and extensions["messageEn"]


def test_every_node_type_is_reachable_through_node() -> None:
    """A new type implementing Node must be added to NODE_TYPES, or node(id) refuses it."""
    from schema import schema

    implementing = {
        name
        for name, type_ in schema._schema.type_map.items()
        if any(i.name == "Node" for i in getattr(type_, "interfaces", ()))
    }
    assert implementing == set(NODE_TYPES)


def test_search_returns_every_kind_it_finds_on_the_demo_data(
    api: GraphQLClient, neo4j_settings: Settings
) -> None:
    """诸城市 matches units (诸城市交通运输局), which search once could not return."""
    load_demo(neo4j_settings)
    data = api(
        '{ search(text: "诸城市", first: 100) { totalCount nodes { node { __typename } } } }'
    )
    kinds = {hit["node"]["__typename"] for hit in data["search"]["nodes"]}
    assert "Unit" in kinds
    units = api('{ search(text: "诸城市", types: [UNIT], first: 100) { nodes { node { id } } } }')
    assert units["search"]["nodes"]
    unit_id = units["search"]["nodes"][0]["node"]["id"]
    found = api("query($id: ID!) { node(id: $id) { __typename id } }", {"id": unit_id})
    assert found["node"] == {"__typename": "Unit", "id": unit_id}
