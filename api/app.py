"""The Starlette application: GraphQL at /graphql (with an offline GraphiQL), health probes,
Prometheus metrics.

Built explicitly by `create_app()`; nothing connects at import time. One Neo4j driver is opened
in the lifespan, handed to requests through typed state, and closed on exit. Every GraphQL
request passes the gate (api/auth.py: token, rate limit) before anything is parsed, runs under a
time limit that also bounds its Cypher, and is counted, measured and logged (api/metrics.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from collections.abc import AsyncIterator
from typing import Any

import orjson
from cross_web import HTTPException
from graphql import GraphQLError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route, request_response
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types.execution import ExecutionResult as StrawberryResult

from api import calendar, exports, graphiql, inputs
from api.auth import Authenticator, GraphQLGate, is_ide_request, local_hosts
from api.feeds import FeedGate
from api.guard import Guard
from api.limits import Limits, RateLimiter
from api.lockout import Lockout
from api.metrics import Metrics, RequestObserver
from api.settings import from_env
from api.state import AppState, app_state
from graph.kernel.db import Database, open_driver
from graph.kernel.settings import Settings
from schema import schema
from schema.context import Context, Loaders
from schema.permissions import Role, Viewer
from schema.readpath.extension import ReadPath

log = logging.getLogger("thirdlink.api")

GRAPHQL_RESPONSE = "application/graphql-response+json"

# The viewer when the app is built with secure=False (only the auth benchmark does that).
UNSECURED = Viewer(name="unsecured", role=Role.ADMIN)


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI handler with our context, a time limit, and our offline GraphiQL page.

    The viewer was set by the gate (api/auth.py) in front of this handler."""

    def __init__(
        self,
        *args: Any,
        request_timeout: float,
        graphiql_token: str | None,
        graphiql_hosts: frozenset[str] = frozenset(),
        read_path: ReadPath = ReadPath.COMPILED,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.read_path = read_path
        self.request_timeout = request_timeout
        self.graphiql_token = graphiql_token
        # The Host values for which the page may carry the token (api/auth.py local_hosts).
        self.graphiql_hosts = graphiql_hosts

    def should_render_graphql_ide(self, request: Any) -> bool:
        # The same test as the gate's, so the two can never disagree about what is the page.
        return is_ide_request(
            request.method, request.query_params, request.headers.get("accept", "")
        )

    def encode_json(self, data: object) -> bytes:
        # orjson writes UTF-8 (Chinese as itself, not \uXXXX) several times faster than json;
        # what it cannot encode (integers beyond 64 bits) goes through json as before.
        try:
            return orjson.dumps(data)
        except TypeError:
            return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()

    def decode_json(self, data: str | bytes) -> object:
        # Strawberry turns only JSONDecodeError into a 400; invalid UTF-8, or JSON that is not
        # an object (`null`, `"text"`, `42`), must not become a 500.
        if not data.strip():
            raise HTTPException(400, "请求体为空 / Request body is empty")
        try:
            decoded = super().decode_json(data)
        except UnicodeDecodeError as exc:
            raise HTTPException(
                400, "请求体不是有效的 UTF-8 / Request body is not valid UTF-8"
            ) from exc
        except RecursionError as exc:
            raise HTTPException(
                400, "请求 JSON 嵌套过深 / Request JSON is nested too deeply"
            ) from exc
        if not isinstance(decoded, dict | list):
            raise HTTPException(400, "请求体应为 JSON 对象 / Request body must be a JSON object")
        try:  # lone surrogates and deep nesting fail later, deep inside (api/inputs.py)
            inputs.check_json(decoded)
        except inputs.InputProblem as exc:
            raise HTTPException(400, str(exc)) from exc
        return decoded

    async def get_context(self, request: Any, response: Any) -> Context:
        state = app_state(request)
        viewer: Viewer | None = getattr(request.state, "viewer", None)
        # GraphQL over HTTP: clients that accept application/graphql-response+json get 4xx for
        # request errors; plain application/json clients always get 200 with `errors`.
        response.graphql_response_json = GRAPHQL_RESPONSE in request.headers.get("accept", "")
        request.state.graphql_sub_response = response
        context = Context(
            db=state.db,
            loaders=Loaders(state.db),
            request=request,
            response=response,
            viewer=viewer,
            trip_rules=state.settings.trips,
            handling_rules=state.settings.handling,
            read_path=self.read_path.value,
            degrees=state.degrees,
        )
        request.state.graphql_context = context
        return context

    async def execute_single(self, *args: Any, **kwargs: Any) -> StrawberryResult:
        # Deny by default: the gate lets nothing without a viewer this far; should a route
        # ever be wired without it, nothing runs either.
        context = kwargs.get("context", args[3] if len(args) > 3 else None)
        if getattr(context, "viewer", None) is None:
            raise HTTPException(401, "需要有效的 API 令牌 / A valid API token is required")
        # The Cypher has the same bound as its transaction timeout (Database.timeout), so the
        # database also stops work the API has given up on.
        try:
            async with asyncio.timeout(self.request_timeout):
                return await super().execute_single(*args, **kwargs)
        except TimeoutError:
            seconds = f"{self.request_timeout:g}"
            return StrawberryResult(
                data=None,
                errors=[
                    GraphQLError(
                        f"请求超时（{seconds} 秒），已停止 / The request took longer than "
                        f"{seconds}s and was stopped",
                        extensions={"code": "TIMEOUT"},
                    )
                ],
            )

    async def process_result(self, request: Any, result: StrawberryResult) -> GraphQLHTTPResponse:
        body = await super().process_result(request, result)
        _note_outcome(request, result)
        sub = getattr(request.state, "graphql_sub_response", None)
        if sub is None or not result.errors:
            return body
        codes = {(error.extensions or {}).get("code") for error in result.errors}
        if codes & {"UNAVAILABLE", "SERVICE_UNAVAILABLE"}:
            sub.status_code = 503
        elif "TIMEOUT" in codes:
            sub.status_code = 504  # the service gave up: not the client's fault, so not a 400
        elif (
            sub.graphql_response_json
            and result.data is None
            and all(not error.path for error in result.errors)
        ):
            # A request error: nothing was executed, so the response has no `data` entry.
            sub.status_code = 400
            body.pop("data", None)
        return body

    def create_response(self, response_data: Any, sub_response: Any) -> Response:
        response = super().create_response(response_data, sub_response)
        if getattr(sub_response, "graphql_response_json", False):
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
        return response

    async def render_graphql_ide(self, request: Any) -> HTMLResponse:
        # Pre-filled only for `make run` (THIRDLINK_GRAPHIQL_TOKEN), and only when the browser
        # asked for the loopback address the server is bound to: a page fetched under another
        # name (DNS rebinding: evil.example resolving to 127.0.0.1) never carries the token.
        headers = (
            json.dumps({"Authorization": f"Bearer {self.graphiql_token}"})
            if self.graphiql_token and request.headers.get("host") in self.graphiql_hosts
            else None
        )
        return HTMLResponse(
            graphiql.graphiql_html(endpoint=str(request.url.path), default_headers=headers)
        )


def _note_outcome(request: Any, result: StrawberryResult) -> None:
    """For the request log and metrics: the operation, the outcome, the error id if any."""
    state = request.state
    context = getattr(state, "graphql_context", None)
    state.operation = getattr(context, "extras", {}).get("operation")
    codes = [(error.extensions or {}).get("code") for error in result.errors or ()]
    state.outcome = next((str(code) for code in codes if code), "ok") if codes else "ok"
    state.error_id = next(
        (
            (e.extensions or {})["errorId"]
            for e in result.errors or ()
            if e.extensions and "errorId" in e.extensions
        ),
        None,
    )


async def healthz(request: Request) -> Response:
    """The process is up (says nothing about Neo4j)."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """Ready when Neo4j answers within the request time limit; 503 otherwise."""
    state = app_state(request)
    try:
        # A frozen Neo4j accepts connections and never answers: bound the wait.
        async with asyncio.timeout(state.db.timeout):
            await state.driver.verify_connectivity()
    except Exception as exc:  # any failure means "not ready"; say which
        return JSONResponse({"status": "unavailable", "neo4j": type(exc).__name__}, status_code=503)
    return JSONResponse({"status": "ready", "neo4j": "ok"})


def create_app(
    settings: Settings | None = None,
    *,
    instance: str | None = None,
    limits: Limits | None = None,
    graphiql_token: str | None = None,
    bind: tuple[str, int] | None = None,
    metrics_access: str | None = None,
    lockout: Lockout | None = None,
    secure: bool = True,
) -> Starlette:
    """The API. `settings` default to NEO4J_URI & co., else the local instance (`instance`).

    `limits` default to Limits.from_env(). `graphiql_token` pre-fills GraphiQL's Authorization
    header (`make run` only), on pages requested by the loopback host:port of `bind` (the
    address the server listens on; never when that is not a loopback address).
    `metrics_access` is `token` (an ADMIN token) or `open` (default: THIRDLINK_METRICS, else
    `token`). `lockout` counts failed authentications per client address (default:
    Lockout.from_env()). `secure=False` drops the token check and the rate limit; only
    bench/bench_auth.py uses it, to measure what they cost."""
    limits = limits or Limits.from_env()
    lockout = lockout or Lockout.from_env()
    metrics_access = metrics_access or os.environ.get("THIRDLINK_METRICS", "token")
    if metrics_access not in ("token", "open"):
        raise ValueError(f"THIRDLINK_METRICS must be 'token' or 'open', not {metrics_access!r}")
    metrics = Metrics()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        resolved = settings or from_env(instance)
        driver = open_driver(resolved, **driver_timeouts(limits.request_timeout))
        db = Database(driver, resolved.database, timeout=limits.request_timeout)
        app.state.thirdlink = AppState(
            settings=resolved, driver=driver, db=db, authenticator=Authenticator(db)
        )
        try:
            yield
        finally:
            await driver.close()

    graphql_app = GraphQLApp(
        schema,
        graphql_ide="graphiql",
        request_timeout=limits.request_timeout,
        graphiql_token=graphiql_token,
        graphiql_hosts=local_hosts(*bind) if bind else frozenset(),
        read_path=read_path_from_env(),
    )
    limiter = RateLimiter(limits.rate, limits.burst)

    def gate(app: Any, *, graphql: bool = False, roles: frozenset[Role] | None = None) -> Any:
        """Deny by default: every route with data needs a token in the Authorization header."""
        if not secure:
            return _Unsecured(app)
        return GraphQLGate(
            app,
            authenticator=lambda scope: scope["app"].state.thirdlink.authenticator,
            limiter=limiter,
            ide_page=graphql,
            lockout=lockout,
            roles=roles,
        )

    def guarded(app: Any) -> Any:
        """The guard outside the gate bounds the whole request (token lookup included) and
        its body, and answers every failure as JSON (api/guard.py)."""
        return Guard(app, timeout=limits.request_timeout, max_body=limits.max_body)

    def gated(app: Any, *, graphql: bool = False, roles: frozenset[Role] | None = None) -> Any:
        return guarded(gate(app, graphql=graphql, roles=roles))

    def feed(app: Any) -> Any:
        """A calendar feed also opens with its own feed key (`?key=`, api/feeds.py)."""
        return guarded(FeedGate(app, gate(app), lockout, limiter) if secure else _Unsecured(app))

    metrics_route = (
        metrics.endpoint
        if metrics_access == "open"
        else gated(request_response(metrics.endpoint), roles=frozenset({Role.ADMIN}))
    )
    routes = [
        Route("/graphql", gated(graphql_app, graphql=True), methods=["GET", "POST"]),
        Route("/metrics", metrics_route),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/calendar/{kind}/{id:path}.ics", feed(request_response(calendar.calendar))),
        Route("/export/proposal-stats.csv", gated(request_response(exports.proposal_stats_csv))),
        Route("/export/proposal-stats.xlsx", gated(request_response(exports.proposal_stats_xlsx))),
        Route("/export/activity-stats.csv", gated(request_response(exports.activity_stats_csv))),
        Route("/export/activity-stats.xlsx", gated(request_response(exports.activity_stats_xlsx))),
        Route("/export/issue-stats.csv", gated(request_response(exports.issue_stats_csv))),
        Route("/export/issue-stats.xlsx", gated(request_response(exports.issue_stats_xlsx))),
        graphiql.assets_mount(),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(RequestObserver, metrics=metrics)
    return app


def read_path_from_env() -> ReadPath:
    """THIRDLINK_READ_PATH: compiled (default), general or checked (schema/readpath/)."""
    value = os.environ.get("THIRDLINK_READ_PATH", ReadPath.COMPILED.value)
    try:
        return ReadPath(value)
    except ValueError:
        choices = ", ".join(mode.value for mode in ReadPath)
        raise ValueError(f"THIRDLINK_READ_PATH must be one of {choices}, not {value!r}") from None


def driver_timeouts(request_timeout: float) -> dict[str, float]:
    """Driver settings that keep a sick Neo4j inside a request's time limit.

    The driver retries failed transactions (deadlocks, a lost server) with back-off delays of
    about 1, 2, 4, 8 s, for 30 s by default; the last delay may overshoot the retry time by as
    much again, so a stopped server took 13-16 s per request when retrying for 80% of the
    limit. A quarter of the limit still rides out a deadlock or two and gives up on a dead
    server well within it (503); deadlocks that outlast it are a 503 too ("try again",
    graph/kernel/db.py).
    A frozen server accepts TCP but never answers: opening a connection or waiting for one from
    the pool gives up within half the limit. The guard (api/guard.py) bounds the whole request."""
    return {
        "max_transaction_retry_time": request_timeout / 4,
        "connection_timeout": request_timeout / 2,
        "connection_acquisition_timeout": request_timeout / 2,
    }


class _Unsecured:
    """Every caller is an administrator: for the auth benchmark's baseline only."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        scope.setdefault("state", {})["viewer"] = UNSECURED
        await self.app(scope, receive, send)
