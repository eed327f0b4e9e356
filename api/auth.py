"""Who is calling, decided once per request before any GraphQL runs.

A request to /graphql (and to every other route with data) must carry `Authorization: Bearer
<token>` for an active API token (graph/kernel/tokens.py); otherwise it is refused with
UNAUTHENTICATED (HTTP 401) and nothing is parsed or executed. Deny by default: the one thing
served without a token is the GraphiQL page itself, and only for a GET that wants HTML and has
no query parameters at all, decided on the parsed request (never on raw bytes: `%71uery=` is
`query=` to the GraphQL handler). The same gate applies the per-token rate limit, and locks out
a client address after repeated failed attempts (api/lockout.py), so secrets cannot be guessed
quickly.

Token lookups are cached in-process for a few seconds (a revoked token stops working within
CACHE_SECONDS), and `lastUsed` is written at most once a minute per token. Both run outside
the request's round-trip count: X-Cypher-Round-Trips measures the operation, not bookkeeping.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

from starlette.datastructures import Headers, QueryParams
from starlette.types import ASGIApp, Receive, Scope, Send

from api.limits import RateLimiter
from api.lockout import Lockout
from graph.kernel import tokens
from graph.kernel.audit import uncounted
from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from schema.permissions import Role, Viewer

__all__ = ["Authenticator", "GraphQLGate", "Viewer", "is_ide_page", "is_ide_request"]

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
                Viewer(
                    name=token.name,
                    role=Role(token.role),
                    token_id=token.id,
                    deputy_id=token.deputy_id,
                )
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
        lockout: Lockout | None = None,
        roles: frozenset[Role] | None = None,
    ) -> None:
        self.app = app
        self.authenticator = authenticator
        self.limiter = limiter
        # The GraphiQL page (no data) is open on /graphql only.
        self.ide_page = ide_page
        self.lockout = lockout
        # Routes for some roles only (/metrics: ADMIN); GraphQL checks roles per field.
        self.roles = roles

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (self.ide_page and is_ide_page(scope)):
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        secret = bearer(scope.get("headers", []))
        if secret is not None and await locked_out(self.lockout, scope, receive, send):
            return
        try:
            viewer = await self.authenticator(scope).viewer(secret) if secret else None
        except DomainError as exc:
            if exc.code is not ErrorCode.UNAVAILABLE:
                raise
            await send_refusal(scope, receive, send, UNAVAILABLE, "SERVICE_UNAVAILABLE")
            return
        if viewer is None:
            if secret is not None and self.lockout is not None:
                self.lockout.fail(client_address(scope))
            await send_refusal(scope, receive, send, UNAUTHENTICATED, "UNAUTHENTICATED")
            return
        state["viewer"] = viewer
        if self.roles is not None and viewer.role not in self.roles:
            await send_refusal(scope, receive, send, forbidden(self.roles), "FORBIDDEN")
            return
        if await rate_limited(self.limiter, viewer.token_id, scope, receive, send):
            return
        await self.app(scope, receive, send)


async def rate_limited(
    limiter: RateLimiter | None, key: str, scope: Scope, receive: Receive, send: Send
) -> bool:
    """Take one request from `key`'s bucket; refuse (429) and return True when it is empty."""
    wait = limiter.take(key) if limiter is not None else 0.0
    return await _retry_later(wait, "请求过于频繁", "Too many requests", scope, receive, send)


async def _retry_later(
    wait: float, zh: str, en: str, scope: Scope, receive: Receive, send: Send
) -> bool:
    """Refuse with 429 and Retry-After when `wait` (seconds) is positive; True when refused."""
    if wait <= 0:
        return False
    seconds = max(1, math.ceil(wait))
    answer = refusal(
        f"{zh}，请 {seconds} 秒后重试 / {en}; retry in {seconds}s",
        "RATE_LIMITED",
        429,
        {"retry-after": str(seconds)},
    )
    await send_refusal(scope, receive, send, answer, "RATE_LIMITED")
    return True


def forbidden(roles: frozenset[Role]) -> Answer:
    names = sorted(role.value for role in roles)
    return refusal(
        f"无权访问（需要 {'/'.join(names)} 角色）/ Forbidden: this needs the role "
        f"{' or '.join(names)}",
        "FORBIDDEN",
        403,
    )


def is_ide_page(scope: Scope) -> bool:
    """A browser asking for the GraphiQL page: GET, wants HTML, and no query parameters at all.

    Decided on the request as Starlette parses it (percent-decoding, any letter case, blank
    values), so no spelling of a parameter gets past the gate to the GraphQL handler."""
    if scope["method"] != "GET":  # POSTs (nearly all traffic) skip the parsing
        return False
    return is_ide_request(
        scope["method"],
        QueryParams(scope.get("query_string", b"")),
        Headers(scope=scope).get("accept", ""),
    )


def is_ide_request(method: str, query_params: Mapping[str, str], accept: str) -> bool:
    return method == "GET" and len(query_params) == 0 and "text/html" in accept


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


def local_hosts(host: str, port: int) -> frozenset[str]:
    """The Host header values of a browser on this machine talking to a server bound to
    `host:port`: empty unless `host` is a loopback address (a server reachable from other
    machines never hands out the local token)."""
    if host not in LOOPBACK_NAMES:
        return frozenset()
    if host in ("::1", "[::1]"):
        return frozenset({f"[::1]:{port}", f"localhost:{port}"})
    return frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


async def locked_out(lockout: Lockout | None, scope: Scope, receive: Receive, send: Send) -> bool:
    """Refuse (429) a client address with too many failed attempts; True when refused."""
    wait = lockout.wait(client_address(scope)) if lockout is not None else 0.0
    return await _retry_later(
        wait,
        "失败的认证尝试过多",
        "Too many failed authentication attempts",
        scope,
        receive,
        send,
    )


async def send_refusal(
    scope: Scope, receive: Receive, send: Send, answer: Answer, code: str
) -> None:
    scope.setdefault("state", {})["refusal"] = code
    status, headers, body = answer
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
