"""Limits: each refusal is a GraphQL error with a code, and nothing runs past one."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import strawberry
from neo4j import Driver
from starlette.testclient import TestClient

from api.app import create_app
from api.limits import Limits, RateLimiter
from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.settings import Settings
from schema.cost import MAX_COST
from schema.errors import Schema
from tests.api.test_cost import wide
from tests.conftest import GraphQLClient, make_token

__all__ = ["wide"]  # the fixture

# 100 committees, each with 100 groups, each with 100 committees: 100 + 10^4 + 10^6 (in a
# graph where one committee has 100 groups and one group 100 committees: `wide`).
COSTLY = """
{ committees(first: 100) { edges { node {
    groups(first: 100) { edges { node {
      committees(first: 100) { totalCount } } } } } } } }
"""
AFFORDABLE = "{ committees(first: 100) { edges { node { groups(first: 10) { totalCount } } } } }"


def _error(response: Any) -> dict[str, Any]:
    error: dict[str, Any] = response.json()["errors"][0]
    return error


def test_cost_limit_refuses_before_running(api: GraphQLClient, wide: None) -> None:
    response = api.post(COSTLY)
    error = _error(response)
    assert error["extensions"]["code"] == "COST_LIMIT"
    assert error["extensions"]["cost"] == 100 + 100 * 100 + 100 * 100 * 100
    assert error["extensions"]["maxCost"] == MAX_COST
    assert response.headers["x-cypher-round-trips"] == "0"
    assert len(api(AFFORDABLE)["committees"]["edges"]) == 100


def test_cost_counts_variables_and_fragments(api: GraphQLClient, wide: None) -> None:
    query = """
    query($n: Int) { committees(first: $n) { ...G } }
    fragment G on CommitteeConnection { edges { node { groups(first: 100) {
      edges { node { committees(first: 100) { totalCount } } } } } } }
    """
    assert _error(api.post(query, {"n": 10}))["extensions"]["cost"] == 10 + 1000 + 100_000
    assert "errors" not in api.post(query, {"n": 1}).json()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ " + " ".join(f"a{i}: __typename" for i in range(40)) + " }", "ALIAS_LIMIT"),
        ("{ " + "__typename " * 6000 + "}", "TOKEN_LIMIT"),
        (
            "{ committees { edges { node { groups { edges { node { committees { edges { node {"
            " groups { edges { node { id } } } } } } } } } } } } }",
            "DEPTH_LIMIT",
        ),
    ],
)
def test_parse_time_limits_have_codes(api: GraphQLClient, query: str, code: str) -> None:
    response = api.post(query)
    assert response.status_code == 200
    assert _error(response)["extensions"]["code"] == code


def test_rate_limit_per_token(neo4j_settings: Settings, clean_graph: Driver) -> None:
    first = make_token(clean_graph, neo4j_settings.database, "VIEWER")
    second = make_token(clean_graph, neo4j_settings.database, "VIEWER")
    # A bucket of 3 that refills once an hour: the 4th request is refused, whatever the clock.
    limits = Limits(rate=1 / 3600, burst=3)
    with TestClient(create_app(neo4j_settings, limits=limits)) as http:

        def ask(secret: str) -> Any:
            return http.post(
                "/graphql",
                json={"query": "{ __typename }"},
                headers={"Authorization": f"Bearer {secret}"},
            )

        assert [ask(first).status_code for _ in range(3)] == [200, 200, 200]
        refused = ask(first)
        assert ask(second).status_code == 200  # buckets are per token
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert _error(refused)["extensions"]["code"] == "RATE_LIMITED"


def test_token_bucket_refills() -> None:
    now = [0.0]
    limiter = RateLimiter(rate=2.0, burst=2, clock=lambda: now[0])
    assert [limiter.take("a"), limiter.take("a")] == [0.0, 0.0]
    assert limiter.take("a") == pytest.approx(0.5)
    now[0] = 0.5
    assert limiter.take("a") == 0.0


def test_request_timeout(neo4j_settings: Settings, clean_graph: Driver) -> None:
    secret = make_token(clean_graph, neo4j_settings.database, "VIEWER")
    # So short that the first Cypher round trip cannot finish in time.
    limits = Limits(request_timeout=1e-6)
    with TestClient(create_app(neo4j_settings, limits=limits)) as http:
        response = http.post(
            "/graphql",
            json={"query": "{ committees(first: 5) { totalCount } }"},
            headers={"Authorization": f"Bearer {secret}"},
        )
    assert response.status_code == 504
    assert _error(response)["extensions"]["code"] == "TIMEOUT"


async def test_transaction_timeout_stops_the_cypher(db: Database) -> None:
    """The same bound reaches Neo4j: the server stops a transaction that runs too long."""
    slow = Database(db.driver, db.database, timeout=0.5)
    with pytest.raises(DomainError) as stopped:
        await slow.read("UNWIND range(1, 10000000000) AS x RETURN count(x) AS n")
    assert stopped.value.code is ErrorCode.TIMEOUT


def test_unexpected_errors_show_only_an_error_id(caplog: pytest.LogCaptureFixture) -> None:
    @strawberry.type
    class Query:
        @strawberry.field(description="Always fails.")
        def boom(self) -> str:
            raise RuntimeError("secret detail: bolt://neo4j:password@db")

    broken = Schema(query=Query)
    with caplog.at_level(logging.ERROR, logger="thirdlink.errors"):
        result = broken.execute_sync("{ boom }")
    assert result.errors
    error = result.errors[0]
    assert error.extensions["code"] == "INTERNAL_ERROR"
    error_id = error.extensions["errorId"]
    assert error_id in error.message
    assert "secret" not in error.message and "RuntimeError" not in error.message
    assert error_id in caplog.text and "secret detail" in caplog.text
