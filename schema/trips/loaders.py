"""Per-request DataLoaders of the trips domain, as typed accessors."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from graph.kernel.reads import Row
from graph.trips import conflicts, reads
from schema.context import Info


def conflicts_by_activity(info: Info) -> DataLoader[str, list[conflicts.Conflict]]:
    """The conflicts of many activities in one round trip (under the API's trip rules)."""
    return info.context.loaders.batch(conflicts.conflicts_of_many, info.context.trip_rules)


def activities_by(info: Info, label: str) -> DataLoader[str, list[Row]]:
    """The activities of many committees (groups, deputies, enterprises) in one round trip,
    by start date."""
    return info.context.loaders.batch(reads.activities_by, label)
