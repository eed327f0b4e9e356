"""What auth and limits cost: requests per second with and without them, same query.

    python -m bench.bench_auth [--instance bench-auth] [--requests 2000] [--concurrency 8]

Serves the API twice with uvicorn on 127.0.0.1: as shipped (token check with its cache, rate
limit, request timeout) and built with `create_app(..., secure=False)` (no token, no rate limit,
no request timeout; the schema's cost/depth limits and the audit extension stay, they are part
of the schema). Both answer the same read over the demo data through httpx. One run (four
alternating rounds per side), printed, nothing asserted (benchmarks are not tests).
"""

from __future__ import annotations

import argparse
import asyncio
import threading
import time

import httpx
import uvicorn

from api.app import create_app
from api.limits import Limits
from api.settings import from_env
from datasets.demo import compose as demo
from graph import migrations
from graph.kernel import loading, tokens
from graph.kernel.db import Database, open_driver
from graph.kernel.settings import Settings
from graph.kernel.transfer import wipe
from launcher import server

QUERY = "{ committees(first: 20) { totalCount edges { node { name groups { totalCount } } } } }"
# The rate limit is on, but far above what one benchmark client can send.
LIMITS = Limits(rate=1e6, burst=10**6)


async def prepare(settings: Settings) -> str:
    async with open_driver(settings) as driver:
        db = Database(driver, settings.database)
        await migrations.migrate(db, log=lambda _: None)
        await wipe(db)
        await loading.load_dataset(db, demo.demo_dataset())
        _, secret = await tokens.create(db, "bench", "VIEWER")
    return secret


def serve(app: object, port: int) -> uvicorn.Server:
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")  # type: ignore[arg-type]
    instance = uvicorn.Server(config)
    threading.Thread(target=instance.run, daemon=True).start()
    while not instance.started:
        time.sleep(0.05)
    return instance


async def measure(port: int, headers: dict[str, str], requests: int, concurrency: int) -> float:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=headers) as client:
        for _ in range(50):  # warm-up: connections, caches, JIT of the query plan
            (await client.post("/graphql", json={"query": QUERY})).raise_for_status()
        remaining = requests

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                response = await client.post("/graphql", json={"query": QUERY})
                response.raise_for_status()

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return requests / (time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", default="bench-auth")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    server.start(args.instance, log=lambda _: None)
    settings = from_env(args.instance)
    secret = asyncio.run(prepare(settings))
    secured = serve(create_app(settings, limits=LIMITS), 8781)
    unsecured = serve(create_app(settings, secure=False), 8782)
    # Alternate in rounds so drift on a shared machine (other load, Neo4j warming up) hits
    # both sides alike; the figure is total requests over total time per side.
    rounds, per_round = 4, args.requests // 4
    times = {"with": 0.0, "without": 0.0}
    try:
        for _ in range(rounds):
            for side, port, headers in (
                ("with", 8781, {"Authorization": f"Bearer {secret}"}),
                ("without", 8782, {}),
            ):
                rate = asyncio.run(measure(port, headers, per_round, args.concurrency))
                times[side] += per_round / rate
    finally:
        secured.should_exit = unsecured.should_exit = True
    with_auth = rounds * per_round / times["with"]
    without = rounds * per_round / times["without"]
    cost = 100 * (without - with_auth) / without
    print(
        f"{args.requests} requests, {args.concurrency} concurrent, same query: "
        f"with auth+limits {with_auth:,.0f} req/s, without {without:,.0f} req/s "
        f"({cost:+.1f}% cost)",
        flush=True,
    )


if __name__ == "__main__":
    main()
