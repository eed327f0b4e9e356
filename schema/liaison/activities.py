"""The `activities` field of Committee, DeputyGroup, Deputy and Enterprise: the inspections and
research trips each organises, holds, takes part in or receives.

It is the one place where the liaison types look at the trips domain: it reads through
graph/trips (one round trip for all parents) and names the Activity type by its label, lazily
(schema/fields.py), so schema/liaison never imports schema/trips.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.dataloader import DataLoader

from graph.kernel.reads import Row
from graph.trips import reads
from schema.common import After, Connection, First, connection_from_rows
from schema.context import Info
from schema.fields import NODE_MODULES, node_type

if TYPE_CHECKING:
    from schema.trips.types import Activity

_DESCRIPTIONS = {
    "Committee": "Inspections and research trips it organises, by start date.",
    "DeputyGroup": "Inspections and research trips it holds, by start date.",
    "Deputy": "Inspections and research trips the deputy takes part in (edge.role), by date.",
    "Enterprise": "Inspections and research trips that visit it, by start date.",
}

ActivityRef = Annotated["Activity", strawberry.lazy(NODE_MODULES["Activity"])]


def activities_by(info: Info, label: str) -> DataLoader[str, list[Row]]:
    """The activities of many committees (groups, deputies, enterprises) in one round trip,
    by start date."""
    return info.context.loaders.batch(reads.activities_by, label)


def activities_field(label: str) -> Any:
    """The `activities` connection of the liaison type labelled `label`."""

    async def activities(
        root: Any, info: Info, first: First = None, after: After = None
    ) -> Connection[ActivityRef]:
        rows = await activities_by(info, label).load(root.id)
        make: Any = node_type("Activity").from_row
        return connection_from_rows(rows, first, after, make)

    return strawberry.field(resolver=activities, description=_DESCRIPTIONS[label])
