"""Hostile input: thousands of generated operations, and hand-picked nasty requests.

Generated: hypothesis-graphql builds valid (and, in negative mode, invalid) queries and
mutations from the live schema and posts them through the HTTP app, on the demo graph, with an
ADMIN token, a VIEWER token and no token. Strings and ids are drawn from the demo data's own
names and ids and from Unicode and injection edge cases, not only random text. Never a 5xx,
never an INTERNAL_ERROR (an unhandled exception), and nothing written without permission.

THIRDLINK_FUZZ_EXAMPLES sets how many operations the four generated tests send in all (`make
test`: 2,000; `make fuzz`: 10,000). The counts are printed (`-s`) for the closing note.
"""

from __future__ import annotations

import base64
import datetime
import json
import os
from collections import Counter
from typing import Any

import graphql
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, mutations
from neo4j import Driver

from api.inputs import has_surrogate
from graph.kernel.settings import Settings
from schema import schema
from schema.common import encode_cursor
from tests.conftest import GraphQLClient
from tests.demo_data import demo_global_ids, demo_names, demo_slice, load_demo
from tests.digest import graph_digest

SDL = schema.as_str()


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# Text that has broken parsers, databases and renderers: lone surrogates, zero-width and bidi
# controls, combining marks, full-width forms, emoji, NUL, very long strings, and text that
# looks like Cypher, SQL or Lucene. Search, filters and names must treat all of it as text.
EDGE_STRINGS = (
    "\ud800",
    "\udfff",
    "诸城\ud83d市",
    "\u200b",
    "诸\u200d城\u200c市",
    "\ufeff联盟",
    "\u202e诸城市\u202c",
    "\u2067汽车\u2069",
    "e\u0301",
    "诸\u0300\u0301\u0302\u0303",
    "ＺＨＵＣＨＥＮＧ　１２３",
    "\u3000",
    "😀",
    "👨\u200d👩\u200d👧",
    "🇨🇳",
    "\x00",
    "诸城\x00市",
    "名" * 5000,
    "a" * 100_000,
    "",
    " ",
    "\n\t\r",
    "' OR 1=1 //",
    "}) DETACH DELETE n //",
    "'}) MATCH (n) DETACH DELETE n //",
    "\\' RETURN 1 //",
    "$text",
    "`Committee`",
    '"\\',
    "*:*",
    "AND OR NOT ~ ^ [ ] { }",
    "%s%n",
    "-1",
    "9" * 40,
)
NAMES = demo_names()
TEXT = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(EDGE_STRINGS),
    st.tuples(st.sampled_from(NAMES), st.sampled_from(EDGE_STRINGS)).map("".join),
    st.sampled_from(NAMES).map(lambda name: name[: len(name) // 2]),  # prefixes, one character
    st.text(max_size=50),
)
# Ids: the demo's own (so lookups and mutations hit real nodes), others' types, junk.
IDS = st.one_of(
    st.sampled_from(demo_global_ids()),
    st.sampled_from(["AuditEvent:x", "PageInfo:x", "Nope:1", "Committee:", ":"]).map(_b64),
    TEXT,
)
# Cursors go in `after` (a String): ours, out of range, and any text.
CURSORS = st.one_of(
    st.integers(0, 10_000).map(encode_cursor),
    st.sampled_from(["offset:99999999999999999999", "offset:-1", "offset:١"]).map(_b64),
)
SCALARS = {
    "String": st.one_of(TEXT, TEXT, CURSORS).map(lambda v: graphql.StringValueNode(value=v)),
    "ID": IDS.map(lambda v: graphql.StringValueNode(value=v)),
    "Date": st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 1, 1)).map(
        lambda d: graphql.StringValueNode(value=d.isoformat())
    ),
    "DateTime": st.datetimes(timezones=st.just(datetime.UTC)).map(
        lambda d: graphql.StringValueNode(value=d.isoformat())
    ),
}

# How many generated operations in all, shared by the four tests below in fixed proportions.
TOTAL = int(os.environ.get("THIRDLINK_FUZZ_EXAMPLES", "2000"))
SHARES = {"admin": 0.45, "admin, invalid": 0.15, "viewer mutations": 0.22, "no token": 0.18}


def _examples(kind: str) -> int:
    return max(1, round(TOTAL * SHARES[kind]))


# No per-example deadline (a shared 2-core machine is slow at times); the `api` fixture is
# shared by a test's examples.
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
STATUSES: Counter[int] = Counter()
INTERNAL = 0


def _codes(response: Any) -> set[str]:
    try:
        body = response.json()
    except ValueError:
        return set()
    errors = body.get("errors") if isinstance(body, dict) else None
    return {str((e.get("extensions") or {}).get("code")) for e in errors or ()}


