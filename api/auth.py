"""Who is calling, decided once per request before any GraphQL runs.

A request to /graphql must carry `Authorization: Bearer <token>` for an active API token
(graph/tokens.py); otherwise it is refused with UNAUTHENTICATED (HTTP 401) and nothing is
parsed or executed. Only the GraphiQL page itself (a browser GET without a query) is served
without a token: it holds no data. The same gate applies the per-token rate limit.

Token lookups are cached in-process for a few seconds (a revoked token stops working within
CACHE_SECONDS), and `lastUsed` is written at most once a minute per token. Both run outside
the request's round-trip count: X-Cypher-Round-Trips measures the operation, not bookkeeping.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Receive, Scope, Send

from api.limits import RateLimiter
from graph import tokens
from graph.audit import uncounted
from graph.db import Database, DomainError, ErrorCode
from schema.permissions import Role, Viewer

__all__ = ["Authenticator", "GraphQLGate", "Viewer"]

T = TypeVar("T")
# (status, raw headers, body) of a refusal answered by the gate itself.
Answer = tuple[int, list[tuple[bytes, bytes]], bytes]

CACHE_SECONDS = 5.0
TOUCH_SECONDS = 60.0


def bearer(headers: dict[bytes, bytes] | list[tuple[bytes, bytes]]) -> str | None:
    for key, value in headers if isinstance(headers, list) else headers.items():
        if key.lower() == b"authorization":
            scheme, _, secret = value.decode("latin-1").strip().partition(" ")
            if scheme.lower() == "bearer" and secret.strip():
                return secret.strip()
    return None


class Authenticator:
    """Bearer secret → Viewer, with a short in-process cache of positive and negative answers."""

    MAX_ENTRIES = 10_000

    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache: dict[str, tuple[float, Viewer | None]] = {}
        self._touched: dict[str, float] = {}

    async def viewer(self, secret: str) -> Viewer | None:
        key = tokens.hash_secret(secret)
        now = time.monotonic()
        cached = self._cache.get(key)
        if cached is not None and now - cached[0] < CACHE_SECONDS:
            viewer = cached[1]
        else:
            token = await uncounted(tokens.by_secret(self.db, secret))
            viewer = (
                Viewer(name=token.name, role=Role(token.role), token_id=token.id)
                if token is not None
                else None
            )
            if len(self._cache) >= self.MAX_ENTRIES:
                self._cache.clear()
            self._cache[key] = (now, viewer)
        if (
            viewer is not None
            and now - self._touched.get(viewer.token_id, -math.inf) > TOUCH_SECONDS
        ):
            self._touched[viewer.token_id] = now
            await uncounted(tokens.touch(self.db, viewer.token_id))
        return viewer


def refusal(message: str, code: str, status: int, headers: dict[str, str] | None = None) -> Answer:
    body = json.dumps(
        {"errors": [{"message": message, "extensions": {"code": code}}]}, ensure_ascii=False
    ).encode()
    raw = [(b"content-type", b"application/json; charset=utf-8")]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    return status, raw, body


UNAUTHENTICATED = refusal(
    "需要有效的 API 令牌（Authorization: Bearer …）/ "
    "A valid API token is required (Authorization: Bearer …)",
    "UNAUTHENTICATED",
    401,
    {"www-authenticate": 'Bearer realm="thirdlink"'},
)

UNAVAILABLE = refusal(
    "图数据库暂时不可用，请稍后重试 / The graph database is unavailable; try again shortly",
    "SERVICE_UNAVAILABLE",
    503,
    {"retry-after": "5"},
)


class GraphQLGate:
    """ASGI wrapper for the GraphQL endpoint: authenticate, rate-limit, then pass on with the
    viewer in `scope["state"]["viewer"]`. Refusals are recorded in `scope["state"]["refusal"]`
    for the request log and metrics."""

    def __init__(
        self,
        app: ASGIApp,
        authenticator: Callable[[Scope], Authenticator],
        limiter: RateLimiter | None,
        *,
        ide_page: bool = True,
        query_token: bool = False,
    ) -> None:
        self.app = app
        self.authenticator = authenticator
        self.limiter = limiter
        # The GraphiQL page (no data) is open on /graphql only.
        self.ide_page = ide_page
        # Calendar apps and spreadsheet downloads cannot send headers: those routes also take
        # `?token=…` (a secret URL, as calendar services issue them).
        self.query_token = query_token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (self.ide_page and _is_ide_page(scope)):
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        secret = bearer(scope.get("headers", []))
        if secret is None and self.query_token:
            secret = _query_token(scope)
        try:
            viewer = await self.authenticator(scope).viewer(secret) if secret else None
        except DomainError as exc:
            if exc.code is not ErrorCode.UNAVAILABLE:
                raise
            await _refuse(scope, receive, send, UNAVAILABLE, "SERVICE_UNAVAILABLE")
            return
        if viewer is None:
            await _refuse(scope, receive, send, UNAUTHENTICATED, "UNAUTHENTICATED")
            return
        state["viewer"] = viewer
        if self.limiter is not None:
            wait = self.limiter.take(viewer.token_id)
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                limited = refusal(
                    f"请求过于频繁，请 {seconds} 秒后重试 / Too many requests; retry in {seconds}s",
                    "RATE_LIMITED",
                    429,
                    {"retry-after": str(seconds)},
                )
                await _refuse(scope, receive, send, limited, "RATE_LIMITED")
                return
        await self.app(scope, receive, send)


def _query_token(scope: Scope) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
    return values[0].strip() or None if values else None


def _is_ide_page(scope: Scope) -> bool:
    """A browser asking for the GraphiQL page (GET, wants HTML, no query)."""
    if scope["method"] != "GET" or b"query=" in scope.get("query_string", b""):
        return False
    accept = dict(scope.get("headers", [])).get(b"accept", b"")
    return b"text/html" in accept


async def _refuse(scope: Scope, receive: Receive, send: Send, answer: Answer, code: str) -> None:
    scope.setdefault("state", {})["refusal"] = code
    status, headers, body = answer
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
