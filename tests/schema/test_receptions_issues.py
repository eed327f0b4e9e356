"""Issues and campaigns through the API: the loop, the contact shown only to those who handle
issues (FORBIDDEN for VIEWER and PLANNER), a reception's 321 lists, statistics and their
exports (never a contact in them), campaigns."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from neo4j import Driver
from openpyxl import load_workbook
from strawberry import relay

from graph.kernel.settings import Settings
from tests import issues_world
from tests.conftest import GraphQLClient

PHONE = "13812345678"
NAME = "张先生"


def gid(label: str, node_id: str) -> str:
    return str(relay.GlobalID(label, node_id))


RAISE = """
mutation($input: RaiseIssueInput!) {
  raiseIssue(input: $input) {
    issue { id status statusZh origin allowedMoves { action toStatus } }
    errors { code field message }
  }
}
"""


def raise_issue(api: GraphQLClient, **extra: Any) -> str:
    data: dict[str, Any] = {
        "title": "企业招工难",
        "origin": "RECEPTION",
        "receptionId": gid("Activity", "r1"),
        "deputyIds": [gid("Deputy", "d1"), gid("Deputy", "d2")],
        "enterpriseId": gid("Enterprise", "e1"),
        "industryCode": "C1391",
        "raisedAt": "2026-03-05",
        "promisedBy": "2026-04-05",
        "contact": {"name": NAME, "phone": PHONE},
    }
    data.update(extra)
    payload = api(RAISE, {"input": data})["raiseIssue"]
    assert payload["errors"] == [], payload
    issue: dict[str, Any] = payload["issue"]
    assert issue["status"] == "RAISED" and issue["statusZh"] == "问需求"
    assert issue["allowedMoves"] == [{"action": "LIST", "toStatus": "LISTED"}]
    return str(issue["id"])


def world(driver: Driver, settings: Settings) -> None:
    issues_world.build_sync(driver, settings.database)


def test_the_loop_through_the_api(
    api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    world(clean_graph, neo4j_settings)
    iid = raise_issue(api)
    # One request per step: each runs on its own, as a clerk would send them.
    steps = {
        "l": 'listIssue(id: $id, measure: "组织招聘会") { errors { code } }',
        "a": "assignIssue(id: $id, unitId: $unit, due: $due) { errors { code } }",
        "f": 'followIssue(id: $id, note: "电话督促") { errors { code } }',
        "e": "escalateIssue(id: $id) { proposal { title status } errors { code } }",
        "x": "escalateIssue(id: $id) { proposal { id } errors { code message } }",
        "c": "closeIssue(id: $id, outcome: SOLVED) { errors { code message } }",
    }
    due = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    out = {}
    for key, field in steps.items():
        if key == "a":
            query = f"mutation($id: ID!, $unit: ID!, $due: Date!) {{ {key}: {field} }}"
            variables = {"id": iid, "unit": gid("Unit", "u1"), "due": due}
        else:
            query, variables = f"mutation($id: ID!) {{ {key}: {field} }}", {"id": iid}
        out.update(api(query, variables))
    read = """
    query($id: ID!) { node(id: $id) { ... on Issue {
      status measure unit { name } proposal { title escalatedFrom { id } }
      deputies { name } industry { code }
      reception { id } enterprise { name } overdue answeredLate
      history { seq action toStatus unit { name } }
      allowedMoves { action }
    } } }
    """
    issue = api(read, {"id": iid})["node"]
    assert issue["status"] == "HANDLING" and issue["unit"] == {"name": "市工信局"}
    assert issue["proposal"] == {"title": "企业招工难", "escalatedFrom": [{"id": iid}]}
    assert [d["name"] for d in issue["deputies"]] == ["李代表", "王代表"]
    assert issue["industry"] == {"code": "C1391"} and issue["reception"]["id"] == gid(
        "Activity", "r1"
    )
    assert [h["action"] for h in issue["history"]] == [
        "RAISE",
        "LIST",
        "ASSIGN",
        "FOLLOW",
        "ESCALATE",
    ]
    assert issue["history"][2]["unit"] == {"name": "市工信局"}
    assert {m["action"] for m in issue["allowedMoves"]} == {"FOLLOW", "ANSWER"}
    assert issue["overdue"] is True  # promised 2026-04-05, still open


def test_the_contact_is_for_those_who_handle_issues(
    api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    world(clean_graph, neo4j_settings)
    raise_issue(api)
    query = "{ issues { nodes { title contact { name phone } } } }"
    clerk = api.as_role("CLERK")(query)["issues"]["nodes"]
    assert clerk == [{"title": "企业招工难", "contact": {"name": NAME, "phone": PHONE}}]
    for role in ("VIEWER", "PLANNER"):
        body = api.as_role(role).post(query).json()
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body
        assert PHONE not in str(body) and NAME not in str(body)
        plain = api.as_role(role)("{ issues { nodes { title } } }")["issues"]["nodes"]
        assert plain == [{"title": "企业招工难"}]
    denied = api.as_role("PLANNER").post(RAISE, {"input": {"title": "x", "origin": "VISIT"}})
    assert denied.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_reception_lists_and_filters(
    api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    world(clean_graph, neo4j_settings)
    first = raise_issue(api, title="甲", promisedBy="2026-03-20")
    raise_issue(api, title="乙", promisedBy="2026-03-10", measure="协调解决")
    raise_issue(api, title="丙", promisedBy=None, industryCode="C17")
    lists = api(
        "query($r: ID!) { receptionLists(receptionId: $r) { problems { title } "
        "measures { title } feedbackDue { title promisedBy } } }",
        {"r": gid("Activity", "r1")},
    )["receptionLists"]
    assert [i["title"] for i in lists["problems"]] == ["丙", "甲", "乙"]  # same day: pinyin
    assert [i["title"] for i in lists["measures"]] == ["乙"]
    assert [i["title"] for i in lists["feedbackDue"]] == ["乙", "甲"]
    by_industry = api(
        '{ issues(filter: {industryCode: "C13"}, first: 1) { totalCount nodes { title } '
        "pageInfo { hasNextPage } } }"
    )["issues"]
    assert by_industry["totalCount"] == 2 and by_industry["nodes"] == [{"title": "乙"}]
    assert by_industry["pageInfo"]["hasNextPage"] is True
    week = api(
        '{ issues(filter: {promisedFrom: "2026-03-16", promisedTo: "2026-03-22", openOnly: true})'
        " { nodes { id } } }"
    )["issues"]["nodes"]
    assert week == [{"id": first}]
    mine = api(
        "query($e: ID!) { issues(filter: {enterpriseId: $e}) { totalCount } }",
        {"e": gid("Enterprise", "e1")},
    )
    assert mine["issues"]["totalCount"] == 3
    bad = api.post('{ issues(filter: {industryCode: "食品"}) { totalCount } }').json()
    assert bad["errors"][0]["extensions"]["code"] == "INVALID"


def _csv_rows(response: Any) -> list[list[str]]:
    assert response.status_code == 200, response.text
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_stats_and_exports_without_contacts(
    api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    world(clean_graph, neo4j_settings)
    raise_issue(api)
    raise_issue(api, title="乙", origin="CAMPAIGN", campaignId=gid("Campaign", "k1"))
    stats = api(
        "{ issueStats(groupBy: [CAMPAIGN, STATUS]) { rows { keys { dimension key label } "
        "collected overdue } totals { collected } } }"
    )["issueStats"]
    assert stats["totals"]["collected"] == 2
    labels = [[k["label"] for k in r["keys"]] for r in stats["rows"]]
    assert labels == [["新春访代表·助企解难题", "问需求"], ["（无）", "问需求"]]
    assert stats["rows"][0]["keys"][0]["key"] == gid("Campaign", "k1")
    table = _csv_rows(api.get("/export/issue-stats.csv?groupBy=CAMPAIGN&groupBy=STATUS"))
    assert table[0][:4] == [
        "专项活动代码 campaign key",
        "专项活动 campaign",
        "状态代码 status key",
        "状态 status",
    ]
    assert table[-1][0] == "合计 Total" and table[-1][4] == "2"
    book = api.get("/export/issue-stats.xlsx?groupBy=ENTERPRISE&campaign=" + gid("Campaign", "k1"))
    assert book.status_code == 200
    sheet = load_workbook(io.BytesIO(book.content)).active
    assert sheet is not None and sheet.title == "诉求统计"
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row]
    for text in (table, cells):
        assert PHONE not in str(text) and NAME not in str(text)
    bad = api.get("/export/issue-stats.csv?groupBy=COLOUR")
    assert (
        bad.status_code == 400 and bad.json()["errors"][0]["extensions"]["parameter"] == "groupBy"
    )


def test_campaigns_through_the_api(
    api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    world(clean_graph, neo4j_settings)
    create = """
    mutation($input: CreateCampaignInput!) {
      createCampaign(input: $input) { campaign { id name year } errors { code field } }
    }
    """
    data = {
        "congressId": gid("Congress", "yz"),
        "name": "春风行动",
        "year": 2026,
        "start": "2026-02-01",
        "end": "2026-03-01",
    }
    made = api.as_role("CLERK")(create, {"input": data})["createCampaign"]
    assert made["errors"] == [] and made["campaign"]["name"] == "春风行动"
    again = api(create, {"input": data})["createCampaign"]
    assert again["errors"] == [{"code": "DUPLICATE", "field": "input.name"}]
    cid = made["campaign"]["id"]
    add = """
    mutation($c: ID!, $a: ID!) { addCampaignVisit(campaignId: $c, activityId: $a) {
      campaign { visits { totalCount } } errors { code } } }
    """
    added = api(add, {"c": cid, "a": gid("Activity", "t1")})["addCampaignVisit"]
    assert added["campaign"]["visits"]["totalCount"] == 1
    update = api(
        'mutation($id: ID!) { updateCampaign(id: $id, input: {description: "助企"}) '
        "{ campaign { description name } errors { code } } }",
        {"id": cid},
    )["updateCampaign"]
    assert update["campaign"] == {"description": "助企", "name": "春风行动"}
    raise_issue(api, origin="VISIT", receptionId=None, activityId=gid("Activity", "t1"))
    listed = api(
        "query($c: ID!) { campaigns(filter: {congressId: $c, year: 2026}) { nodes { name "
        "congress { name } issues { totalCount } stats { collected assigned solved answered "
        "overdue solvedRate } } } }",
        {"c": gid("Congress", "yz")},
    )["campaigns"]["nodes"]
    assert [c["name"] for c in listed] == ["春风行动", "新春访代表·助企解难题"]
    assert listed[0]["issues"]["totalCount"] == 1 and listed[0]["congress"]["name"] == "仪征市人大"
    assert listed[0]["stats"] == {
        "collected": 1,
        "assigned": 0,
        "solved": 0,
        "answered": 0,
        "overdue": 1,
        "solvedRate": 0.0,
    }
