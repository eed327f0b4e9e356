"""What one caller may ask of the service: request rate, time per request (cost, depth,
aliases and tokens are checked by the schema, see schema/build.py).

Every refusal is a GraphQL error with a code: RATE_LIMITED (HTTP 429 with Retry-After),
TIMEOUT (504), PAYLOAD_TOO_LARGE (413), COST_LIMIT, and the parse-time limits.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    # Token bucket per API token: `rate` requests per second on average, bursts up to `burst`.
    rate: float = 50.0
    burst: int = 100
    # Wall-clock bound on one GraphQL request; also the Neo4j transaction timeout, so the
    # database stops the Cypher of a request the API has given up on.
    request_timeout: float = 10.0
    # Largest request body read (bytes); larger ones get 413 before they are read.
    max_body: int = 1024 * 1024

    @classmethod
    def from_env(cls) -> Limits:
        """THIRDLINK_RATE, THIRDLINK_BURST, THIRDLINK_REQUEST_TIMEOUT (seconds) and
        THIRDLINK_MAX_BODY (bytes) override."""
        default = cls()
        return cls(
            rate=float(os.environ.get("THIRDLINK_RATE", default.rate)),
            burst=int(os.environ.get("THIRDLINK_BURST", default.burst)),
            request_timeout=float(
                os.environ.get("THIRDLINK_REQUEST_TIMEOUT", default.request_timeout)
            ),
            max_body=int(os.environ.get("THIRDLINK_MAX_BODY", default.max_body)),
        )


class RateLimiter:
    """In-process token buckets, one per API token id. With several API processes each has
    its own buckets; that is accepted (the limit exists to keep one caller from starving the
    rest, not for billing)."""

    MAX_KEYS = 10_000

    def __init__(self, rate: float, burst: int, clock: object = time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, updated)

    def take(self, key: str) -> float:
        """Take one request from `key`'s bucket: 0.0 when allowed, else seconds to wait."""
        now: float = self._clock()  # type: ignore[operator]
        tokens, updated = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - updated) * self.rate)
        if tokens >= 1.0:
            if len(self._buckets) >= self.MAX_KEYS and key not in self._buckets:
                self._buckets.clear()  # idle buckets are full anyway; forgetting them is safe
            self._buckets[key] = (tokens - 1.0, now)
            return 0.0
        self._buckets[key] = (tokens, now)
        return (1.0 - tokens) / self.rate if self.rate > 0 else math.inf
