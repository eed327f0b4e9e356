"""Per-request DataLoaders of the trips domain, kept in `Loaders.extra` under their names."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from graph.kernel.db import Database
from graph.kernel.reads import Row
from graph.trips import core as trips
from schema.context import Info


def conflicts_by_activity(info: Info) -> DataLoader[str, list[trips.Conflict]]:
    """ConflictsByActivityLoader: the conflicts of many activities in one round trip."""
    return info.context.loaders.named("ConflictsByActivity", trips.conflicts_of_many)


def activities_by(info: Info, label: str) -> DataLoader[str, list[Row]]:
    """ActivitiesBy<Label>Loader: the activities of many committees (groups, deputies,
    enterprises) in one round trip, by start date."""

    async def fetch(db: Database, ids: list[str]) -> list[list[Row]]:
        return await trips.activities_by(db, label, ids)

    return info.context.loaders.named(f"ActivitiesBy{label}", fetch)
