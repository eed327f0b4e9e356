"""The Zhucheng demo dataset for API tests: loaded into the test graph, and its names as text
to send (real Chinese names reach the code paths that ASCII never does)."""

from __future__ import annotations

import asyncio
from functools import cache

from strawberry import relay

from datasets.demo import compose as demo
from graph.kernel.dataset import Dataset
from graph.kernel.db import Database, open_driver
from graph.kernel.loading import load_dataset
from graph.kernel.model import PERSONAL_LABELS
from graph.kernel.settings import Settings


def demo_slice(proposals: int = 40) -> Dataset:
    """The demo dataset with only its first `proposals` suggestions and no proposal history:
    every kind of node, but small enough to fingerprint after each of many requests."""
    dataset = demo.demo_dataset()
    nodes = {label: list(rows) for label, rows in dataset.get("nodes", {}).items()}
    nodes["Proposal"] = sorted(nodes.get("Proposal", []), key=lambda row: row["id"])[:proposals]
    nodes.pop("ProposalEvent", None)
    kept = {label: {row["id"] for row in rows} for label, rows in nodes.items()}
    rels = [
        (
            kind,
            start,
            end,
            [
                r
                for r in rows
                if r["start"] in kept.get(start, ()) and r["end"] in kept.get(end, ())
            ],
        )
        for kind, start, end, rows in dataset.get("rels", [])
    ]
    return {"nodes": nodes, "rels": rels}


def load_demo(settings: Settings, dataset: Dataset | None = None) -> None:
    """Load the demo dataset (or `dataset`) into the test graph (from a sync test)."""

    async def load() -> None:
        async with open_driver(settings) as driver:
            await load_dataset(Database(driver, settings.database), dataset or demo.demo_dataset())

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


@cache
def demo_global_ids() -> tuple[str, ...]:
    """The global id (`node(id)`) of every node in the demo dataset but citizens' contacts,
    sorted."""
    return tuple(
        sorted(
            str(relay.GlobalID(type_name=label, node_id=str(row["id"])))
            for label, rows in demo.demo_dataset().get("nodes", {}).items()
            if label not in PERSONAL_LABELS  # a contact has no global id
            for row in rows
        )
    )
