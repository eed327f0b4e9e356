"""The guard around every data route (api/guard.py): body size, the JSON error shape of
malformed requests and of unexpected failures in calendars and exports, TIMEOUT as 504.

The database down or frozen under these routes is in test_stall.py (it needs its own Neo4j)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver
from starlette.testclient import TestClient

from api import calendar
from api.app import GRAPHQL_RESPONSE, create_app
from api.limits import Limits
from graph.kernel.settings import Settings
from graph.proposals import stats_table
from graph.trips import stats as trip_stats
from tests.conftest import TEST_LIMITS, GraphQLClient, make_token

MAX_BODY = 4096
SMALL = Limits(rate=TEST_LIMITS.rate, burst=TEST_LIMITS.burst, max_body=MAX_BODY)
TYPENAME = b'{"query": "{ __typename }"}'
# Every route with data; each must refuse the same way.
DATA_ROUTES = [
    "/graphql",
    "/calendar/deputy/d-1.ics",
    "/export/proposal-stats.csv?groupBy=STATUS",
    "/export/proposal-stats.xlsx?groupBy=STATUS",
]


@pytest.fixture
def small(clean_graph: Driver, neo4j_settings: Settings) -> Iterator[tuple[TestClient, str]]:
    """An app with a 4 KiB body limit, and an ADMIN token for it."""
    secret = make_token(clean_graph, neo4j_settings.database, "ADMIN")
    with TestClient(create_app(neo4j_settings, limits=SMALL)) as client:
        yield client, secret


def _error(response: Any) -> dict[str, Any]:
    assert response.headers["content-type"].startswith("application/"), response.text
    assert "json" in response.headers["content-type"]
    body = response.json()
    assert set(body) == {"errors"}, body
    error: dict[str, Any] = body["errors"][0]
    assert " / " in error["message"]  # Chinese / English
    return error


def _chunks(size: int) -> Iterator[bytes]:
    """A body sent chunked (no Content-Length): its size is known only by reading it."""
    sent = 0
    while sent < size:
        yield b" " * min(1024, size - sent)
        sent += 1024


@pytest.mark.parametrize(
    ("path", "how"),
    # Announced sizes are refused on every data route; a chunked body where it is read.
    [(path, "content-length") for path in DATA_ROUTES] + [("/graphql", "chunked")],
)
def test_bodies_over_the_limit_are_413(small: tuple[TestClient, str], path: str, how: str) -> None:
    client, secret = small
    content: Any = b" " * (MAX_BODY + 1) if how == "content-length" else _chunks(MAX_BODY * 4)
    response = client.post(
        path,
        content=content,
        headers={"Authorization": f"Bearer {secret}", "content-type": "application/json"},
    )
    assert response.status_code == 413, response.text
    assert _error(response)["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


def test_the_limit_is_exact(small: tuple[TestClient, str]) -> None:
    client, secret = small
    headers = {"Authorization": f"Bearer {secret}", "content-type": "application/json"}
    padded = TYPENAME[:-1] + b" " * (MAX_BODY - len(TYPENAME)) + b"}"
    assert len(padded) == MAX_BODY
    at_limit = client.post("/graphql", content=padded, headers=headers)
    assert at_limit.status_code == 200, at_limit.text
    assert at_limit.json() == {"data": {"__typename": "Query"}}
    over = client.post("/graphql", content=padded + b" ", headers=headers)
    assert over.status_code == 413
    metrics = client.get("/metrics", headers={"Authorization": f"Bearer {secret}"}).text
    assert 'thirdlink_refusals_total{limit="PAYLOAD_TOO_LARGE"} 1.0' in metrics


async def test_a_declared_oversize_body_is_refused_unread(neo4j_settings: Settings) -> None:
    """100 MB announced: 413 at once, and the app never asks for a byte of it."""
    app = create_app(neo4j_settings, limits=SMALL)
    reads = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": b" " * 65536, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"content-length", b"100000000")],
        "client": ("127.0.0.1", 1),
        "server": ("api", 80),
    }
    async with app.router.lifespan_context(app):
        scope["app"] = app
        await asyncio.wait_for(app(scope, receive, send), timeout=30)
    assert sent[0]["status"] == 413
    assert reads == 0


MALFORMED = [
    # (body, content type, code)
    (b'{"query": "{ __typename \xff\xfe }"}', "application/json", "INVALID_UTF8"),
    (b"\xff\xfe\xfd", "application/json", "INVALID_UTF8"),
    (b"", "application/json", "EMPTY_BODY"),
    (b"   ", "application/json", "EMPTY_BODY"),
    (b"{", "application/json", "INVALID_JSON"),
    (b"null", "application/json", "NOT_AN_OBJECT"),
    (b'"just a string"', "application/json", "NOT_AN_OBJECT"),
    (b"42", "application/json", "NOT_AN_OBJECT"),
    (b"[" + TYPENAME + b", " + TYPENAME + b"]", "application/json", "BATCHING_NOT_SUPPORTED"),
    (b"[1, 2, 3]", "application/json", "BATCHING_NOT_SUPPORTED"),
    (b'{"query": 42}', "application/json", "BAD_REQUEST"),
    (b'{"query": "{ __typename }", "variables": "x"}', "application/json", "BAD_REQUEST"),
    (b"{ __typename }", "text/plain", "UNSUPPORTED_MEDIA_TYPE"),
    (TYPENAME, "application/xml", "UNSUPPORTED_MEDIA_TYPE"),
]


@pytest.mark.parametrize(("content", "content_type", "code"), MALFORMED)
@pytest.mark.parametrize("accept", ["application/json", GRAPHQL_RESPONSE])
def test_malformed_requests_get_a_json_error_with_a_code(
    api: GraphQLClient, content: bytes, content_type: str, code: str, accept: str
) -> None:
    response = api.http.post(
        "/graphql",
        content=content,
        headers={**api.headers, "content-type": content_type, "accept": accept},
    )
    assert response.status_code == 400, response.text
    assert _error(response)["extensions"]["code"] == code


def test_timeout_is_504_not_400_for_graphql_response_clients(
    neo4j_settings: Settings, clean_graph: Driver
) -> None:
    """A request error is 400 for these clients; a TIMEOUT is the service's, not theirs.
    (test_limits.py checks the plain application/json client.)"""
    secret = make_token(clean_graph, neo4j_settings.database, "VIEWER")
    # So short that the first Cypher round trip cannot finish in time.
    limits = Limits(request_timeout=1e-6)
    with TestClient(create_app(neo4j_settings, limits=limits)) as http:
        response = http.post(
            "/graphql",
            json={"query": "{ committees(first: 5) { totalCount } }"},
            headers={"Authorization": f"Bearer {secret}", "accept": GRAPHQL_RESPONSE},
        )
    assert response.status_code == 504, response.text
    assert response.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"


class Broken(RuntimeError):
    """A bug where the feed or the sheet is rendered (not the database)."""


def _break(*args: Any, **kwargs: Any) -> Any:
    raise Broken("secret detail: MATCH (t:ApiToken) RETURN t.hash")


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/calendar/deputy/d-conv.ics", (calendar, "render")),
        ("/export/proposal-stats.csv?groupBy=STATUS", (stats_table, "table")),
        ("/export/proposal-stats.xlsx?groupBy=STATUS", (stats_table, "table")),
        ("/export/activity-stats.csv?groupBy=KIND", (trip_stats, "table")),
    ],
)
async def test_unexpected_errors_are_json_with_an_error_id(
    api: GraphQLClient,
    db: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    path: str,
    target: tuple[Any, str],
) -> None:
    from tests.trips_world import load_world

    await load_world(db)
    monkeypatch.setattr(*target, _break)
    with caplog.at_level(logging.ERROR, logger="thirdlink.errors"):
        response = api.get(path)
    assert response.status_code == 500
    error = _error(response)
    error_id = error["extensions"]["errorId"]
    assert error["extensions"]["code"] == "INTERNAL_ERROR"
    assert error_id in error["message"] and "secret" not in response.text
    assert any(error_id in r.getMessage() and r.exc_info for r in caplog.records)


@pytest.mark.parametrize(
    "path",
    ["/calendar/deputy/nobody.ics", "/calendar/enterprise/e-1.ics"],
)
def test_calendar_404s_are_json(api: GraphQLClient, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 404
    assert _error(response)["extensions"]["code"] == "NOT_FOUND"
