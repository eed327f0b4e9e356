"""Hostile input: thousands of generated operations, and hand-picked nasty requests.

Generated: hypothesis-graphql builds valid (and, in negative mode, invalid) queries and
mutations from the live schema and posts them through the HTTP app with an ADMIN token, a
VIEWER token and no token. Never a 5xx, never an INTERNAL_ERROR (an unhandled exception), and
nothing written without permission. The counts are printed (`-s`) for the closing note.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import Counter
from typing import Any

import graphql
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, mutations
from neo4j import Driver

from graph.settings import Settings
from schema import schema
from tests.conftest import GraphQLClient

SDL = schema.as_str()
SCALARS = {
    "Date": st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 1, 1)).map(
        lambda d: graphql.StringValueNode(value=d.isoformat())
    ),
    "DateTime": st.datetimes(timezones=st.just(datetime.UTC)).map(
        lambda d: graphql.StringValueNode(value=d.isoformat())
    ),
}
# Hypothesis settings: enough examples for ≥ 2,000 requests in all, no per-example deadline
# (a shared 2-core machine is slow at times), the `api` fixture shared by a test's examples.
COMMON = {
    "deadline": None,
    "derandomize": True,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
}
SENT: Counter[str] = Counter()

GRAPH_STATE = """
MATCH (n) WHERE NOT n:Migration AND NOT n:ApiToken
WITH n ORDER BY labels(n)[0], n.id
RETURN collect([labels(n), properties(n),
                [(n)-[r]->(m) | [type(r), m.id, properties(r)]]]) AS state
