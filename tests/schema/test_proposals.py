"""The suggestion schema over HTTP: the loop through mutations, history, errors in payloads."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQLClient

CREATE_UNIT = """
mutation($name: String!) {
  createUnit(name: $name, kind: GOVERNMENT) { unit { id name } errors { code } }
}
"""
SUBMIT = """
mutation($input: SubmitProposalInput!) {
  submitProposal(input: $input) {
    proposal { id status enteredBy raisedBy { ... on DeputyGroup { name } } industries { code } }
    errors { code field ids message }
  }
}
"""
STEP = """
mutation($id: ID!, $unit: ID!) {
  registerProposal(id: $id) { errors { code } }
  assignProposal(id: $id, leadUnitId: $unit, due: "2030-01-01", at: "2024-03-10") {
    errors { code }
  }
  startHandling(id: $id) { errors { code } }
  replyProposal(id: $id, reply: "已落实", replyClass: A) { errors { code } }
  evaluateProposal(id: $id, satisfaction: SATISFIED) {
    proposal { status history { action fromStatus toStatus by } allowedMoves { action toStatus }
               units { role unit { name } } }
    errors { code }
  }
}
"""
EVALUATE = """
mutation($id: ID!) {
  evaluateProposal(id: $id, satisfaction: SATISFIED) { proposal { id } errors { code message } }
}
"""
STATS = """
{ proposalStats(groupBy: [INDUSTRY], filter: {from: "2024-01-01", to: "2024-12-31"}) {
    rows { keys { value label } count } totals { count } } }
"""


def seed_and_submit(api: GraphQLClient) -> dict[str, Any]:
    """A group, an industry tree and one suggestion (also used by the export tests)."""
    groups = api(
        """mutation { c: createCongress(input: {name: "诸城市人民代表大会", level: COUNTY}) {
             congress { id } } }"""
    )
    congress = groups["c"]["congress"]["id"]
    group = api(
        """mutation($c: ID!) { createDeputyGroup(input: {congressId: $c,
             name: "汽车专业代表小组"}) { deputyGroup { id } errors { message } } }""",
        {"c": congress},
    )["createDeputyGroup"]["deputyGroup"]["id"]
    api('mutation { createIndustry(input: {code: "C", name: "制造业"}) { industry { id } } }')
    api(
        """mutation { createIndustry(input: {code: "C36", name: "汽车制造业", parentCode: "C"})
             { industry { id } errors { message } } }"""
    )
    data = api(
        SUBMIT,
        {
            "input": {
                "title": "优化汽车产业政策环境",
                "raisedById": group,
                "raisedAt": "2024-03-05",
                "industryCodes": ["C36"],
            }
        },
    )
    return {"group": group, "proposal": data["submitProposal"]["proposal"]}


def test_loop_through_mutations(api: GraphQLClient) -> None:
    seeded = seed_and_submit(api)
    proposal = seeded["proposal"]
    assert proposal["status"] == "SUBMITTED" and proposal["enteredBy"]
    assert proposal["raisedBy"] == {"name": "汽车专业代表小组"}
    unit = api(CREATE_UNIT, {"name": "诸城市工业和信息化局"})["createUnit"]["unit"]
    data = api(STEP, {"id": proposal["id"], "unit": unit["id"]})
    result = data["evaluateProposal"]["proposal"]
    assert result["status"] == "EVALUATED"
    assert [h["toStatus"] for h in result["history"]] == [
        "SUBMITTED",
        "REGISTERED",
        "ASSIGNED",
        "HANDLING",
        "REPLIED",
        "EVALUATED",
    ]
    # Not key supervised: no SUPERVISE (回访) among its moves.
    assert result["allowedMoves"] == [{"action": "CLOSE", "toStatus": "CLOSED"}]
    assert result["units"] == [{"role": "LEAD", "unit": {"name": "诸城市工业和信息化局"}}]
    stats = api(STATS)["proposalStats"]
    assert {r["keys"][0]["value"]: r["count"] for r in stats["rows"]} == {"C": 1, "C36": 1}


def test_errors_come_back_in_payload(api: GraphQLClient) -> None:
    seeded = seed_and_submit(api)
    wrong = api(EVALUATE, {"id": seeded["proposal"]["id"]})["evaluateProposal"]
    assert wrong["proposal"] is None and wrong["errors"][0]["code"] == "CONFLICT"
    again = api(
        SUBMIT,
        {
            "input": {
                "title": "优化汽车产业政策环境",
                "raisedById": seeded["group"],
                "raisedAt": "2024-03-05",
            }
        },
    )["submitProposal"]
    assert again["errors"][0]["code"] == "DUPLICATE"
    assert again["errors"][0]["ids"] and again["proposal"] is None
