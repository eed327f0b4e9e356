"""Scenario tests: each test is one job a user does, written as that user would do it.

A scenario starts from names a person knows (a committee's or a group's name, never an id),
goes through HTTP to the real app on the Zhucheng demo data, and asserts what the person would
check by eye. `staff`, `planner`, `clerk` and `admin` are clients carrying a token of that role;
`find` turns a name into the global id the API hands out, through `search` as a client would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from neo4j import Driver

from graph.kernel.settings import Settings
from tests.conftest import GraphQLClient
from tests.demo_data import load_demo

NAMED = (
    "Congress",
    "Committee",
    "DeputyGroup",
    "Alliance",
    "Industry",
    "Deputy",
    "Enterprise",
    "Unit",
)
FIND = (
    "query Find($text: String!) { search(text: $text, first: 50) { edges { node { node {"
    " __typename id " + " ".join(f"... on {t} {{ name }}" for t in NAMED) + " } } } } }"
)


@pytest.fixture
def demo(api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings) -> GraphQLClient:
    """The app on the full demo dataset (loaded fresh for each scenario), as ADMIN."""
    load_demo(neo4j_settings)
    return api


@pytest.fixture
def staff(demo: GraphQLClient) -> GraphQLClient:
    """A committee's staff: reads only (VIEWER)."""
    return demo.as_role("VIEWER")


@pytest.fixture
def planner(demo: GraphQLClient) -> GraphQLClient:
    return demo.as_role("PLANNER")


@pytest.fixture
def clerk(demo: GraphQLClient) -> GraphQLClient:
    return demo.as_role("CLERK")


@pytest.fixture
def find(demo: GraphQLClient) -> Iterator[Callable[..., str]]:
    """`find("生物医药专业代表小组", "DeputyGroup")`: the global id of the one node of that type
    whose name is exactly the text, found by search as a client would."""

    def lookup(name: str, typename: str) -> str:
        hits: list[dict[str, Any]] = [
            edge["node"]["node"] for edge in demo(FIND, {"text": name})["search"]["edges"]
        ]
        exact = [n for n in hits if n["__typename"] == typename and n.get("name") == name]
        assert len(exact) == 1, f"{typename} {name!r}: search found {hits}"
        return str(exact[0]["id"])

    yield lookup
