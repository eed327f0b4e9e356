"""The dashboards' filters through GraphQL: global ids checked for their type and existence,
the error naming the field; title text in Chinese; the limits of activityStats."""

from __future__ import annotations

from typing import Any

from strawberry import relay

from tests.conftest import GraphQLClient
from tests.schema.test_proposals import seed_and_submit

PROPOSALS = """
query($f: ProposalFilterInput) {
  proposals(filter: $f) { totalCount nodes { title } }
  proposalStats(groupBy: [UNIT], filter: $f) { totals { count } }
}
"""
ACTIVITY_STATS = """
query($by: [ActivityStatsDimension!]!, $f: ActivityStatsFilterInput) {
  activityStats(groupBy: $by, filter: $f) { totals { trips } }
}
"""


def _error(api: GraphQLClient, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    body = api.post(query, variables).json()
    assert body.get("errors"), body
    error: dict[str, Any] = body["errors"][0]
    return error


def test_proposal_filters_by_text_and_group(api: GraphQLClient) -> None:
    seeded = seed_and_submit(api)
    found = api(PROPOSALS, {"f": {"text": "汽车产业", "group": seeded["group"]}})
    assert found["proposals"]["totalCount"] == 1
    assert found["proposalStats"]["totals"]["count"] == 1
    none = api(PROPOSALS, {"f": {"text": "预制菜"}})
    assert none["proposals"]["totalCount"] == none["proposalStats"]["totals"]["count"] == 0


def test_bad_ids_are_clear_errors(api: GraphQLClient) -> None:
    seeded = seed_and_submit(api)
    missing = str(relay.GlobalID("Activity", "no-such-trip"))
    error = _error(api, PROPOSALS, {"f": {"activity": missing}})
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert "no-such-trip" in error["message"]
    wrong = _error(api, PROPOSALS, {"f": {"unit": seeded["group"]}})
    assert wrong["extensions"]["code"] == "INVALID"
    assert "filter.unit" in wrong["message"]
    lone_role = _error(api, PROPOSALS, {"f": {"unitRole": "LEAD"}})
    assert "unit" in lone_role["message"]
    error = _error(api, ACTIVITY_STATS, {"by": ["KIND"], "f": {"committee": missing}})
    assert error["extensions"]["code"] == "INVALID"  # an Activity's id where a Committee's goes
    many = ["KIND", "TOPIC", "GROUP", "MONTH"]
    assert _error(api, ACTIVITY_STATS, {"by": many})["extensions"]["code"] == "INVALID"
