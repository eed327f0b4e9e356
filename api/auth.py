"""Who is calling. Until API tokens exist (see the access-control issue), every caller is the
local administrator; this module is the one place that decides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.db import Database
from schema.permissions import Role


@dataclass(frozen=True)
class Viewer:
    name: str
    role: Role


LOCAL_ADMIN = Viewer(name="local", role=Role.ADMIN)


async def resolve_viewer(request: Any, db: Database) -> Viewer | None:
    return LOCAL_ADMIN
