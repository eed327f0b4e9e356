"""api/settings.py: the trip planner's and the suggestion handling rules come from the
environment when the settings are resolved (not when a module is imported); the handling rules
reach the mutations through the app's settings."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from neo4j import Driver
from strawberry import relay

from api.settings import handling_rules, trip_rules
from graph.kernel.db import Database
from graph.kernel.settings import HandlingRules, Settings, TripRules
from graph.proposals import steps, units
from tests.conftest import make_token, running_app


def test_trip_rules_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("THIRDLINK_VISIT_CAP_DAYS", raising=False)
    monkeypatch.delenv("THIRDLINK_VISIT_CAP", raising=False)
    assert trip_rules() == TripRules(visit_cap_days=30, visit_cap=1)


def test_trip_rules_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIRDLINK_VISIT_CAP_DAYS", "14")
    monkeypatch.setenv("THIRDLINK_VISIT_CAP", "3")
    assert trip_rules() == TripRules(visit_cap_days=14, visit_cap=3)


def test_handling_rules_default_and_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("THIRDLINK_RETURN_WORKING_DAYS", raising=False)
    assert handling_rules() == HandlingRules(return_working_days=5)
    monkeypatch.setenv("THIRDLINK_RETURN_WORKING_DAYS", "10")
    assert handling_rules() == HandlingRules(return_working_days=10)
    monkeypatch.setenv("THIRDLINK_RETURN_WORKING_DAYS", "five")
    with pytest.raises(ValueError, match="THIRDLINK_RETURN_WORKING_DAYS"):
        handling_rules()


RETURN = """
mutation($id: ID!) {
  returnProposal(id: $id, reason: "不属本单位职责", at: "2024-03-12") { errors { code message } }
}
"""


async def test_the_return_window_is_the_apps_setting(
    db: Database, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    """Assigned on Friday 2024-03-08, returned on Tuesday: two working days later, refused with
    a window of one, accepted with the default five."""
    await db.write("CREATE (:DeputyGroup {id: 'g1', name: '汽车专业代表小组', source: 'user'})")
    unit = (await units.create_unit(db, "诸城市工业和信息化局", "GOVERNMENT"))["id"]
    raised = steps.SubmitInput("建议", "DeputyGroup", "g1", dt.date(2024, 3, 4))
    pid = (await steps.submit_proposal(db, raised, "clerk"))["id"]
    await steps.register_proposal(db, pid, "clerk")
    await steps.assign_proposal(
        db, pid, "clerk", lead_unit_id=unit, due=dt.date(2024, 6, 8), at=dt.date(2024, 3, 8)
    )
    token = make_token(clean_graph, neo4j_settings.database, "CLERK")
    variables = {"id": str(relay.GlobalID("Proposal", pid))}
    answers = []
    for days in (1, 5):
        settings = dataclasses.replace(neo4j_settings, handling=HandlingRules(days))
        async with running_app(settings, token) as http:
            response = await http.post("/graphql", json={"query": RETURN, "variables": variables})
        answers.append(response.json()["data"]["returnProposal"]["errors"])
    refused, accepted = answers
    assert [e["code"] for e in refused] == ["CONFLICT"]
    assert "2024-03-11" in refused[0]["message"]  # the deadline with one working day
    assert accepted == []
