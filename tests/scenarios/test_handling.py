"""Scenarios: a clerk handles suggestions as the rules have it — a unit's return within the
working days allowed, the one extension of a due date, joint suggestions seen on each deputy,
key supervision and its 约谈, and a reply's class (C needs its reason)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from datasets.demo.handling import PLANS
from tests.conftest import GraphQLClient

SUBMIT = """
mutation($input: SubmitProposalInput!) {
  submitProposal(input: $input) { proposal { id } errors { code field message } }
}
"""
REGISTER_AND_ASSIGN = """
mutation($id: ID!, $unit: ID!, $at: Date!, $due: Date!) {
  registerProposal(id: $id) { errors { code message } }
  assignProposal(id: $id, leadUnitId: $unit, at: $at, due: $due) {
    proposal { status assignedAt due } errors { code message }
  }
}
"""
ASSIGN = """
mutation($id: ID!, $unit: ID!, $at: Date!, $due: Date!) {
  assignProposal(id: $id, leadUnitId: $unit, at: $at, due: $due) {
    proposal { status units { role unit { name } } } errors { code field message }
  }
}
"""
RETURN = """
mutation($id: ID!, $reason: String!, $at: Date) {
  returnProposal(id: $id, reason: $reason, at: $at) {
    proposal {
      status units { unit { name } } returnedBy { name }
      history { action note unit { name } }
    }
    errors { code field message }
  }
}
"""
EXTEND = """
mutation($id: ID!, $due: Date!, $reason: String!) {
  extendProposalDue(id: $id, due: $due, reason: $reason) {
    proposal { due originalDue units { due } history { action due note } }
    errors { code field message }
  }
}
"""
DEPUTY_PROPOSALS = """
query($id: ID!) {
  node(id: $id) {
    ... on Deputy {
      name
      proposals(first: 100) {
        edges {
          role
          node {
            title
            lead { ... on Deputy { name } ... on DeputyGroup { name } }
            coSigners { name }
          }
        }
      }
    }
  }
}
"""
MARK_KEY = """
mutation($id: ID!, $committee: ID!, $leader: String!) {
  markKeySupervised(id: $id, committeeId: $committee, leader: $leader) {
    proposal { keySupervision { leader committee { name } } } errors { code message }
  }
}
"""
SUPERVISE = """
mutation($id: ID!, $kind: SupervisionKind!, $note: String!) {
  superviseProposal(id: $id, kind: $kind, note: $note) { errors { code message } }
}
"""
HISTORY = """
query($id: ID!) {
  node(id: $id) {
    ... on Proposal {
      status replyClass replyClassReason
      keySupervision { leader committee { name } }
      history { action supervisionKind replyClass note toStatus }
      allowedMoves { action }
    }
  }
}
"""
START = "mutation($id: ID!) { startHandling(id: $id) { errors { code message } } }"
REPLY = """
mutation($id: ID!, $class: ReplyClass!, $reason: String) {
  replyProposal(id: $id, reply: "经研究，答复如下……", replyClass: $class, classReason: $reason,
                at: "2025-08-01") {
    proposal { status replyClass replyClassReason } errors { code field message }
  }
}
"""


def _submit(clerk: GraphQLClient, raiser: str, title: str, **extra: Any) -> str:
    payload = clerk(
        SUBMIT, {"input": {"title": title, "raisedById": raiser, "raisedAt": "2025-06-02", **extra}}
    )["submitProposal"]
    assert payload["errors"] == [], payload
    return str(payload["proposal"]["id"])


def _assigned(clerk: GraphQLClient, find: Callable[..., str], raiser: str, title: str) -> str:
    """A suggestion raised on 2025-06-02, assigned on Tuesday 2025-06-03 to 诸城市发展和改革局,
    due in three months."""
    pid = _submit(clerk, raiser, title)
    unit = find("诸城市发展和改革局", "Unit")
    done = clerk(
        REGISTER_AND_ASSIGN, {"id": pid, "unit": unit, "at": "2025-06-03", "due": "2025-09-03"}
    )
    assert done["assignProposal"]["errors"] == [], done
    return pid


def test_a_unit_returns_a_wrong_assignment_in_time_and_it_is_reassigned(
    clerk: GraphQLClient, find: Callable[..., str]
) -> None:
    deputy = find("郑洪霞", "Deputy")
    pid = _submit(clerk, deputy, "关于支持胎圈钢丝企业参加境外展会的建议")
    wrong, right = find("诸城市人力资源和社会保障局", "Unit"), find("诸城市商务局", "Unit")
    clerk(REGISTER_AND_ASSIGN, {"id": pid, "unit": wrong, "at": "2025-06-03", "due": "2025-09-03"})

    # Four working days later (a weekend between), the unit returns it with its reason.
    back = clerk(
        RETURN, {"id": pid, "reason": "属外贸促进事项，不属本单位职责", "at": "2025-06-09"}
    )
    returned = back["returnProposal"]
    assert returned["errors"] == []
    assert returned["proposal"]["status"] == "REGISTERED"
    assert returned["proposal"]["units"] == []
    assert returned["proposal"]["returnedBy"] == [{"name": "诸城市人力资源和社会保障局"}]
    last = returned["proposal"]["history"][-1]
    assert last["action"] == "RETURN" and last["unit"] == {"name": "诸城市人力资源和社会保障局"}
    assert "不属本单位职责" in last["note"]

    # The clerk cannot hand it back to the unit that returned it, and assigns another.
    again = clerk(ASSIGN, {"id": pid, "unit": wrong, "at": "2025-06-10", "due": "2025-09-10"})
    assert [e["field"] for e in again["assignProposal"]["errors"]] == ["leadUnitId"]
    moved = clerk(ASSIGN, {"id": pid, "unit": right, "at": "2025-06-10", "due": "2025-09-10"})
    assert moved["assignProposal"]["errors"] == []
    assert moved["assignProposal"]["proposal"]["units"] == [
        {"role": "LEAD", "unit": {"name": "诸城市商务局"}}
    ]

    # A return after five working days is refused, and the error says until when it was open.
    late = clerk(RETURN, {"id": pid, "reason": "仍不属本单位", "at": "2025-06-18"})[
        "returnProposal"
    ]
    assert [e["code"] for e in late["errors"]] == ["CONFLICT"]
    assert "2025-06-17" in late["errors"][0]["message"]
    assert late["proposal"] is None


def test_a_due_date_is_extended_once_and_the_second_is_refused(
    clerk: GraphQLClient, find: Callable[..., str]
) -> None:
    group = find("生物医药专业代表小组", "DeputyGroup")
    pid = _assigned(clerk, find, group, "关于建设生物医药公共检测平台的建议")
    moves = clerk(HISTORY, {"id": pid})["node"]["allowedMoves"]
    assert {"action": "EXTEND_DUE"} in moves

    extended = clerk(EXTEND, {"id": pid, "due": "2025-12-03", "reason": "需跨部门协调用地"})
    payload = extended["extendProposalDue"]
    assert payload["errors"] == []
    assert (payload["proposal"]["originalDue"], payload["proposal"]["due"]) == (
        "2025-09-03",
        "2025-12-03",
    )
    assert payload["proposal"]["units"] == [{"due": "2025-12-03"}]
    assert payload["proposal"]["history"][-1]["action"] == "EXTEND_DUE"

    second = clerk(EXTEND, {"id": pid, "due": "2026-03-03", "reason": "仍需协调"})
    refused = second["extendProposalDue"]
    assert [e["code"] for e in refused["errors"]] == ["CONFLICT"]
    assert "只能延期一次" in refused["errors"][0]["message"]
    now = clerk(HISTORY, {"id": pid})["node"]
    assert [h["action"] for h in now["history"]].count("EXTEND_DUE") == 1
    assert {"action": "EXTEND_DUE"} not in now["allowedMoves"]  # the buttons say so too


def test_a_joint_suggestion_shows_its_lead_and_co_signers_on_each_deputy(
    staff: GraphQLClient, find: Callable[..., str]
) -> None:
    joint = [plan for plan in PLANS if plan.co_signers]
    assert joint
    for plan in joint:
        names = [plan.lead, *plan.co_signers]
        for name in names:
            deputy = staff(DEPUTY_PROPOSALS, {"id": find(name, "Deputy")})["node"]
            edges = [e for e in deputy["proposals"]["edges"] if e["node"]["title"] == plan.title]
            assert len(edges) == 1, (name, plan.title)
            (edge,) = edges
            assert edge["role"] == ("LEAD" if name == plan.lead else "CO_SIGNER")
            assert edge["node"]["lead"] == {"name": plan.lead}
            assert sorted(d["name"] for d in edge["node"]["coSigners"]) == sorted(plan.co_signers)


def test_a_key_supervised_suggestion_gets_an_interview_in_its_history(
    clerk: GraphQLClient, find: Callable[..., str]
) -> None:
    group = find("生物医药专业代表小组", "DeputyGroup")
    committee = find("财政经济委员会", "Committee")
    pid = _assigned(clerk, find, group, "关于加快生物医药产业园配套建设的建议")
    before = clerk(HISTORY, {"id": pid})["node"]["allowedMoves"]
    assert {"action": "MARK_KEY"} in before and {"action": "SUPERVISE"} not in before

    marked = clerk(MARK_KEY, {"id": pid, "committee": committee, "leader": "常委会副主任 张某"})
    assert marked["markKeySupervised"]["errors"] == []
    note = "约谈诸城市发展和改革局负责人，明确配套建设时间表"
    done = clerk(SUPERVISE, {"id": pid, "kind": "INTERVIEW", "note": note})
    assert done["superviseProposal"]["errors"] == []

    seen = clerk(HISTORY, {"id": pid})["node"]
    assert seen["keySupervision"] == {
        "leader": "常委会副主任 张某",
        "committee": {"name": "财政经济委员会"},
    }
    assert {"action": "SUPERVISE"} in seen["allowedMoves"]
    assert {"action": "MARK_KEY"} not in seen["allowedMoves"]
    interview = [h for h in seen["history"] if h["action"] == "SUPERVISE"]
    assert interview == [
        {
            "action": "SUPERVISE",
            "supervisionKind": "INTERVIEW",
            "replyClass": None,
            "note": note,
            "toStatus": "ASSIGNED",
        }
    ]


def test_a_class_c_reply_without_its_reason_is_refused(
    clerk: GraphQLClient, find: Callable[..., str]
) -> None:
    deputy = find("刘淑刚", "Deputy")
    pid = _assigned(clerk, find, deputy, "关于完善竹山景区停车设施的建议")
    clerk(START, {"id": pid})
    before = clerk(HISTORY, {"id": pid})["node"]

    refused = clerk(REPLY, {"id": pid, "class": "C"})["replyProposal"]
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID", "classReason")]
    assert clerk(HISTORY, {"id": pid})["node"] == before

    reason = "受景区用地指标限制，暂无法新建停车场"
    replied = clerk(REPLY, {"id": pid, "class": "C", "reason": reason})["replyProposal"]
    assert replied["errors"] == []
    assert replied["proposal"] == {
        "status": "REPLIED",
        "replyClass": "C",
        "replyClassReason": reason,
    }