def _send(client: GraphQLClient, query: str, kind: str) -> Any:
    """POST `query` as JSON with \\u escapes, so that lone surrogates reach the server."""
    global INTERNAL
    response = client.http.post(
        "/graphql",
        content=json.dumps({"query": query}).encode(),
        headers={**client.headers, "content-type": "application/json"},
    )
    SENT[kind] += 1
    STATUSES[response.status_code] += 1
    INTERNAL += "INTERNAL_ERROR" in _codes(response)
    assert response.status_code < 500, (query[:2000], response.text)
    assert "INTERNAL_ERROR" not in _codes(response), (query[:2000], response.text)
    if has_surrogate(query):
        assert response.status_code in (400, 401), response.text  # no token: the gate first
    return response


@pytest.fixture
def demo_api(api: GraphQLClient, neo4j_settings: Settings) -> GraphQLClient:
    """The app on the demo graph (loaded once per test, shared by its examples)."""
    load_demo(neo4j_settings)
    return api


@pytest.fixture
def demo_slice_api(api: GraphQLClient, neo4j_settings: Settings) -> GraphQLClient:
    """The app on a slice of the demo graph: every kind of node, but a digest of the whole
    graph after each example stays cheap (the full demo takes seconds per digest)."""
    load_demo(neo4j_settings, demo_slice())
    return api


@settings(max_examples=_examples("admin"), **COMMON)
@given(query=from_schema(SDL, custom_scalars=SCALARS))
def test_generated_operations_as_admin(demo_api: GraphQLClient, query: str) -> None:
    response = _send(demo_api, query, "admin")
    assert response.status_code == (400 if has_surrogate(query) else 200), response.text


@settings(max_examples=_examples("admin, invalid"), **COMMON)
@given(query=from_schema(SDL, custom_scalars=SCALARS, mode=Mode.NEGATIVE))
def test_generated_invalid_operations_as_admin(api: GraphQLClient, query: str) -> None:
    _send(api, query, "admin, invalid")


@settings(max_examples=_examples("viewer mutations"), **COMMON)
@given(query=mutations(SDL, custom_scalars=SCALARS))
def test_generated_mutations_as_viewer_write_nothing(
    demo_slice_api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings, query: str
) -> None:
    viewer = _viewer(demo_slice_api)
    # Nothing may ever change, so every example compares with the graph as first loaded.
    before = _first_digest(viewer, clean_graph, neo4j_settings.database)
    response = _send(viewer, query, "viewer mutations")
    assert graph_digest(clean_graph, neo4j_settings.database) == before, query[:2000]
    if response.status_code == 200 and "errors" in response.json():
        assert _codes(response) <= {"FORBIDDEN", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST"} | (
            _LIMIT_CODES
        ), response.text


_LIMIT_CODES = {"COST_LIMIT", "DEPTH_LIMIT", "ALIAS_LIMIT", "TOKEN_LIMIT", "GRAPHQL_PARSE_FAILED"}


def _first_digest(client: GraphQLClient, driver: Driver, database: str) -> Any:
    # Taken at the test's first example (the api fixture is shared by the examples).
    if not hasattr(client, "_digest"):
        client._digest = graph_digest(driver, database)  # type: ignore[attr-defined]
    return client._digest  # type: ignore[attr-defined]


def _viewer(api: GraphQLClient) -> GraphQLClient:
    # One VIEWER client per test run (the api fixture is shared by the examples).
    cached: GraphQLClient | None = getattr(api, "_viewer", None)
    if cached is None:
        cached = api.as_role("VIEWER")
        api._viewer = cached  # type: ignore[attr-defined]
    return cached


@settings(max_examples=_examples("no token"), **COMMON)
@given(query=from_schema(SDL, custom_scalars=SCALARS))
def test_generated_operations_without_token(
    api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings, query: str
) -> None:
    before = graph_digest(clean_graph, neo4j_settings.database)
    response = _send(api.anonymous(), query, "no token")
    assert response.status_code == 401
    assert _codes(response) == {"UNAUTHENTICATED"}
    assert graph_digest(clean_graph, neo4j_settings.database) == before


def test_generated_total() -> None:
    """Runs after the generated tests in file order; prints what they sent."""
    total = sum(SENT.values())
    fives = sum(n for status, n in STATUSES.items() if status >= 500)
    print(
        f"\ngenerated requests: {total} ({dict(SENT)}); statuses {dict(sorted(STATUSES.items()))}"
        f"; 5xx: {fives}; INTERNAL_ERROR: {INTERNAL}"
    )
    if len(SENT) == 4:  # all four generated tests ran (not a -k selection)
        assert total >= TOTAL * 0.99
    assert fives == 0 and INTERNAL == 0


# --- hand-picked -------------------------------------------------------------------------------

CREATE = """
mutation($name: String!) {
  createAlliance(input: {name: $name}) { alliance { id name } errors { code field } }
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
    assert created["alliance"]["name"] == name.strip() or created["alliance"]["name"]
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
