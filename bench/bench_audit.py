"""What the audit trail costs a write now that it rides in the write's own transaction.

    python -m bench.bench_audit [--instance bench-audit] [--writes 300]

Creates congresses through graph/kernel/nodes.py three ways, in alternating rounds: without an
audit event, with the event in the same transaction (`audit.pending`, as the API does), and
with the event in a second transaction after the first commits (how it was done before).
Prints milliseconds per write; asserts nothing (benchmarks are not tests). It wipes the
instance's graph.
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid

from api.settings import from_env
from graph import migrations
from graph.kernel import audit, nodes
from graph.kernel.db import Database, open_driver
from graph.kernel.transfer import wipe
from launcher import server

SEPARATE = """
CREATE (e:AuditEvent {id: $id, at: datetime(), tokenName: 'bench', role: 'ADMIN',
                      operation: 'createCongress', ids: [$ref]})
"""


async def one(db: Database, side: str) -> None:
    props = {"name": f"基准人大{uuid.uuid4().hex[:8]}", "level": "CITY"}
    if side == "same transaction":
        with audit.pending(token_name="bench", role="ADMIN", operation="createCongress", ids=[]):
            await nodes.create_node(db, "Congress", props)
    else:
        row = await nodes.create_node(db, "Congress", props)
        if side == "second transaction":
            await db.write(SEPARATE, id=str(uuid.uuid4()), ref=f"Congress:{row['id']}")


async def run(instance: str, writes: int) -> None:
    settings = from_env(instance)
    async with open_driver(settings) as driver:
        db = Database(driver, settings.database)
        await migrations.migrate(db, log=lambda _: None)
        await wipe(db)
        sides = ("no event", "same transaction", "second transaction")
        for side in sides:  # warm-up: query plans, connections
            for _ in range(20):
                await one(db, side)
        spent = dict.fromkeys(sides, 0.0)
        rounds = 5
        for _ in range(rounds):
            for side in sides:
                t0 = time.perf_counter()
                for _ in range(writes // rounds):
                    await one(db, side)
                spent[side] += time.perf_counter() - t0
        done = rounds * (writes // rounds)
        print(
            f"{done} sequential creates per side: "
            + ", ".join(f"{side} {1000 * spent[side] / done:.2f} ms" for side in sides),
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", default="bench-audit")
    parser.add_argument("--writes", type=int, default=300)
    args = parser.parse_args()
    server.start(args.instance, log=lambda _: None)
    asyncio.run(run(args.instance, args.writes))


if __name__ == "__main__":
    main()
