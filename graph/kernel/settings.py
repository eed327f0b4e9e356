"""Where the graph lives, and the tunable rules: the settings every part of the product is given.

The product never decides where Neo4j runs nor reads the environment itself: api/settings.py
resolves these from the environment (NEO4J_URI, THIRDLINK_VISIT_CAP …) or from a local instance
started by the launcher."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TripRules:
    """How the trip planner weighs repeated visits (graph/trips/conflicts.py): another
    non-cancelled activity visiting the same enterprise within `visit_cap_days` days at least
    `visit_cap` times is the ENTERPRISE_OVER_CAP warning."""

    visit_cap_days: int = 30
    visit_cap: int = 1


@dataclass(frozen=True)
class HandlingRules:
    """How suggestions are handled (graph/proposals/handling.py): a unit may return a wrongly
    assigned suggestion (退回) within `return_working_days` working days (Monday to Friday) of
    its assignment."""

    return_working_days: int = 5


@dataclass(frozen=True)
class Settings:
    uri: str
    user: str
    password: str
    database: str
    # The local instance name when we run Neo4j ourselves; None for an external server.
    local_instance: str | None = None
    trips: TripRules = TripRules()
    handling: HandlingRules = HandlingRules()
