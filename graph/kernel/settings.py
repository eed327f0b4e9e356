"""Where the graph lives: the connection settings every part of the product is given.

The product never decides where Neo4j runs: api/settings.py resolves these from the environment
(NEO4J_URI …) or from a local instance started by the launcher."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    uri: str
    user: str
    password: str
    database: str
    # The local instance name when we run Neo4j ourselves; None for an external server.
    local_instance: str | None = None
