"""api/settings.py: the trip planner's rules come from the environment when the settings are
resolved (not when a module is imported)."""

from __future__ import annotations

import pytest

from api.settings import trip_rules
from graph.kernel.settings import TripRules


def test_trip_rules_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("THIRDLINK_VISIT_CAP_DAYS", raising=False)
    monkeypatch.delenv("THIRDLINK_VISIT_CAP", raising=False)
    assert trip_rules() == TripRules(visit_cap_days=30, visit_cap=1)


def test_trip_rules_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIRDLINK_VISIT_CAP_DAYS", "14")
    monkeypatch.setenv("THIRDLINK_VISIT_CAP", "3")
    assert trip_rules() == TripRules(visit_cap_days=14, visit_cap=3)
