"""What the write locks cost: creates and links one after another, and creates of distinct
names in parallel (they queue on their label's anchor, graph/kernel/locks.py).

    python -m bench.bench_locks [--instance bench-locks] [--count 200] [--parallel 20]

Runs at the graph layer on its own instance (wiped first), prints writes per second, asserts
nothing (benchmarks are not tests).
"""

from __future__ import annotations

import argparse
import asyncio
import time

from api.settings import from_env
from graph import migrations
from graph.kernel import nodes
from graph.kernel.db import Database, open_driver
from graph.kernel.transfer import wipe
from graph.liaison import links
from graph.liaison.links import LinkSpec
from launcher import server


async def run(instance: str, count: int, parallel: int) -> None:
    settings = from_env(instance)
    async with open_driver(settings) as driver:
        db = Database(driver, settings.database)
        await migrations.migrate(db, log=lambda _: None)
        await wipe(db)

        started = time.perf_counter()
        firms = [
            (await nodes.create_node(db, "Enterprise", {"name": f"基准企业{i:05d}"}))["id"]
            for i in range(count)
        ]
        took = time.perf_counter() - started
        print(
            f"createEnterprise, one after another: {count / took:7.1f}/s ({count} in {took:.2f}s)"
        )

        alliance = (await nodes.create_node(db, "Alliance", {"name": "基准产业联盟"}))["id"]
        started = time.perf_counter()
        for firm in firms:
            await links.link(
                db, LinkSpec("ALLIANCE_MEMBER", "Enterprise", firm, "Alliance", alliance)
            )
        took = time.perf_counter() - started
        print(
            f"addAllianceMember, one after another: {count / took:7.1f}/s ({count} in {took:.2f}s)"
        )

        started = time.perf_counter()
        for batch in range(0, count, parallel):
            await asyncio.gather(
                *(
                    nodes.create_node(db, "Alliance", {"name": f"并行联盟{i:05d}"})
                    for i in range(batch, min(batch + parallel, count))
                )
            )
        took = time.perf_counter() - started
        print(
            f"createAlliance, {parallel} at a time (distinct names): "
            f"{count / took:7.1f}/s ({count} in {took:.2f}s)"
        )
        await wipe(db)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", default="bench-locks")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--parallel", type=int, default=20)
    args = parser.parse_args()
    started_here = not server.is_running(server.Instance(args.instance))
    server.start(args.instance, log=lambda _: None)
    try:
        asyncio.run(run(args.instance, args.count, args.parallel))
    finally:
        if started_here:
            server.stop(args.instance, log=lambda _: None)


if __name__ == "__main__":
    main()
