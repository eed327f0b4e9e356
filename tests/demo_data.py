"""The Zhucheng demo dataset for API tests: loaded into the test graph, and its names as text
to send (real Chinese names reach the code paths that ASCII never does)."""

from __future__ import annotations

import asyncio
from functools import cache

from graph import demo
from graph.db import Database, open_driver
from graph.loading import load_dataset
from graph.settings import Settings


def load_demo(settings: Settings) -> None:
    """Load the demo dataset into the test graph (from a sync test)."""

    async def load() -> None:
        async with open_driver(settings) as driver:
            await load_dataset(Database(driver, settings.database), demo.demo_dataset())

    asyncio.run(load())


@cache
def demo_names() -> tuple[str, ...]:
    """Every name and title in the demo dataset, sorted (stable for derandomized tests)."""
    names = {
        str(row[key])
        for rows in demo.demo_dataset().get("nodes", {}).values()
        for row in rows
        for key in ("name", "title", "code")
        if row.get(key)
    }
    return tuple(sorted(names))
