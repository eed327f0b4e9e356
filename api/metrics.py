"""Prometheus metrics at /metrics and the per-request observer that feeds them and the log.

Each app has its own registry (several apps live in one test process). Labels stay bounded:
`operation` is `query`/`mutation` plus the root field names the schema knows (set by
schema/cost.py), never free client text; `outcome` is `ok` or an error code.
"""

from __future__ import annotations

import time
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.logging import log_request
from graph.kernel.db import count_round_trips

# The codes of refusals by a limit (the rest of the outcomes are errors or success).
LIMIT_CODES = frozenset(
    {
        "UNAUTHENTICATED",
        "RATE_LIMITED",
        "COST_LIMIT",
        "DEPTH_LIMIT",
        "ALIAS_LIMIT",
        "TOKEN_LIMIT",
        "TIMEOUT",
        "FORBIDDEN",
        "PAYLOAD_TOO_LARGE",
    }
)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "thirdlink_requests",
            "GraphQL requests by operation and outcome (ok or the error code).",
            ("operation", "outcome"),
            registry=self.registry,
        )
        self.latency = Histogram(
            "thirdlink_request_seconds",
            "GraphQL request latency in seconds, by operation.",
            ("operation",),
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
        )
        self.round_trips = Histogram(
            "thirdlink_cypher_round_trips",
            "Cypher round trips per GraphQL request, by operation.",
            ("operation",),
            registry=self.registry,
            buckets=(0, 1, 2, 3, 4, 6, 8, 12, 16, 32, 64),
        )
        self.refusals = Counter(
            "thirdlink_refusals",
            "Requests refused by a limit (rate, cost, depth, aliases, tokens, time, role, body).",
            ("limit",),
            registry=self.registry,
        )

    def observe(self, operation: str, outcome: str, seconds: float, round_trips: int) -> None:
        self.requests.labels(operation, outcome).inc()
        self.latency.labels(operation).observe(seconds)
        self.round_trips.labels(operation).observe(round_trips)
        if outcome in LIMIT_CODES:
            self.refusals.labels(outcome).inc()

    async def endpoint(self, request: Request) -> Response:
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)


class RequestObserver:
    """Around every HTTP request: count its Cypher round trips (X-Cypher-Round-Trips; tests and
    operators read it to see that DataLoaders keep requests bounded), write the one log line,
    and for /graphql record metrics.

    The log line has the path without its query string: feed keys ride in the query string
    (`?key=`), and nothing secret may reach a log. `thirdlink serve` turns uvicorn's own access
    log off for the same reason."""

    def __init__(self, app: ASGIApp, metrics: Metrics, path: str = "/graphql") -> None:
        self.app = app
        self.metrics = metrics
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state: dict[str, Any] = scope.setdefault("state", {})
        started = time.perf_counter()
        status = 500
        with count_round_trips() as counter:

            async def send_with_count(message: Message) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = message["status"]
                    headers = list(message.get("headers", []))
                    headers.append((b"x-cypher-round-trips", str(counter.count).encode()))
                    message = {**message, "headers": headers}
                await send(message)

            try:
                await self.app(scope, receive, send_with_count)
            finally:
                self._record(scope, state, status, time.perf_counter() - started, counter.count)

    def _record(
        self, scope: Scope, state: dict[str, Any], status: int, seconds: float, trips: int
    ) -> None:
        operation = str(state.get("operation") or "none")
        outcome = str(state.get("refusal") or state.get("outcome") or _by_status(status))
        if scope["path"] == self.path:
            self.metrics.observe(operation, outcome, seconds, trips)
        viewer = state.get("viewer")
        feed = state.get("feed")
        log_request(
            method=scope["method"],
            path=scope["path"],  # never the query string
            status=status,
            operation=operation,
            outcome=outcome,
            ms=round(seconds * 1000, 1),
            roundTrips=trips,
            token=getattr(viewer, "name", None),
            role=getattr(getattr(viewer, "role", None), "value", None),
            feed=getattr(feed, "id", None),
            errorId=state.get("error_id"),
        )


def _by_status(status: int) -> str:
    return "ok" if status < 400 else f"HTTP_{status}"
