"""Per-request DataLoaders of the trips domain, as typed accessors."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from graph.kernel.reads import Row
from graph.trips import core as trips
from schema.context import Info


def conflicts_by_activity(info: Info) -> DataLoader[str, list[trips.Conflict]]:
    """The conflicts of many activities in one round trip."""
    return info.context.loaders.batch(trips.conflicts_of_many)


def activities_by(info: Info, label: str) -> DataLoader[str, list[Row]]:
    """The activities of many committees (groups, deputies, enterprises) in one round trip,
    by start date."""
    return info.context.loaders.batch(trips.activities_by, label)
