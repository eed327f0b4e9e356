"""The read path (schema/readpath/): queries over the liaison graph answered by one Cypher
statement, with the same answers as the general executor, key order included.

On the demo graph, every query of CORPUS (what the console, staff, planners and dashboards ask,
and the corners: aliases, fragments, variables, cursors, roles, empty pages, unknown ids) is
sent to an app in each mode: compiled must take exactly one statement, general gives the
reference answer, and checked (the mode the whole suite runs in, tests/conftest.py) must agree.
Generated queries over the same root fields, with the demo's own names and ids as arguments,
go through the checked app. Queries the read path leaves alone still work, on the general
executor.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis_graphql import from_schema

from api.inputs import has_surrogate
from datasets.demo import compose as demo
from graph.kernel.settings import Settings
from schema import schema
from schema.common import encode_cursor
from schema.liaison.queries import LIST_FIELDS
from schema.readpath import answers, extension
from tests.api.test_hostile import COMMON, SCALARS
from tests.conftest import GraphQLClient
from tests.demo_data import load_demo


def gid(label: str, node_id: str) -> str:
    return str(answers.to_base64(label, node_id))


@cache
def demo_ids() -> dict[str, Any]:
    nodes = demo.demo_dataset()["nodes"]
    groups = sorted(nodes["DeputyGroup"], key=lambda row: row["id"])
    return {
        "group": gid("DeputyGroup", groups[0]["id"]),
        "committee": gid("Committee", sorted(r["id"] for r in nodes["Committee"])[0]),
        "congress": gid("Congress", sorted(r["id"] for r in nodes["Congress"])[0]),
        "deputy": gid("Deputy", sorted(r["id"] for r in nodes["Deputy"])[0]),
        "industry": gid("Industry", sorted(r["id"] for r in nodes["Industry"])[0]),
        "name": groups[0]["name"][:2],
    }


GROUP_FIELDS = """
  id __typename name description source
  congress { name level }
  committees { totalCount nodes { name kind } }
  alliances(first: 2) { totalCount edges { cursor since node { name scope } }
                        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
  members { edges { role node { name category } } }
  convener { id name expertise gender }
  industries { nodes { code name parent { code } children { totalCount } } }
"""

# (name, query, variables from demo_ids()).
CORPUS: list[tuple[str, str, Callable[[dict[str, Any]], dict[str, Any]]]] = [
    (
        "dashboard: groups with everything",
        f"{{ deputyGroups(first: 100) {{ totalCount edges {{ cursor node {{ {GROUP_FIELDS} }} }}"
        " pageInfo { hasNextPage endCursor } } }",
        lambda ids: {},
    ),
    (
        "nested committees → groups → alliances → enterprises",
        "{ committees(first: 20) { nodes { name groups(first: 20) { nodes { name"
        " alliances(first: 10) { nodes { name enterprises(first: 10) { totalCount"
        " nodes { name uscc town } } } } } } } } }",
        lambda ids: {},
    ),
    (
        "name search with a variable",
        "query ($text: String) { deputies(first: 50, filter: {nameContains: $text}) {"
        " totalCount nodes { id name } } }",
        lambda ids: {"text": ids["name"][:1]},
    ),
    (
        "a filtered page past the first, with nested relations",
        "query ($text: String, $after: String) { deputyGroups(first: 3, after: $after,"
        " filter: {nameContains: $text}) { totalCount edges { cursor node { name"
        " members(first: 2) { totalCount edges { role node { name } } } convener { name } } }"
        " pageInfo { hasNextPage hasPreviousPage endCursor } } }",
        lambda ids: {"text": "代表", "after": encode_cursor(0)},
    ),
    (
        "name search, Latin letters in another case",
        '{ enterprises(filter: {nameContains: "CO"}) { totalCount nodes { name } } }',
        lambda ids: {},
    ),
    (
        "industry sub-tree",
        '{ enterprises(first: 100, filter: {industryCode: "c"}) { totalCount nodes { name } }'
        ' deputies(filter: {industryCode: "C"}) { totalCount nodes { name } }'
        ' committees(filter: {industryCode: "C"}) { totalCount nodes { name } }'
        ' industries(filter: {industryCode: "C"}) { totalCount nodes { code } }'
        ' congresses(filter: {industryCode: "C"}) { totalCount nodes { name } } }',
        lambda ids: {},
    ),
    (
        "congress filter and all filters together",
        "query ($c: ID) { deputyGroups(filter: {congressId: $c}) { totalCount nodes { name } }"
        " alliances(filter: {congressId: $c}) { totalCount nodes { name } }"
        ' enterprises(filter: {congressId: $c, industryCode: "C", nameContains: "食"}) {'
        " totalCount nodes { name } } }",
        lambda ids: {"c": ids["congress"]},
    ),
    (
        "one group by id, through fragments",
        "query ($id: ID!) { node(id: $id) { __typename id ...G ... on Committee { kind } } }"
        f" fragment G on DeputyGroup {{ {GROUP_FIELDS} }}",
        lambda ids: {"id": ids["group"]},
    ),
    (
        "a committee by id, staff's network",
        "query ($id: ID!) { node(id: $id) { ... on Committee { name members { totalCount }"
        " groups { nodes { name members(first: 20) { edges { role node { name"
        " employer { name } } } } alliances { nodes { name enterprises(first: 10) {"
        " nodes { name } } } } } } } } }",
        lambda ids: {"id": ids["committee"]},
    ),
    (
        "a deputy by id",
        "query ($id: ID!) { node(id: $id) { ... on Deputy { name congresses { edges { level"
        " since node { name region } } } groups { edges { role node { name } } }"
        " committees { nodes { name } } employer { name industries { nodes { code } } }"
        " contacts { totalCount } contactedBy { totalCount } } } }",
        lambda ids: {"id": ids["deputy"]},
    ),
    (
        "an industry by id and a missing id",
        "query ($id: ID!, $none: ID!) { node(id: $id) { ... on Industry { code name"
        " groups { totalCount } alliances { totalCount } enterprises { totalCount } } }"
        " missing: node(id: $none) { id } }",
        lambda ids: {"id": ids["industry"], "none": gid("Congress", "no-such-congress")},
    ),
    (
        "aliases, roles, pages and __typename",
        "query ($after: String) { __typename a: deputyGroups(first: 3, after: $after) {"
        " __typename t: totalCount p: pageInfo { __typename s: startCursor e: endCursor"
        " n: hasNextPage b: hasPreviousPage } e: edges { __typename c: cursor n: node {"
        " x: name conveners: members(role: CONVENER) { totalCount nodes { name } }"
        " plain: members(role: MEMBER, first: 2, after: null) { totalCount } } } }"
        " b: congresses { nodes { name deputies(first: 2) { totalCount } } } }",
        lambda ids: {"after": encode_cursor(2)},
    ),
    (
        "empty and past-the-end pages",
        "{ deputyGroups(first: 0) { totalCount nodes { name } pageInfo { hasNextPage"
        " startCursor } } industries(after: "
        f'"{encode_cursor(100_000)}")'
        " { totalCount edges { cursor } pageInfo { hasNextPage hasPreviousPage endCursor } } }",
        lambda ids: {},
    ),
]

# Queries the read path leaves to the general executor: they must still be answered.
GENERAL = [
    '{ search(text: "预制菜") { totalCount nodes { node { id } } } }',
    "{ committees(first: 2) { nodes { name activities { totalCount } } } }",
    "{ deputyGroups(first: 2) { nodes { name @include(if: true) } } }",
    '{ deputyGroups(first: 2, after: "nonsense") { totalCount } }',
    "{ deputyGroups(first: 500) { totalCount } }",
]


@pytest.fixture
def modes(
    api_with: Callable[[str], GraphQLClient], neo4j_settings: Settings
) -> dict[str, GraphQLClient]:
    load_demo(neo4j_settings)
    return {mode: api_with(mode) for mode in ("compiled", "general", "checked")}


def test_the_read_path_answers_the_corpus_in_one_statement_as_the_executor_does(
    modes: dict[str, GraphQLClient],
) -> None:
    ids = demo_ids()
    for name, query, variables in CORPUS:
        values = variables(ids)
        compiled = modes["compiled"].post(query, values).json()
        assert modes["compiled"].last_round_trips == 1, name
        general = modes["general"].post(query, values).json()
        assert "errors" not in compiled, (name, compiled)
        assert extension.first_difference(compiled["data"], general["data"]) is None, name
        checked = modes["checked"].post(query, values).json()
        assert checked == compiled, name
        # Checked ran the read path's one statement, then the executor's.
        assert modes["checked"].last_round_trips == 1 + modes["general"].last_round_trips, name
    # The corpus reaches real data, not only empty lists.
    data = modes["compiled"](CORPUS[0][1])["deputyGroups"]
    assert data["totalCount"] > 0 and data["edges"][0]["node"]["members"]["edges"]


@pytest.mark.parametrize("query", GENERAL)
def test_what_the_read_path_leaves_alone_is_answered_by_the_executor(
    modes: dict[str, GraphQLClient], query: str
) -> None:
    compiled = modes["compiled"].post(query).json()
    general = modes["general"].post(query).json()
    assert compiled == general
    assert modes["compiled"].last_round_trips == modes["general"].last_round_trips


def test_a_viewer_gets_the_same_answer_and_an_unknown_role_none(
    modes: dict[str, GraphQLClient],
) -> None:
    query = CORPUS[1][1]
    viewer = modes["compiled"].as_role("VIEWER")
    assert viewer(query) == modes["general"](query)
    assert viewer.last_round_trips == 1


def test_checked_mode_reports_a_difference(
    modes: dict[str, GraphQLClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comparison can fail: a read path that numbered its cursors wrongly is caught."""
    monkeypatch.setattr(answers, "encode_cursor", lambda offset: encode_cursor(offset + 1))
    body = modes["checked"].post("{ committees(first: 2) { edges { cursor } } }").json()
    assert body["errors"][0]["extensions"]["code"] == "READ_PATH_MISMATCH"
    assert "cursor" in body["errors"][0]["message"]


def test_first_difference_names_the_place() -> None:
    assert extension.first_difference({"a": [1, {"b": 2}]}, {"a": [1, {"b": 2}]}) is None
    assert extension.first_difference({"a": [1, {"b": 2}]}, {"a": [1, {"b": 3}]}) == (
        "data.a[1].b: 2 ≠ 3"
    )
    assert extension.first_difference({"a": 1, "b": 2}, {"b": 2, "a": 1}) is not None
    assert extension.first_difference({"a": 1}, {"a": True}) is not None


def _resolver(field: Any) -> Any:
    resolver = field.extensions["strawberry-definition"].base_resolver
    return resolver.wrapped_func if resolver else None


QUERY = schema._schema.query_type
assert QUERY is not None
# The root fields the read path compiles: the top-level lists, and node(id).
LIAISON_ROOTS = [name for name, f in QUERY.fields.items() if _resolver(f) in LIST_FIELDS]
assert len(LIAISON_ROOTS) == len(LIST_FIELDS) == 7
LIAISON_ROOTS.append("node")


@settings(max_examples=150, **COMMON)
@given(query=from_schema(schema.as_str(), fields=LIAISON_ROOTS, custom_scalars=SCALARS))
def test_generated_liaison_queries_agree_with_the_executor(
    modes: dict[str, GraphQLClient], query: str
) -> None:
    assume(not has_surrogate(query))  # not valid UTF-8: refused before GraphQL (test_hostile)
    body = modes["checked"].post(query).json()
    codes = [e.get("extensions", {}).get("code") for e in body.get("errors", [])]
    assert "READ_PATH_MISMATCH" not in codes, (query, body["errors"])
    assert "INTERNAL_ERROR" not in codes, (query, body["errors"])
