"""Benchmark (a script, not a test): a synthetic city with 2,000 deputies and 2,000 activities
in one year, loaded into instance `bench-trips`; then `trip_conflicts` and `suggest_trip` timed
on the graph layer (median and p95 in ms). Target: median under 50 ms.

    .venv/bin/python bench/bench_trips.py            (options: --deputies --activities --runs
                                                      --seed --keep)
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import time
from collections.abc import Awaitable, Callable

from api.settings import from_env
from datasets.synthetic.base import synthetic_dataset
from datasets.synthetic.trips import synthetic_trips
from graph import migrations
from graph.kernel import transfer
from graph.kernel.db import Database, open_driver
from graph.kernel.loading import load_dataset
from graph.trips import conflicts as trip_conflicts
from graph.trips import reads
from launcher import server

INSTANCE = "bench-trips"
ACTIVITY_IDS = "MATCH (a:Activity) RETURN a.id AS id ORDER BY id"
GROUP_CODES = "MATCH (:DeputyGroup)-[:IN_INDUSTRY]->(i:Industry) RETURN DISTINCT i.code AS code"
SHAPE = """
MATCH (a:Activity) WITH count(a) AS activities
RETURN activities, COUNT { MATCH (:Deputy) } AS deputies,
       COUNT { MATCH ()-[:TAKES_PART]->() } AS participations,
       COUNT { MATCH ()-[:VISITS]->() } AS visits
"""


async def timed(label: str, runs: int, call: Callable[[int], Awaitable[int]]) -> float:
    await call(0)  # warm up: plans cached, pages hot
    times, sizes = [], []
    for i in range(runs):
        t0 = time.perf_counter()
        sizes.append(await call(i))
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    median = statistics.median(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"{label}: median {median:.1f} ms, p95 {p95:.1f} ms over {runs} runs "
          f"(mean result size {statistics.mean(sizes):.1f})")  # fmt: skip
    return median


async def main(deputies: int, activities: int, runs: int, seed: int) -> None:
    settings = from_env(INSTANCE)
    async with open_driver(settings) as driver:
        db = Database(driver, settings.database)
        await migrations.migrate(db, log=lambda _: None)
        await transfer.wipe(db)
        started = time.perf_counter()
        stream = synthetic_trips(
            synthetic_dataset(deputies=deputies, seed=seed), activities, seed=seed
        )
        stats = await load_dataset(db, stream)
        print(f"Loaded {stats.nodes:,} nodes and {stats.relationships:,} relationships in "
              f"{time.perf_counter() - started:.1f}s")  # fmt: skip
        print("Shape:", (await db.read(SHAPE))[0])
        ids = [r["id"] for r in await db.read(ACTIVITY_IDS)]
        codes = [r["code"] for r in await db.read(GROUP_CODES)]
        rng = random.Random(seed)
        picks = [rng.choice(ids) for _ in range(runs + 1)]
        windows = []
        for _ in range(runs + 1):
            start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(360))
            windows.append((rng.choice(codes), start, start + dt.timedelta(days=2)))

        async def conflicts(i: int) -> int:
            return len(await trip_conflicts.trip_conflicts(db, picks[i]))

        async def suggest(i: int) -> int:
            code, start, end = windows[i]
            found = await reads.suggest_trip(db, code, start, end)
            return len(found.invitees) + len(found.enterprises)

        a = await timed("trip_conflicts", runs, conflicts)
        b = await timed("suggest_trip", runs, suggest)
        verdict = "met" if max(a, b) < 50 else "NOT met"
        print(f"Target (median < 50 ms): {verdict}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deputies", type=int, default=2000)
    parser.add_argument("--activities", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="leave the instance running")
    args = parser.parse_args()
    server.start(INSTANCE, log=print)
    try:
        asyncio.run(main(args.deputies, args.activities, args.runs, args.seed))
    finally:
        if not args.keep:
            server.stop(INSTANCE, log=print)
