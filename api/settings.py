"""Which Neo4j to use: NEO4J_URI and friends when given, else a local instance the launcher
started (`thirdlink db start`); the trip planner's rules (THIRDLINK_VISIT_CAP_DAYS,
THIRDLINK_VISIT_CAP) and the suggestion handling rules (THIRDLINK_RETURN_WORKING_DAYS)."""

from __future__ import annotations

import os

from graph.kernel.settings import HandlingRules, Settings, TripRules
from launcher import server


def trip_rules() -> TripRules:
    """THIRDLINK_VISIT_CAP_DAYS (default 30) and THIRDLINK_VISIT_CAP (default 1): an enterprise
    visited that often within that many days is the ENTERPRISE_OVER_CAP warning."""
    defaults = TripRules()
    return TripRules(
        visit_cap_days=int(
            os.environ.get("THIRDLINK_VISIT_CAP_DAYS", str(defaults.visit_cap_days))
        ),
        visit_cap=int(os.environ.get("THIRDLINK_VISIT_CAP", str(defaults.visit_cap))),
    )


def handling_rules() -> HandlingRules:
    """THIRDLINK_RETURN_WORKING_DAYS (default 5): how many working days after its assignment a
    unit may return a suggestion assigned to it by mistake."""
    days = os.environ.get("THIRDLINK_RETURN_WORKING_DAYS")
    if not days:
        return HandlingRules()
    if not days.isdigit():
        raise ValueError(
            f"THIRDLINK_RETURN_WORKING_DAYS must be a whole number of working days, not {days!r}"
        )
    return HandlingRules(return_working_days=int(days))


def from_env(instance: str | None = None) -> Settings:
    """NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD/NEO4J_DATABASE win; otherwise the local instance
    named by `instance` (default: THIRDLINK_INSTANCE or "dev")."""
    database = os.environ.get("NEO4J_DATABASE", "neo4j")
    uri = os.environ.get("NEO4J_URI")
    if uri:
        return Settings(
            uri=uri,
            user=os.environ.get("NEO4J_USER", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", ""),
            database=database,
            trips=trip_rules(),
            handling=handling_rules(),
        )
    name = instance or os.environ.get("THIRDLINK_INSTANCE", "dev")
    local = server.Instance(name)
    if local.port is None or local.password is None:
        raise server.ServerError(
            f"本地 Neo4j '{name}' 尚未初始化。/ The local Neo4j '{name}' has never been started: "
            f"run `thirdlink db start --instance {name}` (or set NEO4J_URI)."
        )
    return Settings(
        uri=local.uri,
        user="neo4j",
        password=local.password,
        database=database,
        local_instance=name,
        trips=trip_rules(),
        handling=handling_rules(),
    )
