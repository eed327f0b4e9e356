"""The test suite runs against a real Neo4j: NEO4J_URI when given, else a local instance
("test", or THIRDLINK_TEST_INSTANCE) with its own data directory and port, started here and
stopped at the end if this session started it. Each test starts from an empty graph (the
schema, i.e. constraints, indexes and recorded migrations, stays)."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from neo4j import Driver, GraphDatabase
from starlette.testclient import TestClient

from api.limits import Limits
from api.settings import from_env
from graph import migrations
from graph.kernel import tokens
from graph.kernel.db import Database, open_driver
from graph.kernel.settings import Settings
from graph.kernel.transfer import WIPE
from launcher import server

# Every query the suite sends is answered by the read path and by the general executor, and
# the two answers compared (schema/readpath/extension.py ReadPath.CHECKED): a difference is an error
# (READ_PATH_MISMATCH) in whichever test sent it. Tests that count round trips choose a mode.
os.environ.setdefault("THIRDLINK_READ_PATH", "checked")

# Tests send requests as fast as they can: no rate limit to trip over by accident.
TEST_LIMITS = Limits(rate=1e9, burst=10**9)


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    instance = os.environ.get("THIRDLINK_TEST_INSTANCE", "test")
    started_here = False
    if not os.environ.get("NEO4J_URI"):
        started_here = not server.is_running(server.Instance(instance))
        server.start(instance, log=lambda _: None)
    settings = from_env(instance)
    with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver:
        import asyncio

        async def _migrate() -> None:
            async with open_driver(settings) as adriver:
                await migrations.migrate(Database(adriver, settings.database), log=lambda _: None)

        asyncio.run(_migrate())
        driver.verify_connectivity()
    yield settings
    if started_here and not os.environ.get("THIRDLINK_KEEP_TEST_DB"):
        server.stop(instance, log=lambda _: None)


@pytest.fixture(scope="session")
def sync_driver(neo4j_settings: Settings) -> Iterator[Driver]:
    with GraphDatabase.driver(
        neo4j_settings.uri, auth=(neo4j_settings.user, neo4j_settings.password)
    ) as driver:
        yield driver


@pytest.fixture
def clean_graph(sync_driver: Driver, neo4j_settings: Settings) -> Driver:
    """An empty graph (schema kept) for this test."""
    with sync_driver.session(database=neo4j_settings.database) as session:
        session.run(WIPE).consume()
    return sync_driver


@pytest.fixture
async def db(clean_graph: Driver, neo4j_settings: Settings) -> AsyncIterator[Database]:
    """An async Database on an empty graph, bound to this test's event loop."""
    async with open_driver(neo4j_settings) as driver:
        yield Database(driver, neo4j_settings.database)


def make_token(
    driver: Driver, database: str, role: str, name: str | None = None, deputy_id: str = ""
) -> str:
    """A new API token with `role` (graph/kernel/tokens.py's Cypher), bound to `deputy_id` for
    a DEPUTY; returns its secret."""
    secret = tokens.new_secret()
    with driver.session(database=database) as session:
        session.run(
            tokens.CREATE_TOKEN,
            id=str(uuid.uuid4()),
            name=name or f"test-{role.lower()}-{secret[-6:]}",
            role=role,
            hash=tokens.hash_secret(secret),
            deputyId=deputy_id or None,
        ).consume()
    return secret


class GraphQLClient:
    """POSTs GraphQL to the real app (real Neo4j behind it); returns the decoded response.

    Requests carry an ADMIN token by default; `as_role(Role.VIEWER)` gives a client with a
    token of that role, `anonymous()` one without a token, and `headers=` on `post` overrides
    the headers of one request."""

    def __init__(
        self,
        client: TestClient,
        token_for: Callable[[str], str] | None = None,
        role: str | None = "ADMIN",
    ) -> None:
        self.http = client
        self.last_round_trips = 0
        self._token_for = token_for
        self.role = role
        self.token = token_for(role) if token_for and role else None

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def as_role(self, role: Any) -> GraphQLClient:
        """A client on the same app whose requests carry a token of `role` (Role or str)."""
        return GraphQLClient(self.http, self._token_for, getattr(role, "value", role))

    def anonymous(self) -> GraphQLClient:
        return GraphQLClient(self.http, self._token_for, None)

    def get(self, url: str, **kwargs: Any) -> Any:
        """GET a non-GraphQL route (calendar feeds, exports) with this client's token."""
        kwargs["headers"] = {**self.headers, **(kwargs.get("headers") or {})}
        return self.http.get(url, **kwargs)

    def post(self, query: str, variables: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        kwargs["headers"] = {**self.headers, **(kwargs.get("headers") or {})}
        response = self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, **kwargs
        )
        self.last_round_trips = int(response.headers.get("x-cypher-round-trips", "0"))
        return response

    def __call__(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """Run an operation that must succeed; return its `data`."""
        response = self.post(query, variables)
        body = response.json()
        assert response.status_code == 200, body
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data


@pytest.fixture
def api(clean_graph: Driver, neo4j_settings: Settings) -> Iterator[GraphQLClient]:
    """The HTTP app on an empty graph (but for the API tokens the client uses)."""
    from api.app import create_app

    def token_for(role: str) -> str:
        return make_token(clean_graph, neo4j_settings.database, role)

    with TestClient(create_app(neo4j_settings, limits=TEST_LIMITS)) as client:
        yield GraphQLClient(client, token_for)


@pytest.fixture
def api_with(
    clean_graph: Driver, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str], GraphQLClient]]:
    """`api_with("compiled")`: the app (as `api`) answering queries in one read-path mode
    (compiled, general or checked), for tests that count round trips."""
    from api.app import create_app

    def token_for(role: str) -> str:
        return make_token(clean_graph, neo4j_settings.database, role)

    with contextlib.ExitStack() as stack:

        def make(mode: str) -> GraphQLClient:
            monkeypatch.setenv("THIRDLINK_READ_PATH", mode)
            app = create_app(neo4j_settings, limits=TEST_LIMITS)
            return GraphQLClient(stack.enter_context(TestClient(app)), token_for)

        yield make


@asynccontextmanager
async def running_app(
    settings: Settings, secret: str, limits: Limits = TEST_LIMITS, *, timeout: float = 120
) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its lifespan, and an async client that sends `secret` as its bearer token:
    for tests that send requests concurrently (TestClient serialises them)."""
    from api.app import create_app

    app = create_app(settings, limits=limits)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://api",
            headers={"Authorization": f"Bearer {secret}"},
            timeout=timeout,
        ) as client,
    ):
        yield client
