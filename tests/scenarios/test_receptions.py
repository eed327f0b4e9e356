"""Receptions and the issues people raise, as the people who run them do the jobs: the office
staff of 马集镇 read February's reception and its three lists, book a slot and plan a reception
the 321 rule allows; a clerk takes an enterprise's problem from raised to closed and turns
another into a suggestion; a leader reads 安庆's campaigns; a deputy subscribes to a venue's
calendar. Every id comes from a name, through the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from tests.conftest import GraphQLClient

TOPIC_ROOM = "马集镇人大“服务企业不打烊”专题“会客厅”"
VENUE = "query($text: String!) { venues(filter: {text: $text}) { nodes { id name topic } } }"


def venue_id(client: GraphQLClient, name: str) -> str:
    nodes = client(VENUE, {"text": name})["venues"]["nodes"]
    exact = [n["id"] for n in nodes if n["name"] == name]
    assert len(exact) == 1, nodes
    return str(exact[0])


RECEPTIONS = """
query($venue: ID!, $month: String!) {
  receptions(filter: {venueId: $venue, month: $month}) {
    nodes { id title day slotStart slotEnd theme host audience status
            deputies { name } conflicts { kind }
            lists { problems { title promise promisedBy status }
                    measures { title } feedbackDue { title } } }
  }
}"""


def test_staff_read_februarys_reception_and_its_three_lists(staff: GraphQLClient) -> None:
    """The seed's reception of February 2025: the deputies' three questions on the land of the
    黑莓, 啤酒屋 and 博登农业 projects, each with the date promised on the spot."""
    room = venue_id(staff, TOPIC_ROOM)
    nodes = staff(RECEPTIONS, {"venue": room, "month": "2025-02"})["receptions"]["nodes"]
    land = [n for n in nodes if n["lists"]["problems"]]
    assert len(land) == 1
    reception = land[0]
    assert reception["status"] == "COMPLETED" and reception["day"].startswith("2025-02")
    assert reception["theme"] and reception["host"] and reception["audience"]  # 四定
    assert len(reception["deputies"]) >= 2 and reception["conflicts"] == []  # 321: ≥ 2
    promises = {p["title"]: p["promise"] for p in reception["lists"]["problems"]}
    assert promises["土地流转手续什么时候能办好?"] == "流转手续大概需要两个月。"
    assert promises["企业什么时候能够进场施工?"] == "预计3个月以后可以进行施工。"
    assert any("黑莓、啤酒屋、博登农业" in title for title in promises)
    days = sorted(dt.date.fromisoformat(p["promisedBy"]) for p in reception["lists"]["problems"])
    # about one, two and three months after the reception
    assert [(d - dt.date.fromisoformat(reception["day"])).days // 28 for d in days] == [1, 2, 3]


BOOK = """
mutation($input: BookReceptionInput!) {
  bookReception(input: $input) { booking { id status } errors { code field message } }
}"""
CONTACT = "query($id: ID!) { node(id: $id) { ... on Booking { topic contact { name phone } } } }"


def test_a_planner_books_a_slot_once_and_only_a_clerk_sees_who(
    planner: GraphQLClient, clerk: GraphQLClient
) -> None:
    room = venue_id(planner, TOPIC_ROOM)
    booking = {
        "venueId": room,
        "day": "2027-01-12",
        "slotStart": "09:00",
        "slotEnd": "09:30",
        "channel": "ONLINE",
        "topic": "厂房扩建用地咨询",
        "contact": {"name": "赵女士", "phone": "138 0000 0099"},
    }
    made = planner(BOOK, {"input": booking})["bookReception"]
    assert made["errors"] == [] and made["booking"]["status"] == "REQUESTED"
    again = planner(BOOK, {"input": booking | {"slotStart": "09:15", "slotEnd": "09:45"}})
    refused = again["bookReception"]
    assert refused["booking"] is None
    assert [e["code"] for e in refused["errors"]] == ["CONFLICT"]
    assert "赵女士" not in refused["errors"][0]["message"]  # the other booking's slot, not who
    bid = made["booking"]["id"]
    hidden = planner.post(CONTACT, {"id": bid}).json()
    assert hidden["data"]["node"]["contact"] is None
    assert [e["extensions"]["code"] for e in hidden["errors"]] == ["FORBIDDEN"]
    shown = clerk(CONTACT, {"id": bid})["node"]
    assert shown["contact"] == {"name": "赵女士", "phone": "138 0000 0099"}


CREATE_RECEPTION = """
mutation($input: CreateReceptionInput!) {
  createReception(input: $input) { reception { id } conflicts { kind } errors { code } }
}"""
SCHEDULE = """
mutation($id: ID!) {
  scheduleActivity(activityId: $id) { activity { status } conflicts { kind } errors { code } }
}"""
ADD = """
mutation($id: ID!, $deputy: ID!) {
  addParticipant(activityId: $id, deputyId: $deputy) { errors { code } }
}"""


def test_a_planner_cannot_schedule_a_reception_with_one_deputy_until_a_second_joins(
    planner: GraphQLClient, find: Callable[..., str]
) -> None:
    room = venue_id(planner, TOPIC_ROOM)
    chen, liu = find("陈玲", "Deputy"), find("刘志强", "Deputy")
    made = planner(
        CREATE_RECEPTION,
        {
            "input": {
                "venueId": room,
                "title": "服务企业不打烊·一月",
                "day": "2027-01-19",
                "slotStart": "14:30",
                "slotEnd": "17:00",
                "theme": "企业用工",
                "host": "马集镇人大",
                "audience": "辖区企业负责人",
                "deputyIds": [chen],
            }
        },
    )["createReception"]
    assert made["errors"] == [] and "TOO_FEW_DEPUTIES" in [c["kind"] for c in made["conflicts"]]
    rid = made["reception"]["id"]
    refused = planner(SCHEDULE, {"id": rid})["scheduleActivity"]
    assert refused["activity"] is None or refused["activity"]["status"] == "DRAFT"
    assert "TOO_FEW_DEPUTIES" in [c["kind"] for c in refused["conflicts"]]
    assert planner(ADD, {"id": rid, "deputy": liu})["addParticipant"]["errors"] == []
    done = planner(SCHEDULE, {"id": rid})["scheduleActivity"]
    assert done["errors"] == [] and done["activity"]["status"] == "SCHEDULED"


ISSUE = "issue { id status allowedMoves { action } history { action } }"
RAISE = f"""
mutation($input: RaiseIssueInput!) {{ raiseIssue(input: $input) {{ {ISSUE} errors {{ code }} }} }}
"""
STEP = {
    "list": f"""mutation($id: ID!) {{ listIssue(id: $id, measure: "协调用工对接会",
        promisedBy: "2027-02-28") {{ {ISSUE} errors {{ code }} }} }}""",
    "assign": f"""mutation($id: ID!, $unit: ID!) {{ assignIssue(id: $id, unitId: $unit,
        due: "2027-02-20") {{ {ISSUE} errors {{ code }} }} }}""",
    "follow": f"""mutation($id: ID!) {{ followIssue(id: $id, note: "已电话督办")
        {{ {ISSUE} errors {{ code }} }} }}""",
    "answer": f"""mutation($id: ID!) {{ answerIssue(id: $id, answer: "已组织专场招聘会")
        {{ {ISSUE} errors {{ code }} }} }}""",
    "close": f"""mutation($id: ID!) {{ closeIssue(id: $id, outcome: SOLVED)
        {{ {ISSUE} errors {{ code message }} }} }}""",
}
ESCALATE = """
mutation($id: ID!) {
  escalateIssue(id: $id) { proposal { title escalatedFrom { id } } errors { code } }
}"""


def _raise(clerk: GraphQLClient, reception: str, deputies: list[str], title: str) -> Any:
    return clerk(
        RAISE,
        {
            "input": {
                "title": title,
                "origin": "RECEPTION",
                "receptionId": reception,
                "deputyIds": deputies,
                "contact": {"name": "钱先生"},
            }
        },
    )["raiseIssue"]


def test_a_clerk_follows_an_enterprise_problem_to_solved_and_escalates_another(
    clerk: GraphQLClient, find: Callable[..., str]
) -> None:
    room = venue_id(clerk, TOPIC_ROOM)
    nodes = clerk(RECEPTIONS, {"venue": room, "month": "2025-02"})["receptions"]["nodes"]
    reception = next(n["id"] for n in nodes if n["lists"]["problems"])
    deputies = [find("陈玲", "Deputy"), find("刘志强", "Deputy")]
    unit = find("仪征市人力资源和社会保障局", "Unit")
    raised = _raise(clerk, reception, deputies, "企业招工难，希望对接职业院校")
    assert raised["errors"] == [] and raised["issue"]["status"] == "RAISED"
    iid = raised["issue"]["id"]
    # An illegal move (close before it is answered) is refused, and nothing is written.
    early = clerk(STEP["close"], {"id": iid})["closeIssue"]
    assert [e["code"] for e in early["errors"]] == ["CONFLICT"]
    assert "问需求" in early["errors"][0]["message"]
    statuses = []
    for step in ("list", "assign", "follow", "answer", "close"):
        variables = {"id": iid} | ({"unit": unit} if step == "assign" else {})
        out = next(iter(clerk(STEP[step], variables).values()))
        assert out["errors"] == [], (step, out)
        statuses.append(out["issue"]["status"])
    assert statuses == ["LISTED", "ASSIGNED", "HANDLING", "ANSWERED", "CLOSED"]
    assert [h["action"] for h in out["issue"]["history"]] == [
        "RAISE",
        "LIST",
        "ASSIGN",
        "FOLLOW",
        "ANSWER",
        "CLOSE",
    ]
    assert out["issue"]["allowedMoves"] == []
    # Another one is a matter for the government's work: it becomes a suggestion, once.
    other = _raise(clerk, reception, deputies, "建议统筹规划工业集中区配套道路")["issue"]["id"]
    clerk(STEP["list"], {"id": other})
    made = clerk(ESCALATE, {"id": other})["escalateIssue"]
    assert made["errors"] == [] and made["proposal"]["escalatedFrom"][0]["id"] == other
    assert [e["code"] for e in clerk(ESCALATE, {"id": other})["escalateIssue"]["errors"]] == [
        "CONFLICT"
    ]


CAMPAIGNS = """
{ campaigns(first: 10) { nodes { id name year stats { collected assigned solved } } } }
"""
BY_CAMPAIGN = """
{ issueStats(groupBy: [CAMPAIGN]) { rows { keys { key label } collected assigned solved } } }
"""


def test_a_leader_reads_anqings_four_spring_campaigns(staff: GraphQLClient) -> None:
    """The seed: four years of 新春访代表、助企解难题, 93 problems solved; 2025's all assigned."""
    nodes = staff(CAMPAIGNS)["campaigns"]["nodes"]
    anqing = {n["year"]: n for n in nodes if "助企解难题" in n["name"]}
    assert sorted(anqing) == [2022, 2023, 2024, 2025]
    assert sum(n["stats"]["solved"] for n in anqing.values()) == 93
    latest = anqing[2025]["stats"]
    assert latest["collected"] > 0 and latest["assigned"] == latest["collected"]
    rows = {r["keys"][0]["key"]: r for r in staff(BY_CAMPAIGN)["issueStats"]["rows"]}
    for campaign in anqing.values():
        assert rows[campaign["id"]]["solved"] == campaign["stats"]["solved"]
        assert rows[campaign["id"]]["collected"] == campaign["stats"]["collected"]


FEED = """
mutation($id: ID!) { createCalendarFeed(kind: VENUE, id: $id) { path errors { code } } }
"""


def test_a_deputy_subscribes_to_the_rooms_reception_calendar(demo: GraphQLClient) -> None:
    room = venue_id(demo, TOPIC_ROOM)
    made = demo.as_role("VIEWER")(FEED, {"id": room})["createCalendarFeed"]
    assert made["errors"] == []
    response = demo.http.get(made["path"])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    text = response.text.replace("\r\n ", "")
    assert "BEGIN:VEVENT" in text and "服务企业不打烊" in text
    assert "李老板" not in text and "张先生" not in text  # never a citizen's contact
