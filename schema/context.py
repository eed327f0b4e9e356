"""The typed per-request context: the database, the request's DataLoaders and the rules the
API was configured with."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from graph.kernel import reads
from graph.kernel.db import Database
from graph.kernel.degrees import DegreeCache
from graph.kernel.reads import Direction, Row
from graph.kernel.settings import HandlingRules, TripRules
from schema.permissions import Viewer

V = TypeVar("V")


class Loaders:
    """DataLoaders created afresh for each request, so batching never leaks across requests.

    `node(label)` loads nodes by id (NodesByIdLoader); `neighbours(...)` loads, for many ids at
    once, their neighbours along one relationship (e.g. GroupsByCommittee is
    neighbours("LIAISES_WITH", "Committee", "DeputyGroup", OUT)); `batch(fetch, *args)` is a
    domain's own loader, behind a typed accessor in schema/<domain>/loaders.py.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._nodes: dict[str, DataLoader[str, Row | None]] = {}
        self._neighbours: dict[tuple[str, str, str, Direction], DataLoader[str, list[Row]]] = {}
        self.extra: dict[tuple[Any, ...], DataLoader[Any, Any]] = {}

    def node(self, label: str) -> DataLoader[str, Row | None]:
        if label not in self._nodes:

            async def load(ids: list[str]) -> list[Row | None]:
                return await reads.nodes_by_id(self.db, label, ids)

            self._nodes[label] = DataLoader(load_fn=load)
        return self._nodes[label]

    def neighbours(
        self, rel_key: str, start: str, end: str, direction: Direction = Direction.OUT
    ) -> DataLoader[str, list[Row]]:
        key = (rel_key, start, end, direction)
        if key not in self._neighbours:

            async def load(ids: list[str]) -> list[list[Row]]:
                return await reads.neighbours(self.db, rel_key, start, end, direction, ids)

            self._neighbours[key] = DataLoader(load_fn=load)
        return self._neighbours[key]

    def batch(
        self, fetch: Callable[..., Awaitable[list[V]]], *args: Hashable
    ) -> DataLoader[str, V]:
        """A domain's own batch loader, created once per request and keyed by the function
        itself (no names to misspell): `fetch(db, *args, ids)` returns one result per id, in
        key order. Domains wrap it in a typed accessor (schema/<domain>/loaders.py)."""
        key = (fetch, *args)
        if key not in self.extra:
            db = self.db

            async def load(ids: list[str]) -> list[V]:
                return await fetch(db, *args, ids)

            self.extra[key] = DataLoader(load_fn=load)
        loader: DataLoader[str, V] = self.extra[key]
        return loader

    def clear(self) -> None:
        """After a mutation: what this request loaded before may be stale."""
        for node_loader in self._nodes.values():
            node_loader.clear_all()
        for neighbour_loader in self._neighbours.values():
            neighbour_loader.clear_all()
        for extra_loader in self.extra.values():
            extra_loader.clear_all()


@dataclass
class Context:
    db: Database
    loaders: Loaders
    request: Any = None
    response: Any = None
    # Set by the API's auth layer; read by permission checks.
    viewer: Viewer | None = None
    # The trip planner's rules (Settings.trips; api/settings.py reads them).
    trip_rules: TripRules = field(default_factory=TripRules)
    # The suggestion handling rules (Settings.handling): the return window.
    handling_rules: HandlingRules = field(default_factory=HandlingRules)
    extras: dict[str, Any] = field(default_factory=dict)
    # How queries are answered (schema/readpath/extension.py ReadPath): "compiled" (one
    # statement where the read path can), "general" (resolvers only), "checked" (both, compared).
    read_path: str = "compiled"
    # The graph's fan-out, shared by the requests of one app, for the cost limit
    # (schema/cost.py); None counts every page in full.
    degrees: DegreeCache | None = None


Info = strawberry.Info[Context, None]
