"""The trips schema over HTTP: planning mutations with their conflicts, the Activity type and
its reverse fields, lists, suggestions, bad input (nothing written), permissions, and many
planners editing one activity at once."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
from typing import Any

from neo4j import Driver

from graph.kernel.db import Database
from graph.kernel.settings import Settings, TripRules
from tests.conftest import TEST_LIMITS, GraphQLClient, make_token, running_app
from tests.trips_world import load_world


def gid(label: str, node_id: str) -> str:
    return base64.b64encode(f"{label}:{node_id}".encode()).decode()


PAYLOAD = "activity { id title status } conflicts { kind severity message ids } " + (
    "errors { code field message ids }"
)
CREATE = f"""
mutation($input: CreateActivityInput!) {{ createActivity(input: $input) {{ {PAYLOAD} }} }}
"""
UPDATE = f"""
mutation($input: UpdateActivityInput!) {{ updateActivity(input: $input) {{ {PAYLOAD} }} }}
"""
ADD_PARTICIPANT = f"""
mutation($a: ID!, $d: ID!, $role: ParticipantRole! = MEMBER) {{
  addParticipant(activityId: $a, deputyId: $d, role: $role) {{ {PAYLOAD} }} }}
"""
REMOVE_PARTICIPANT = f"""
mutation($a: ID!, $d: ID!) {{ removeParticipant(activityId: $a, deputyId: $d) {{ {PAYLOAD} }} }}
"""
ADD_VISIT = f"""
mutation($a: ID!, $e: ID!, $day: Date, $order: Int) {{
  addVisit(activityId: $a, enterpriseId: $e, day: $day, order: $order) {{ {PAYLOAD} }} }}
"""
MOVE_VISIT = f"""
mutation($a: ID!, $e: ID!, $day: Date, $order: Int) {{
  moveVisit(activityId: $a, enterpriseId: $e, day: $day, order: $order) {{ {PAYLOAD} }} }}
