"""Per-request DataLoaders of the trips domain, kept in `Loaders.extra` under their names."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from strawberry.dataloader import DataLoader

from graph import trips
from graph.queries import Row
from schema.context import Info


def _loader(info: Info, name: str, load: Callable[[list[str]], Awaitable[list[Any]]]) -> Any:
    extra = info.context.loaders.extra
    if name not in extra:
        extra[name] = DataLoader(load_fn=load)
    return extra[name]


def conflicts_by_activity(info: Info) -> DataLoader[str, list[trips.Conflict]]:
    """ConflictsByActivityLoader: the conflicts of many activities in one round trip."""
    db = info.context.db

    async def load(ids: list[str]) -> list[list[trips.Conflict]]:
        return await trips.conflicts_of_many(db, ids)

    loader: DataLoader[str, list[trips.Conflict]] = _loader(info, "ConflictsByActivity", load)
    return loader


def activities_by(info: Info, label: str) -> DataLoader[str, list[Row]]:
    """ActivitiesBy<Label>Loader: the activities of many committees (groups, deputies,
    enterprises) in one round trip, by start date."""
    db = info.context.db

    async def load(ids: list[str]) -> list[list[Row]]:
        return await trips.activities_by(db, label, ids)

    loader: DataLoader[str, list[Row]] = _loader(info, f"ActivitiesBy{label}", load)
    return loader
