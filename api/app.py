"""The Starlette application: GraphQL at /graphql (with an offline GraphiQL), health probes.

Built explicitly by `create_app()`; nothing connects at import time. One Neo4j driver is opened
in the lifespan, handed to requests through typed state, and closed on exit.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from graphql import ExecutionResult
from neo4j import AsyncDriver
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse

from api import graphiql
from api.auth import Viewer, resolve_viewer
from graph.db import Database, count_round_trips, open_driver
from graph.settings import Settings, from_env
from schema import schema
from schema.context import Context, Loaders

log = logging.getLogger("thirdlink.api")

GRAPHQL_RESPONSE = "application/graphql-response+json"


@dataclass
class AppState:
    settings: Settings
    driver: AsyncDriver
    db: Database


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.thirdlink
    return state


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI handler with our context and our offline GraphiQL page."""

    async def get_context(self, request: Any, response: Any) -> Context:
        state = app_state(request)
        viewer: Viewer | None = await resolve_viewer(request, state.db)
        # GraphQL over HTTP: clients that accept application/graphql-response+json get 4xx for
        # request errors; plain application/json clients always get 200 with `errors`.
        response.graphql_response_json = GRAPHQL_RESPONSE in request.headers.get("accept", "")
        request.state.graphql_sub_response = response
        return Context(
            db=state.db,
            loaders=Loaders(state.db),
            request=request,
            response=response,
            viewer=viewer,
        )

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        body = await super().process_result(request, result)
        sub = getattr(request.state, "graphql_sub_response", None)
        if sub is None or not result.errors:
            return body
        codes = {(error.extensions or {}).get("code") for error in result.errors}
        if codes & {"UNAVAILABLE", "SERVICE_UNAVAILABLE"}:
            sub.status_code = 503
        elif (
            sub.graphql_response_json
            and result.data is None
            and all(not error.path for error in result.errors)
        ):
            sub.status_code = 400
        return body

    def create_response(self, response_data: Any, sub_response: Any) -> Response:
        response = super().create_response(response_data, sub_response)
        if getattr(sub_response, "graphql_response_json", False):
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
        return response

    async def render_graphql_ide(self, request: Any) -> HTMLResponse:
        return HTMLResponse(graphiql.graphiql_html(endpoint=str(request.url.path)))


class RoundTripHeader:
    """Count the Cypher round trips of each request; report them in X-Cypher-Round-Trips
    (tests and operators read it to see that DataLoaders keep requests bounded)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with count_round_trips() as counter:

            async def send_with_count(message: Message) -> None:
                if message["type"] == "http.response.start":
                    headers = list(message.get("headers", []))
                    headers.append((b"x-cypher-round-trips", str(counter.count).encode()))
                    message = {**message, "headers": headers}
                await send(message)

            await self.app(scope, receive, send_with_count)


async def healthz(request: Request) -> Response:
    """The process is up (says nothing about Neo4j)."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """Ready when Neo4j answers; 503 otherwise."""
    state = app_state(request)
    try:
        await state.driver.verify_connectivity()
    except Exception as exc:  # any failure means "not ready"; say which
        return JSONResponse({"status": "unavailable", "neo4j": type(exc).__name__}, status_code=503)
    return JSONResponse({"status": "ready", "neo4j": "ok"})


def create_app(settings: Settings | None = None, *, instance: str | None = None) -> Starlette:
    """The API. `settings` default to NEO4J_URI & co., else the local instance (`instance`)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        resolved = settings or from_env(instance)
        driver = open_driver(resolved)
        app.state.thirdlink = AppState(
            settings=resolved, driver=driver, db=Database(driver, resolved.database)
        )
        try:
            yield
        finally:
            await driver.close()

    graphql_app = GraphQLApp(schema, graphql_ide="graphiql")
    routes = [
        Route("/graphql", graphql_app, methods=["GET", "POST"]),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        graphiql.assets_mount(),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(RoundTripHeader)
    return app
