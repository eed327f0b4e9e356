"""The gate of the calendar feeds: `?key=<feed key>` (graph/trips/feeds.py) opens exactly
the feed the key was issued for; without a key the request goes through the API-token gate
(api/auth.py).

A key of deputy A's feed does not open deputy B's, nor any other route: only this gate reads
`key`, and only for calendars. A wrong key counts as a failed attempt (api/lockout.py); a
right one is rate-limited like a token (its own bucket), so a leaked key cannot flood the API.
"""

from __future__ import annotations

from starlette.datastructures import QueryParams
from starlette.types import ASGIApp, Receive, Scope, Send

from api.auth import (
    UNAUTHENTICATED,
    UNAVAILABLE,
    client_address,
    locked_out,
    rate_limited,
    send_refusal,
)
from api.calendar import candidate_ids
from api.limits import RateLimiter
from api.lockout import Lockout
from graph.kernel.audit import uncounted
from graph.kernel.errors import DomainError, ErrorCode
from graph.trips import feeds
from graph.trips.vocab import CALENDAR_OWNERS


class FeedGate:
    def __init__(
        self,
        app: ASGIApp,
        token_gate: ASGIApp,
        lockout: Lockout | None,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.app = app
        self.token_gate = token_gate
        self.lockout = lockout
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = QueryParams(scope.get("query_string", b"")).get("key")
        if scope["type"] != "http" or not key:
            await self.token_gate(scope, receive, send)
            return
        if await locked_out(self.lockout, scope, receive, send):
            return
        try:
            feed = await uncounted(feeds.by_key(scope["app"].state.thirdlink.db, key))
        except DomainError as exc:
            if exc.code is not ErrorCode.UNAVAILABLE:
                raise
            await send_refusal(scope, receive, send, UNAVAILABLE, "SERVICE_UNAVAILABLE")
            return
        params = scope.get("path_params", {})
        if feed is None or not _opens(feed, params.get("kind", ""), params.get("id", "")):
            if self.lockout is not None:
                self.lockout.fail(client_address(scope))
            await send_refusal(scope, receive, send, UNAUTHENTICATED, "UNAUTHENTICATED")
            return
        scope.setdefault("state", {})["feed"] = feed
        if await rate_limited(self.limiter, f"feed:{feed.id}", scope, receive, send):
            return
        await self.app(scope, receive, send)


def _opens(feed: feeds.Feed, kind: str, raw_id: str) -> bool:
    label = CALENDAR_OWNERS.get(kind)
    return label is not None and feed.kind == kind and feed.owner_id in candidate_ids(raw_id, label)
