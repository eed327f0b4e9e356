"""Failed authentication attempts, counted per client address.

After `failures` wrong secrets (API tokens, feed keys) from one address within `window`
seconds, every further attempt from it is refused with RATE_LIMITED (HTTP 429, Retry-After)
until the window ends, right or wrong: a guesser learns nothing while locked out. A secret has
32 random bytes, so this is not what keeps it from being guessed; it keeps a scanner from
hammering the token lookup and stands out in the metrics (refusals by RATE_LIMITED).

THIRDLINK_AUTH_FAILURES and THIRDLINK_AUTH_WINDOW (seconds) override the defaults. Behind a
reverse proxy the client address is the proxy's unless uvicorn is told to trust its
X-Forwarded-For (`--forwarded-allow-ips`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable


class Lockout:
    MAX_KEYS = 10_000

    def __init__(
        self, failures: int = 20, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.failures = failures
        self.window = window
        self._clock = clock
        self._seen: dict[str, tuple[int, float]] = {}  # address → (failures, window start)

    @classmethod
    def from_env(cls) -> Lockout:
        default = cls()
        return cls(
            failures=int(os.environ.get("THIRDLINK_AUTH_FAILURES", default.failures)),
            window=float(os.environ.get("THIRDLINK_AUTH_WINDOW", default.window)),
        )

    def _current(self, address: str, now: float) -> tuple[int, float]:
        count, start = self._seen.get(address, (0, now))
        return (0, now) if now - start >= self.window else (count, start)

    def fail(self, address: str) -> None:
        """Record one failed attempt from `address`."""
        now = self._clock()
        count, start = self._current(address, now)
        if len(self._seen) >= self.MAX_KEYS and address not in self._seen:
            self._seen = {a: v for a, v in self._seen.items() if now - v[1] < self.window}
            if len(self._seen) >= self.MAX_KEYS:
                self._seen.clear()
        self._seen[address] = (count + 1, start)

    def wait(self, address: str) -> float:
        """0.0 when `address` may try; else the seconds until its window ends."""
        now = self._clock()
        count, start = self._current(address, now)
        return start + self.window - now if count >= self.failures else 0.0
