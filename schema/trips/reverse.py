"""The reverse `activities` field of Committee, DeputyGroup, Deputy and Enterprise.

schema/liaison/types.py attaches it with one line per type (`activities = activities_field(...)`);
the Activity type is referenced lazily, so the liaison types need not import the trips types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from schema.common import After, Connection, First, connection_from_rows
from schema.context import Info
from schema.trips.loaders import activities_by

if TYPE_CHECKING:
    from schema.trips.types import Activity

_DESCRIPTIONS = {
    "Committee": "Inspections and research trips it organises, by start date.",
    "DeputyGroup": "Inspections and research trips it holds, by start date.",
    "Deputy": "Inspections and research trips the deputy takes part in (edge.role), by date.",
    "Enterprise": "Inspections and research trips that visit it, by start date.",
}

ActivityRef = Annotated["Activity", strawberry.lazy("schema.trips.types")]


def activities_field(label: str) -> Any:
    async def activities(
        root: Any, info: Info, first: First = None, after: After = None
    ) -> Connection[ActivityRef]:
        from schema.trips.types import Activity  # late: that module imports the liaison types

        rows = await activities_by(info, label).load(root.id)
        return connection_from_rows(rows, first, after, Activity.from_row)

    return strawberry.field(resolver=activities, description=_DESCRIPTIONS[label])
