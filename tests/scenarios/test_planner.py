"""A trip planner's jobs, from names to answers, over HTTP on the demo data.

1. Plan a trip on an industry: ask `suggestTrip` for the industry (named 汽车制造业) and dates, see
   which invitees work at an enterprise it suggests, build the trip without that conflict,
   then move it a week later and see the visits move with it.
2. Open the automotive group's concentrated inspection and read the suggestions it raised.

Expectations come from the demo dataset or from the graph itself, never from fixed counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from datasets.demo.compose import demo_dataset
from datasets.demo.trips import AUTO_TITLE
from tests.conftest import GraphQLClient

Find = Callable[[str, str], str]

INDUSTRY = "query($id: ID!) { node(id: $id) { ... on Industry { code name } } }"
SUGGEST = """
query($code: String!, $from: Date!, $to: Date!) {
  suggestTrip(industryCode: $code, from: $from, to: $to) {
    committees { id name } groups { id name }
    invitees {
      reason deputy { id name employer { name } }
      via { __typename ... on DeputyGroup { name } ... on Committee { name } }
      ownEmployers { id name }
      conflicts { kind messageZh }
    }
    enterprises { enterprise { id name } lastVisited }
  }
}
"""
PAYLOAD = "activity { id start end status } conflicts { kind messageZh } errors { code message }"
CREATE = f"mutation($i: CreateActivityInput!) {{ createActivity(input: $i) {{ {PAYLOAD} }} }}"
UPDATE = f"mutation($i: UpdateActivityInput!) {{ updateActivity(input: $i) {{ {PAYLOAD} }} }}"
ADD_PARTICIPANT = f"""mutation($a: ID!, $d: ID!, $r: ParticipantRole! = MEMBER) {{
  addParticipant(activityId: $a, deputyId: $d, role: $r) {{ {PAYLOAD} }} }}"""
REMOVE_PARTICIPANT = f"""mutation($a: ID!, $d: ID!) {{
  removeParticipant(activityId: $a, deputyId: $d) {{ {PAYLOAD} }} }}"""
ADD_VISIT = f"""mutation($a: ID!, $e: ID!, $day: Date) {{
  addVisit(activityId: $a, enterpriseId: $e, day: $day) {{ {PAYLOAD} }} }}"""
SCHEDULE = f"mutation($a: ID!) {{ scheduleActivity(activityId: $a) {{ {PAYLOAD} }} }}"
TRIP = """
query($id: ID!) { node(id: $id) { ... on Activity {
  start end status visits { day enterprise { name } } conflicts { kind }
} } }
"""
GROUP_TRIPS = """
query($id: ID!, $after: String) { node(id: $id) { ... on DeputyGroup {
  activities(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor } nodes { id title kind }
  }
} } }
"""
TRIP_PROPOSALS = """
query($id: ID!, $after: String) { node(id: $id) { ... on Activity {
  title
  proposals(first: 5, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { title raisedBy { __typename ... on Deputy { name } ... on DeputyGroup { name } } }
  }
  participants { nodes { name } }
} } }
"""

FROM, TO = dt.date(2025, 6, 2), dt.date(2025, 6, 3)  # after the demo's year of trips
WEEK = dt.timedelta(days=7)


def ok(payload: dict[str, Any]) -> dict[str, Any]:
    assert payload["errors"] == [], payload["errors"]
    return payload


def test_plan_an_automotive_trip_and_move_it_a_week(planner: GraphQLClient, find: Find) -> None:
    industry = planner(INDUSTRY, {"id": find("汽车制造业", "Industry")})["node"]
    plan = planner(SUGGEST, {"code": industry["code"], "from": str(FROM), "to": str(TO)})
    plan = plan["suggestTrip"]
    suggested = {e["enterprise"]["name"]: e["enterprise"]["id"] for e in plan["enterprises"]}
    assert plan["groups"] and plan["invitees"] and suggested

    # Flagged up front: exactly the invitees whose employer is among the suggested enterprises.
    flagged = {i["deputy"]["name"]: i for i in plan["invitees"] if i["ownEmployers"]}
    expected = {
        i["deputy"]["name"]
        for i in plan["invitees"]
        if (i["deputy"]["employer"] or {}).get("name") in suggested
    }
    assert set(flagged) == expected
    assert flagged, "the automotive group's deputies work at automotive enterprises"
    for name, invitee in flagged.items():
        employer = invitee["deputy"]["employer"]["name"]
        assert [e["name"] for e in invitee["ownEmployers"]] == [employer]
        assert [c["kind"] for c in invitee["conflicts"]] == ["OWN_EMPLOYER"]
        assert name in invitee["conflicts"][0]["messageZh"]
        assert employer in invitee["conflicts"][0]["messageZh"]

    # Build the trip: the organisers and groups suggested, two unflagged invitees, two stops.
    created = ok(
        planner(
            CREATE,
            {
                "i": {
                    "kind": "RESEARCH",
                    "title": "汽车产业链专题调研",
                    "topic": "招商引资大项目",
                    "start": str(FROM),
                    "end": str(TO),
                    "committeeIds": [c["id"] for c in plan["committees"]],
                    "groupIds": [g["id"] for g in plan["groups"]],
                    "industryCode": industry["code"],
                }
            },
        )["createActivity"]
    )
    trip = created["activity"]["id"]
    clean = [i for i in plan["invitees"] if not i["ownEmployers"]]
    assert len(clean) >= 2
    ok(planner(ADD_PARTICIPANT, {"a": trip, "d": clean[0]["deputy"]["id"], "r": "LEAD"})
       ["addParticipant"])  # fmt: skip
    ok(planner(ADD_PARTICIPANT, {"a": trip, "d": clean[1]["deputy"]["id"]})["addParticipant"])
    flagged_one = next(iter(flagged.values()))
    employer = flagged_one["ownEmployers"][0]
    others = [i for n, i in suggested.items() if n != employer["name"]]
    ok(planner(ADD_VISIT, {"a": trip, "e": employer["id"], "day": str(FROM)})["addVisit"])
    ok(planner(ADD_VISIT, {"a": trip, "e": others[0], "day": str(TO)})["addVisit"])

    # Invited anyway, the flagged deputy gives the trip the conflict the suggestion foretold.
    step = ok(planner(ADD_PARTICIPANT, {"a": trip, "d": flagged_one["deputy"]["id"]})
              ["addParticipant"])  # fmt: skip
    own = [c["messageZh"] for c in step["conflicts"] if c["kind"] == "OWN_EMPLOYER"]
    assert own == [flagged_one["conflicts"][0]["messageZh"]]
    refused = planner(SCHEDULE, {"a": trip})["scheduleActivity"]
    assert [e["code"] for e in refused["errors"]] == ["CONFLICT"]
    ok(planner(REMOVE_PARTICIPANT, {"a": trip, "d": flagged_one["deputy"]["id"]})
       ["removeParticipant"])  # fmt: skip
    assert ok(planner(SCHEDULE, {"a": trip})["scheduleActivity"])["activity"]["status"] == (
        "SCHEDULED"
    )

    # A week later: the trip's dates and every visit move together.
    before = planner(TRIP, {"id": trip})["node"]["visits"]
    moved = ok(
        planner(UPDATE, {"i": {"id": trip, "start": str(FROM + WEEK), "end": str(TO + WEEK)}})
        ["updateActivity"]
    )  # fmt: skip
    assert (moved["activity"]["start"], moved["activity"]["end"]) == (
        str(FROM + WEEK),
        str(TO + WEEK),
    )
    after = planner(TRIP, {"id": trip})["node"]
    assert after["visits"] == [
        {**v, "day": str(dt.date.fromisoformat(v["day"]) + WEEK)} for v in before
    ]
    assert after["status"] == "SCHEDULED"
    assert not [c for c in after["conflicts"] if c["kind"] != "ENTERPRISE_OVER_CAP"]


def test_read_the_suggestions_the_automotive_inspection_raised(
    planner: GraphQLClient, find: Find
) -> None:
    group = find("汽车专业代表小组", "DeputyGroup")
    trips: list[dict[str, Any]] = []
    after = None
    while True:
        page = planner(GROUP_TRIPS, {"id": group, "after": after})["node"]["activities"]
        trips += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    inspection = next(t for t in trips if t["title"] == AUTO_TITLE)
    assert inspection["kind"] == "INSPECTION"

    titles: list[str] = []
    raisers: set[str] = set()
    after = None
    while True:
        node = planner(TRIP_PROPOSALS, {"id": inspection["id"], "after": after})["node"]
        titles += [p["title"] for p in node["proposals"]["nodes"]]
        raisers |= {p["raisedBy"]["name"] for p in node["proposals"]["nodes"] if p["raisedBy"]}
        if not node["proposals"]["pageInfo"]["hasNextPage"]:
            break
        after = node["proposals"]["pageInfo"]["endCursor"]

    # What the demo says the inspection gave rise to, counted independently of the API.
    data = demo_dataset()
    trip_id = next(a["id"] for a in data["nodes"]["Activity"] if a["title"] == AUTO_TITLE)
    arising = {
        row["start"]
        for rel, _, _, rows in data["rels"]
        if rel == "ARISES_FROM"
        for row in rows
        if row["end"] == trip_id
    }
    expected = sorted(p["title"] for p in data["nodes"]["Proposal"] if p["id"] in arising)
    assert sorted(titles) == expected
    assert node["proposals"]["totalCount"] == len(expected) > 0
    assert raisers  # each names who raised it
