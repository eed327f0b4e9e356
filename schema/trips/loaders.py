"""Per-request DataLoaders of the trips domain, as typed accessors."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from graph.trips import conflicts
from schema.context import Info


def conflicts_by_activity(info: Info) -> DataLoader[str, list[conflicts.Conflict]]:
    """The conflicts of many activities in one round trip (under the API's trip rules)."""
    return info.context.loaders.batch(conflicts.conflicts_of_many, info.context.trip_rules)
