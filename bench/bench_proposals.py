"""Benchmark (a script, not a test): load 1,000,000 synthetic suggestions into a fresh instance
`bench-proposals`, then time proposalStats by INDUSTRY and by INDUSTRY_SECTION for one year.

    .venv/bin/python -m bench.bench_proposals
    (options: --count 1000000 --batch 10000 --writers 2 --runs 25 --no-events --keep --measure-only)

The instance starts from an empty store every time (its data directory is removed first), with
a 2 GB heap and a 1 GB page cache, so runs are comparable and the load is a true bulk load
into a graph that has its indexes (migrations) but none of these suggestions. Each phase is
timed: server start, migrations, base data (groups, units, industries), suggestions with their
events, then the statistics.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import shutil
import statistics
import time
from collections.abc import Iterator

from api.settings import from_env
from datasets.synthetic.proposals import base_dataset, proposal_batches
from graph import migrations
from graph.kernel.db import Database, open_driver
from graph.kernel.loading import Row, load_dataset
from graph.proposals import stats as proposal_stats
from graph.proposals.bulk import BulkCounts, bulk_counts, bulk_create
from graph.proposals.reads import ProposalFilter
from launcher import server

INSTANCE = "bench-proposals"
YEAR = 2024
DIMENSIONS = ("INDUSTRY", "INDUSTRY_SECTION")


def _next(batches: Iterator[list[Row]]) -> list[Row] | None:
    return next(batches, None)


async def _write(db: Database, rows: list[Row], events: bool) -> BulkCounts:
    await bulk_create(db, rows, events=events)
    return bulk_counts(rows, events=events)


async def load(db: Database, count: int, batch: int, events: bool, writers: int) -> None:
    """Write batches with up to `writers` transactions in flight (Neo4j runs each statement on
    one core; the next batch is built in a thread meanwhile). Concurrent batches touch the same
    few group, industry and unit nodes; a deadlock between them is retried by the driver."""
    started = time.perf_counter()
    nodes = rels = done = 0
    batches = proposal_batches(count, batch=batch)
    in_flight: set[asyncio.Task[BulkCounts]] = set()

    async def settle(when: str) -> None:
        nonlocal in_flight, done, nodes, rels
        finished, in_flight = await asyncio.wait(in_flight, return_when=when)
        for task in finished:
            counted = task.result()
            before = done
            done += counted.proposals
            nodes += counted.nodes
            rels += counted.relationships
            if done // 100_000 > before // 100_000:
                elapsed = time.perf_counter() - started
                print(
                    f"  {done:,} suggestions, {elapsed:.0f}s ({done / elapsed:,.0f}/s)", flush=True
                )

    while (rows := await asyncio.to_thread(_next, batches)) is not None:
        if len(in_flight) >= writers:
            await settle(asyncio.FIRST_COMPLETED)
        in_flight.add(asyncio.create_task(_write(db, rows, events)))
    if in_flight:
        await settle(asyncio.ALL_COMPLETED)
    seconds = time.perf_counter() - started
    print(
        f"suggestions: {done:,} in {seconds:.1f}s = {done / seconds:,.0f} suggestions/s; "
        f"{nodes:,} nodes + {rels:,} relationships = {(nodes + rels) / seconds:,.0f}/s "
        f"(events {'on' if events else 'off'}, batches of {batch:,}, {writers} writers)"
    )


async def measure(db: Database, runs: int) -> None:
    year = ProposalFilter(date_from=dt.date(YEAR, 1, 1), date_to=dt.date(YEAR, 12, 31))
    for dim in DIMENSIONS:
        await proposal_stats.proposal_stats(db, [dim], year)  # warm up
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            stats = await proposal_stats.proposal_stats(db, [dim], year)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(len(times) * 0.95) - 1)]
        print(
            f"proposalStats(groupBy: [{dim}], {YEAR}): {stats.totals.total:,} suggestions, "
            f"{len(stats.rows)} rows; median {statistics.median(times):.0f} ms, "
            f"p95 {p95:.0f} ms, min {times[0]:.0f} ms over {runs} runs"
        )


async def main(
    count: int, batch: int, writers: int, runs: int, events: bool, load_data: bool
) -> None:
    settings = from_env(INSTANCE)
    async with open_driver(settings) as driver:
        db = Database(driver, settings.database)
        if not load_data:
            await measure(db, runs)
            return
        t0 = time.perf_counter()
        await migrations.migrate(db, log=lambda _: None)  # waits for the indexes to be online
        t1 = time.perf_counter()
        stats = await load_dataset(db, base_dataset())
        t2 = time.perf_counter()
        print(f"migrations: {t1 - t0:.1f}s")
        print(f"base data: {stats.nodes:,} nodes, {stats.relationships:,} rels in {t2 - t1:.1f}s")
        await load(db, count, batch, events, writers)
        await measure(db, runs)


def start(fresh: bool) -> None:
    """Start the instance with the benchmark's memory; `fresh` drops its store first."""
    os.environ["THIRDLINK_NEO4J_HEAP"] = "2g"
    os.environ["THIRDLINK_NEO4J_PAGECACHE"] = "1g"
    server.stop(INSTANCE, log=lambda _: None)  # a running instance may have other settings
    if fresh:
        shutil.rmtree(server.Instance(INSTANCE).home / "data", ignore_errors=True)
    started = time.perf_counter()
    server.start(INSTANCE, log=print)
    store = "fresh store" if fresh else "store kept"
    print(f"server start: {time.perf_counter() - started:.1f}s ({store}, heap 2g, page cache 1g)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--writers", type=int, default=2, help="transactions in flight")
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--no-events", action="store_true")
    parser.add_argument("--keep", action="store_true", help="leave the instance running")
    parser.add_argument(
        "--measure-only", action="store_true", help="time the statistics on the data loaded before"
    )
    args = parser.parse_args()
    start(fresh=not args.measure_only)
    try:
        asyncio.run(
            main(
                args.count,
                args.batch,
                args.writers,
                args.runs,
                not args.no_events,
                not args.measure_only,
            )
        )
    finally:
        if not args.keep:
            server.stop(INSTANCE, log=print)