"""
REMOVE_VISIT = f"""
mutation($a: ID!, $e: ID!) {{ removeVisit(activityId: $a, enterpriseId: $e) {{ {PAYLOAD} }} }}
"""
MOVES = {
    name: f"mutation($a: ID!) {{ {name}(activityId: $a) {{ {PAYLOAD} }} }}"
    for name in ("scheduleActivity", "startActivity", "cancelActivity")
}
COMPLETE = f"""
mutation($a: ID!, $s: String!) {{ completeActivity(activityId: $a, summary: $s) {{ {PAYLOAD} }} }}
"""
ACTIVITY = """
query($id: ID!) { node(id: $id) { ... on Activity {
  title kind topic start end status source
  organisers { nodes { name } } groups { nodes { name } }
  participants { edges { role node { name } } }
  visits { day order enterprise { name } }
  industry { code }
  conflicts { kind severity }
} } }
"""
REVERSE = """
query($c: ID!, $g: ID!, $d: ID!, $e: ID!) {
  c: node(id: $c) { ... on Committee { activities { totalCount nodes { title } } } }
  g: node(id: $g) { ... on DeputyGroup { activities { totalCount nodes { title } } } }
  d: node(id: $d) { ... on Deputy { activities { edges { role node { title } } } } }
  e: node(id: $e) { ... on Enterprise { activities { totalCount } } }
}
"""
ACTIVITIES = """
query($filter: ActivityFilterInput, $first: Int, $after: String) {
  activities(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { title status }
  }
}
"""
CONFLICTS = """
query($a: ID!) { tripConflicts(activityId: $a) { kind severity messageZh messageEn ids } }
"""
SUGGEST = """
query($code: String!, $from: Date!, $to: Date!) {
  suggestTrip(industryCode: $code, from: $from, to: $to) {
    committees { name } groups { name }
    invitees { reason via { __typename ... on DeputyGroup { id } } deputy { name } }
    enterprises { lastVisited enterprise { name } }
  }
}
"""


def new_trip(api: GraphQLClient, **overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "INSPECTION",
        "title": "汽车产业集中视察",
        "topic": "项目建设",
        "start": "2024-05-06",
        "end": "2024-05-08",
        "committeeIds": [gid("Committee", "cm-fin")],
        "groupIds": [gid("DeputyGroup", "g-auto")],
        "industryCode": "C36",
        **overrides,
    }
    payload: dict[str, Any] = api(CREATE, {"input": data})["createActivity"]
    return payload


def ready_trip(api: GraphQLClient, **overrides: Any) -> str:
    """A draft with two deputies and one visit: no conflicts."""
    activity_id: str = new_trip(api, **overrides)["activity"]["id"]
    api(ADD_PARTICIPANT, {"a": activity_id, "d": gid("Deputy", "d-conv"), "role": "LEAD"})
    api(ADD_PARTICIPANT, {"a": activity_id, "d": gid("Deputy", "d-mem1")})
    day = overrides.get("start", "2024-05-07")  # within the trip
    api(ADD_VISIT, {"a": activity_id, "e": gid("Enterprise", "e-parts"), "day": day})
    return activity_id


def total(api: GraphQLClient) -> int:
    count: int = api(ACTIVITIES, {})["activities"]["totalCount"]
    return count


async def test_plan_a_trip_end_to_end(db: Database, api: GraphQLClient) -> None:
    await load_world(db)
    created = new_trip(api)
    assert created["errors"] == []
    assert created["activity"]["status"] == "DRAFT"
    assert [c["kind"] for c in created["conflicts"]] == ["TOO_FEW_DEPUTIES"]
    a = created["activity"]["id"]
    added = api(ADD_PARTICIPANT, {"a": a, "d": gid("Deputy", "d-conv"), "role": "LEAD"})
    assert added["addParticipant"]["conflicts"][0]["severity"] == "HARD"
    refused = api(MOVES["scheduleActivity"], {"a": a})["scheduleActivity"]
    assert [e["code"] for e in refused["errors"]] == ["CONFLICT"]
    assert [c["kind"] for c in refused["conflicts"]] == ["TOO_FEW_DEPUTIES"]
    api(ADD_PARTICIPANT, {"a": a, "d": gid("Deputy", "d-mem2")})
    api(ADD_VISIT, {"a": a, "e": gid("Enterprise", "e-parts"), "day": "2024-05-07"})
    visit = api(ADD_VISIT, {"a": a, "e": gid("Enterprise", "e-axle"), "order": 1})["addVisit"]
    assert [c["kind"] for c in visit["conflicts"]] == ["OWN_EMPLOYER"]  # d-mem2 works there
    api(REMOVE_PARTICIPANT, {"a": a, "d": gid("Deputy", "d-mem2")})
    api(ADD_PARTICIPANT, {"a": a, "d": gid("Deputy", "d-mem1")})
    moved = api(MOVE_VISIT, {"a": a, "e": gid("Enterprise", "e-axle"), "day": "2024-05-08",
                             "order": 2})["moveVisit"]  # fmt: skip
    assert moved["conflicts"] == [] and moved["errors"] == []

    node = api(ACTIVITY, {"id": a})["node"]
    assert node["organisers"]["nodes"] == [{"name": "财政经济委员会"}]
    assert node["groups"]["nodes"] == [{"name": "汽车专业代表小组"}]
    assert {(e["node"]["name"], e["role"]) for e in node["participants"]["edges"]} == {
        ("张召集", "LEAD"),
        ("李成员", "MEMBER"),
    }
    assert node["visits"] == [
        {"day": "2024-05-07", "order": 1, "enterprise": {"name": "福瑞汽车零部件有限公司"}},
        {"day": "2024-05-08", "order": 2, "enterprise": {"name": "宏泰车桥制造有限公司"}},
    ]
    assert node["industry"] == {"code": "C36"}
    assert node["conflicts"] == []

    for step in ("scheduleActivity", "startActivity"):
        assert api(MOVES[step], {"a": a})[step]["errors"] == []
    done = api(COMPLETE, {"a": a, "s": "提出11条意见建议"})["completeActivity"]
    assert done["activity"]["status"] == "COMPLETED"

    reverse = api(
        REVERSE,
        {
            "c": gid("Committee", "cm-fin"),
            "g": gid("DeputyGroup", "g-auto"),
            "d": gid("Deputy", "d-conv"),
            "e": gid("Enterprise", "e-axle"),
        },
    )
    assert reverse["c"]["activities"] == {"totalCount": 1, "nodes": [{"title": "汽车产业集中视察"}]}
    assert reverse["g"]["activities"]["totalCount"] == 1
    assert reverse["d"]["activities"]["edges"] == [
        {"role": "LEAD", "node": {"title": "汽车产业集中视察"}}
    ]
    assert reverse["e"]["activities"] == {"totalCount": 1}


async def test_bad_input_is_a_clear_error_and_writes_nothing(
    db: Database, api: GraphQLClient
) -> None:
    await load_world(db)
    bad = api(CREATE, {"input": {"kind": "RESEARCH", "title": "倒序", "start": "2024-05-08",
                                 "end": "2024-05-06"}})["createActivity"]  # fmt: skip
    assert [(e["code"], e["field"]) for e in bad["errors"]] == [("INVALID", "input.end")]
    wrong_type = new_trip(api, committeeIds=[gid("DeputyGroup", "g-auto")])
    assert [(e["code"], e["field"]) for e in wrong_type["errors"]] == [
        ("INVALID", "input.committeeIds[0]")
    ]
    assert total(api) == 0

    a = ready_trip(api)
    visit = api(ADD_VISIT, {"a": a, "e": gid("Deputy", "d-conv")})["addVisit"]
    assert [(e["code"], e["field"]) for e in visit["errors"]] == [("INVALID", "enterpriseId")]
    assert "Enterprise" in visit["errors"][0]["message"]
    person = api(ADD_PARTICIPANT, {"a": a, "d": gid("Enterprise", "e-parts")})["addParticipant"]
    assert [(e["code"], e["field"]) for e in person["errors"]] == [("INVALID", "deputyId")]
    unknown = api(ADD_PARTICIPANT, {"a": a, "d": gid("Deputy", "d-ghost")})["addParticipant"]
    assert [e["code"] for e in unknown["errors"]] == ["NOT_FOUND"]
    malformed = api(ADD_VISIT, {"a": "not-a-global-id", "e": gid("Enterprise", "e-parts")})
    assert [(e["code"], e["field"]) for e in malformed["addVisit"]["errors"]] == [
        ("INVALID", "activityId")
    ]
    missing = api(MOVES["startActivity"], {"a": gid("Activity", "ghost")})["startActivity"]
    assert [e["code"] for e in missing["errors"]] == ["NOT_FOUND"]
    illegal = api(MOVES["startActivity"], {"a": a})["startActivity"]
    assert [e["code"] for e in illegal["errors"]] == ["CONFLICT"]
    assert "SCHEDULED, CANCELLED" in illegal["errors"][0]["message"]
    late = api(UPDATE, {"input": {"id": a, "end": "2024-05-01"}})["updateActivity"]
    assert [(e["code"], e["field"]) for e in late["errors"]] == [("INVALID", "input.end")]
    node = api(ACTIVITY, {"id": a})["node"]
    assert (node["status"], node["end"], len(node["participants"]["edges"])) == (
        "DRAFT",
        "2024-05-08",
        2,
    )
    assert len(node["visits"]) == 1


async def test_lists_conflicts_and_suggestions(db: Database, api: GraphQLClient) -> None:
    await load_world(db)
    may = ready_trip(api)
    june = ready_trip(api, start="2024-06-03", end="2024-06-03", kind="RESEARCH")
    clash = ready_trip(api, start="2024-05-08", end="2024-05-09", title="重叠的调研")
    api(MOVES["cancelActivity"], {"a": june})
    everything = api(ACTIVITIES, {"first": 2})["activities"]
    assert everything["totalCount"] == 3 and everything["pageInfo"]["hasNextPage"]
    rest = api(ACTIVITIES, {"first": 2, "after": everything["pageInfo"]["endCursor"]})
    assert [n["status"] for n in rest["activities"]["nodes"]] == ["CANCELLED"]
    filtered = api(
        ACTIVITIES,
        {"filter": {"from": "2024-05-09", "status": ["DRAFT"], "kind": ["INSPECTION"],
                    "deputy": gid("Deputy", "d-mem1"), "industry": "C",
                    "enterprise": gid("Enterprise", "e-parts")}},
    )["activities"]  # fmt: skip
    assert [n["title"] for n in filtered["nodes"]] == ["重叠的调研"]

    conflicts = api(CONFLICTS, {"a": may})["tripConflicts"]
    assert {c["kind"] for c in conflicts} == {"OVERLAP", "ENTERPRISE_OVER_CAP"}
    assert {c["severity"] for c in conflicts if c["kind"] == "OVERLAP"} == {"HARD"}
    assert all(c["messageZh"] and c["messageEn"] for c in conflicts)
    assert any(clash in c["ids"] for c in conflicts)  # global ids

    plan = api(SUGGEST, {"code": "C36", "from": "2024-05-06", "to": "2024-05-06"})
    suggestion = plan["suggestTrip"]
    assert suggestion["committees"] == [{"name": "财政经济委员会"}]
    assert [(i["deputy"]["name"], i["reason"]) for i in suggestion["invitees"]] == [
        ("王成员", "MEMBER"),
        ("赵委员", "COMMITTEE_MEMBER"),
    ]
    assert suggestion["invitees"][0]["via"] == {
        "__typename": "DeputyGroup",
        "id": gid("DeputyGroup", "g-auto"),
    }
    assert suggestion["enterprises"][0]["lastVisited"] is None
    bad = api.post(SUGGEST, {"code": "C36", "from": "2024-05-06", "to": "2024-05-01"}).json()
    assert bad["errors"][0]["extensions"]["code"] == "INVALID"


async def test_trip_rules_come_from_the_settings(
    db: Database, api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    """The visit cap is the app's (Settings.trips): the query, the Activity field and a planning
    step all weigh visits by it."""
    await load_world(db)
    may = ready_trip(api)
    ready_trip(api, start="2024-06-03", end="2024-06-03")  # e-parts again, 27 days later
    found = api(CONFLICTS, {"a": may})["tripConflicts"]
    assert [c["kind"] for c in found] == ["ENTERPRISE_OVER_CAP"]
    token = make_token(clean_graph, neo4j_settings.database, "PLANNER")
    lenient = dataclasses.replace(neo4j_settings, trips=TripRules(visit_cap_days=20))
    async with running_app(lenient, token) as http:

        async def post(query: str, variables: dict[str, Any]) -> dict[str, Any]:
            response = await http.post("/graphql", json={"query": query, "variables": variables})
            body: dict[str, Any] = response.json()
            assert "errors" not in body, body
            return body["data"]

        assert (await post(CONFLICTS, {"a": may}))["tripConflicts"] == []
        assert (await post(ACTIVITY, {"id": may}))["node"]["conflicts"] == []
        step = (await post(UPDATE, {"input": {"id": may, "topic": "复查"}}))["updateActivity"]
        assert (step["conflicts"], step["errors"]) == ([], [])


async def test_viewers_cannot_plan(db: Database, api: GraphQLClient) -> None:
    await load_world(db)
    viewer = api.as_role("VIEWER")
    body = viewer.post(CREATE, {"input": {"kind": "RESEARCH", "title": "x", "start": "2024-01-01",
                                          "end": "2024-01-01"}}).json()  # fmt: skip
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    planner = api.as_role("PLANNER")
    assert new_trip(planner)["errors"] == []
    assert total(api) == 1


async def test_concurrent_planners_over_http(
    db: Database, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    """Many addParticipant and addVisit requests at once, through the real app: all kept."""
    await load_world(db)
    deputies = [f"d-c{i}" for i in range(10)]
    enterprises = [f"e-c{i}" for i in range(10)]
    from graph.kernel.loading import load_dataset

    await load_dataset(
        db,
        {
            "nodes": {
                "Deputy": [{"id": d, "name": f"代表{d}", "source": "user"} for d in deputies],
                "Enterprise": [
                    {"id": e, "name": f"企业{e}", "source": "user"} for e in enterprises
                ],
            }
        },
    )
    token = make_token(clean_graph, neo4j_settings.database, "PLANNER")
    # Twenty writers queue on one activity; on a busy machine the last ones wait longer than
    # the default limit allows. This test is about what is kept, not how fast: a long limit.
    patient = dataclasses.replace(TEST_LIMITS, request_timeout=60)
    async with running_app(neo4j_settings, token, patient) as http:

        async def post(query: str, variables: dict[str, Any]) -> dict[str, Any]:
            response = await http.post("/graphql", json={"query": query, "variables": variables})
            body: dict[str, Any] = response.json()
            assert "errors" not in body, body
            return body["data"]

        trip = {"kind": "RESEARCH", "title": "并发", "start": "2024-03-04", "end": "2024-03-05"}
        created = await post(CREATE, {"input": trip})
        a = created["createActivity"]["activity"]["id"]
        results = await asyncio.gather(
            *(post(ADD_PARTICIPANT, {"a": a, "d": gid("Deputy", d)}) for d in deputies),
            *(post(ADD_VISIT, {"a": a, "e": gid("Enterprise", e)}) for e in enterprises),
        )
        assert all(not next(iter(r.values()))["errors"] for r in results)
        node = (await post(ACTIVITY, {"id": a}))["node"]
    assert len(node["participants"]["edges"]) == 10
    assert sorted(v["order"] for v in node["visits"]) == list(range(1, 11))
    assert {v["enterprise"]["name"] for v in node["visits"]} == {f"企业{e}" for e in enterprises}
