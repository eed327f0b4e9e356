"""The planner's fields over HTTP: suggestTrip flags invitees who work at a suggested
enterprise (and gives `via` as a node), updateActivity moves the visits with new dates or is
refused with the visits named and nothing written, Activity.proposals as a connection, and
conflicts naming records by global id."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from graph.kernel.db import Database
from graph.kernel.loading import load_dataset
from tests.conftest import GraphQLClient
from tests.schema.test_trips import ACTIVITY, ADD_PARTICIPANT, ADD_VISIT, UPDATE, gid, ready_trip
from tests.trips_world import load_world

SUGGEST = """
query($code: String!, $from: Date!, $to: Date!) {
  suggestTrip(industryCode: $code, from: $from, to: $to) {
    enterprises { enterprise { id name } }
    invitees {
      deputy { id name }
      via { __typename ... on DeputyGroup { id name } ... on Committee { id name } }
      ownEmployers { id name }
      conflicts { kind severity messageZh ids }
    }
  }
}
"""
CONFLICTS = "query($a: ID!) { tripConflicts(activityId: $a) { kind messageZh ids } }"
PROPOSALS = """
query($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on Activity {
  proposals(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { title activity { id } }
  }
} } }
"""


async def test_suggestion_flags_an_invitee_at_a_suggested_enterprise(
    db: Database, api: GraphQLClient
) -> None:
    await load_world(db)
    plan = api(SUGGEST, {"code": "C36", "from": "2024-07-01", "to": "2024-07-02"})["suggestTrip"]
    suggested = {e["enterprise"]["id"] for e in plan["enterprises"]}
    flagged = {i["deputy"]["name"]: i for i in plan["invitees"] if i["ownEmployers"]}
    assert list(flagged) == ["王成员"]  # d-mem2 works at e-axle, which is suggested
    wang = flagged["王成员"]
    assert wang["ownEmployers"] == [
        {"id": gid("Enterprise", "e-axle"), "name": "宏泰车桥制造有限公司"}
    ]
    assert {e["id"] for e in wang["ownEmployers"]} <= suggested
    assert [(c["kind"], c["severity"]) for c in wang["conflicts"]] == [("OWN_EMPLOYER", "HARD")]
    assert wang["conflicts"][0]["ids"] == [gid("Deputy", "d-mem2"), gid("Enterprise", "e-axle")]
    assert wang["via"] == {"__typename": "DeputyGroup", "id": gid("DeputyGroup", "g-auto"),
                           "name": "汽车专业代表小组"}  # fmt: skip
    committee_member = next(i for i in plan["invitees"] if i["via"]["__typename"] == "Committee")
    assert committee_member["via"]["name"] == "财政经济委员会"

    # Built anyway: the trip's conflict says the same, and names the records by global id.
    a = ready_trip(api, start="2024-07-01", end="2024-07-02")
    api(ADD_PARTICIPANT, {"a": a, "d": gid("Deputy", "d-mem2")})
    api(ADD_VISIT, {"a": a, "e": gid("Enterprise", "e-axle")})
    own = [c for c in api(CONFLICTS, {"a": a})["tripConflicts"] if c["kind"] == "OWN_EMPLOYER"]
    assert [c["messageZh"] for c in own] == [wang["conflicts"][0]["messageZh"]]
    assert own[0]["ids"] == [*wang["conflicts"][0]["ids"], a]


def visits(api: GraphQLClient, a: str) -> list[tuple[str, str]]:
    node = api(ACTIVITY, {"id": a})["node"]
    return [(v["enterprise"]["name"], v["day"]) for v in node["visits"]]


async def test_new_dates_move_the_visits_or_are_refused(db: Database, api: GraphQLClient) -> None:
    await load_world(db)
    a = ready_trip(api, start="2024-05-06", end="2024-05-08")  # e-parts on 05-06
    api(ADD_VISIT, {"a": a, "e": gid("Enterprise", "e-axle"), "day": "2024-05-08"})
    moved = api(UPDATE, {"input": {"id": a, "start": "2024-05-13", "end": "2024-05-15"}})
    assert moved["updateActivity"]["errors"] == []
    assert visits(api, a) == [
        ("福瑞汽车零部件有限公司", "2024-05-13"),
        ("宏泰车桥制造有限公司", "2024-05-15"),
    ]

    shorter: dict[str, Any] = {"id": a, "start": "2024-06-03", "end": "2024-06-04", "topic": "改"}
    refused = api(UPDATE, {"input": shorter})["updateActivity"]
    assert refused["activity"] is None
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("CONFLICT", "input.start")]
    assert "宏泰车桥制造有限公司" in refused["errors"][0]["message"]  # the visit, named
    assert [c["kind"] for c in refused["conflicts"]] == ["VISIT_OUTSIDE_DATES"]
    assert gid("Enterprise", "e-axle") in refused["conflicts"][0]["ids"]
    node = api(ACTIVITY, {"id": a})["node"]
    assert (node["start"], node["end"], node["topic"]) == ("2024-05-13", "2024-05-15", "项目建设")
    assert visits(api, a)[1] == ("宏泰车桥制造有限公司", "2024-05-15")

    kept = api(UPDATE, {"input": {**shorter, "moveVisits": False}})["updateActivity"]
    assert kept["errors"] == []
    assert {c["kind"] for c in kept["conflicts"]} == {"VISIT_OUTSIDE_DATES"}
    assert visits(api, a)[0] == ("福瑞汽车零部件有限公司", "2024-05-13")


def db_id(global_id: str) -> str:
    return base64.b64decode(global_id).decode().split(":", 1)[1]


async def test_activity_proposals_is_a_connection(db: Database, api: GraphQLClient) -> None:
    await load_world(db)
    a = ready_trip(api)
    other = ready_trip(api, start="2024-06-03", end="2024-06-03")
    titles = ["关于汽车零部件配套的建议", "关于车桥企业用地的建议", "关于汽车人才培养的建议"]
    rows = [
        {"id": f"p{i}", "name": t, "title": t, "raisedAt": dt.date(2024, 5, 9),
         "status": "SUBMITTED", "source": "user"}
        for i, t in enumerate([*titles, "别的活动的建议"])
    ]  # fmt: skip
    links = [{"start": f"p{i}", "end": db_id(a)} for i in range(3)]
    await load_dataset(
        db,
        {
            "nodes": {"Proposal": rows},
            "rels": [
                ("ARISES_FROM", "Proposal", "Activity", links),
                ("ARISES_FROM", "Proposal", "Activity", [{"start": "p3", "end": db_id(other)}]),
            ],
        },
    )
    first = api(PROPOSALS, {"id": a, "first": 2})["node"]["proposals"]
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"]
    rest = api(PROPOSALS, {"id": a, "first": 2, "after": first["pageInfo"]["endCursor"]})
    seen = [n["title"] for n in first["nodes"] + rest["node"]["proposals"]["nodes"]]
    assert sorted(seen) == sorted(titles) and len(seen) == 3
    assert {n["activity"]["id"] for n in first["nodes"]} == {a}
    assert api(PROPOSALS, {"id": other})["node"]["proposals"]["totalCount"] == 1