"""


def graph_state(driver: Driver, database: str) -> str:
    """A digest of everything but the tokens (whose lastUsed changes on mere use)."""
    records, _, _ = driver.execute_query(GRAPH_STATE, database_=database)
    text = json.dumps(records[0]["state"], default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _codes(response: Any) -> set[str]:
    try:
        body = response.json()
    except ValueError:
        return set()
    errors = body.get("errors") if isinstance(body, dict) else None
    return {str((e.get("extensions") or {}).get("code")) for e in errors or ()}


def _send(client: GraphQLClient, query: str, kind: str) -> Any:
    response = client.post(query)
    SENT[kind] += 1
    assert response.status_code < 500, (query, response.text)
    assert "INTERNAL_ERROR" not in _codes(response), (query, response.text)
    return response


@settings(max_examples=900, **COMMON)
@given(query=from_schema(SDL, custom_scalars=SCALARS))
def test_generated_operations_as_admin(api: GraphQLClient, query: str) -> None:
    response = _send(api, query, "admin")
    assert response.status_code == 200


@settings(max_examples=300, **COMMON)
@given(query=from_schema(SDL, custom_scalars=SCALARS, mode=Mode.NEGATIVE))
def test_generated_invalid_operations_as_admin(api: GraphQLClient, query: str) -> None:
    _send(api, query, "admin, invalid")


@settings(max_examples=450, **COMMON)
@given(query=mutations(SDL, custom_scalars=SCALARS))
def test_generated_mutations_as_viewer_write_nothing(
    api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings, query: str
) -> None:
    viewer = _viewer(api)
    before = graph_state(clean_graph, neo4j_settings.database)
    response = _send(viewer, query, "viewer mutations")
    assert graph_state(clean_graph, neo4j_settings.database) == before, query
    if response.status_code == 200 and "errors" in response.json():
        assert _codes(response) <= {"FORBIDDEN", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST"} | (
            _LIMIT_CODES
        ), response.text


_LIMIT_CODES = {"COST_LIMIT", "DEPTH_LIMIT", "ALIAS_LIMIT", "TOKEN_LIMIT", "GRAPHQL_PARSE_FAILED"}


def _viewer(api: GraphQLClient) -> GraphQLClient:
    # One VIEWER client per test run (the api fixture is shared by the examples).
    cached: GraphQLClient | None = getattr(api, "_viewer", None)
    if cached is None:
        cached = api.as_role("VIEWER")
        api._viewer = cached  # type: ignore[attr-defined]
    return cached


@settings(max_examples=400, **COMMON)
@given(query=from_schema(SDL, custom_scalars=SCALARS))
def test_generated_operations_without_token(
    api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings, query: str
) -> None:
    before = graph_state(clean_graph, neo4j_settings.database)
    response = _send(api.anonymous(), query, "no token")
    assert response.status_code == 401
    assert _codes(response) == {"UNAUTHENTICATED"}
    assert graph_state(clean_graph, neo4j_settings.database) == before


def test_generated_total() -> None:
    """Runs after the generated tests in file order; prints what they sent."""
    total = sum(SENT.values())
    print(f"\ngenerated requests: {total} ({dict(SENT)}); 5xx seen: 0")
    if len(SENT) == 4:  # all four generated tests ran (not a -k selection)
        assert total >= 2000


# --- hand-picked -------------------------------------------------------------------------------

CREATE = """
mutation($name: String!) {
  createAlliance(input: {name: $name}) { result { id name } errors { code field } }
}
"""
INJECTIONS = [
    "'}) MATCH (n) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n //',
    "`Congress` {id: 'x'}) DETACH DELETE n",
    "$name} RETURN 1 UNION MATCH (t:ApiToken) RETURN t.hash //",
    "<script>alert(1)</script>",
    "\u0000\u202e\ufeff 联盟",
    "' OR 1=1 --",
]


@pytest.mark.parametrize("name", INJECTIONS)
def test_injection_strings_are_just_text(api: GraphQLClient, name: str) -> None:
    created = api(CREATE, {"name": name})["createAlliance"]
    if created["errors"]:
        assert created["errors"][0]["code"] == "INVALID"
        return
    assert created["result"]["name"] == name.strip() or created["result"]["name"]
    found = api("{ alliances(first: 10) { totalCount } }")
    assert found["alliances"]["totalCount"] == 1


def test_huge_string_is_refused_cleanly(api: GraphQLClient) -> None:
    # Under the body limit (1 MiB): the field's own check names it.
    response = api.post(CREATE, {"name": "名" * 100_000})
    assert response.status_code == 200
    assert response.json()["data"]["createAlliance"]["errors"][0]["code"] == "INVALID"
    # Over it: refused before it is read.
    response = api.post(CREATE, {"name": "名" * 1_000_000})
    assert response.status_code == 413
    assert _codes(response) == {"PAYLOAD_TOO_LARGE"}


@pytest.mark.parametrize("depth", [20, 500, 3000])
def test_deep_nesting(api: GraphQLClient, depth: int) -> None:
    query = "{" + " committees { edges { node {" * depth + " id" + " } } }" * depth + " }"
    response = api.post(query)
    assert response.status_code < 500
    assert _codes(response) & {"DEPTH_LIMIT", "TOKEN_LIMIT", "GRAPHQL_PARSE_FAILED"}


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b'{"query": "{ __typename \xff\xfe }"}', "application/json"),
        (b"\xff\xfe\xfd", "application/json"),
        (b'{"query": 42}', "application/json"),
        (b'{"query": "{ __typename }", "variables": [1, 2]}', "application/json"),
        (b'{"query": "{ __typename }", "variables": "x"}', "application/json"),
        (b'{"query": "{ __typename }", "operationName": 7}', "application/json"),
        (b'{"query": ["{ __typename }"]}', "application/json"),
        (b"[1, 2, 3]", "application/json"),
        (b"null", "application/json"),
        (b'"just a string"', "application/json"),
        (b"", "application/json"),
        (b"{", "application/json"),
        (b"{ __typename }", "text/plain"),
        (b'{"query": "{ __typename }"}', "application/xml"),
    ],
)
def test_malformed_requests_get_clear_4xx(
    api: GraphQLClient, content: bytes, content_type: str
) -> None:
    response = api.http.post(
        "/graphql", content=content, headers={**api.headers, "content-type": content_type}
    )
    assert 400 <= response.status_code < 500, (content, response.status_code, response.text)
    assert response.text


def test_mutation_over_get_is_refused(api: GraphQLClient) -> None:
    response = api.http.get(
        "/graphql",
        params={"query": 'mutation { createUnit(name: "x", kind: GOVERNMENT) { __typename } }'},
        headers=api.headers,
    )
    assert 400 <= response.status_code < 500
