"""Handling as the rules have it, on the real Neo4j: a unit's return within working days, the
one extension, joint suggestions, key supervision, the reply's class; and migration 9."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.loading import load_dataset
from graph.kernel.settings import HandlingRules
from graph.migrations import run_data_step
from graph.proposals import handling, handling_reads, reads
from graph.proposals import steps as pr
from graph.proposals.cypher_handling import RAISED_ROLE_BACKFILL

D = dt.date
FIVE = HandlingRules(return_working_days=5)

BASE = {
    "nodes": {
        "Congress": [{"id": "c1", "name": "诸城市人民代表大会", "source": "user"}],
        "DeputyGroup": [{"id": "g1", "name": "汽车专业代表小组", "source": "user"}],
        "Deputy": [
            {"id": "d1", "name": "王建军", "source": "user"},
            {"id": "d2", "name": "李红", "source": "user"},
            {"id": "d3", "name": "赵强", "source": "user"},
        ],
        "Committee": [{"id": "k1", "name": "财政经济委员会", "source": "user"}],
        "Unit": [
            {"id": "u1", "name": "诸城市工业和信息化局", "kind": "GOVERNMENT", "source": "user"},
            {"id": "u2", "name": "诸城市发展和改革局", "kind": "GOVERNMENT", "source": "user"},
        ],
    },
    "rels": [("GROUP_OF", "DeputyGroup", "Congress", [{"start": "g1", "end": "c1"}])],
}

STATE = """
MATCH (p:Proposal {id: $id})
RETURN p {.*} AS p,
  COUNT { (p)-[:ASSIGNED_TO]->() } AS units,
  COUNT { (p)-[:HAS_EVENT]->() } AS events,
  [(p)-[a:ASSIGNED_TO]->() | a.due] AS dues
"""


async def _state(db: Database, pid: str) -> dict:
    return dict((await db.read(STATE, id=pid))[0])


async def _submit(
    db: Database,
    *,
    raiser: tuple[str, str] = ("Deputy", "d1"),
    co: tuple[str, ...] = (),
    title: str = "关于汽车零部件技改的建议",
) -> str:
    await load_dataset(db, BASE)
    row = await pr.submit_proposal(
        db,
        pr.SubmitInput(title, raiser[0], raiser[1], D(2024, 3, 4), co_signer_ids=co),
        "clerk",
    )
    return str(row["id"])


FRIDAY = D(2024, 3, 8)


async def _assigned(db: Database, at: D = FRIDAY) -> str:
    """A suggestion assigned to u1 on `at` (2024-03-08 is a Friday), due 2024-06-08."""
    pid = await _submit(db)
    await pr.register_proposal(db, pid, "clerk")
    await pr.assign_proposal(db, pid, "clerk", lead_unit_id="u1", due=D(2024, 6, 8), at=at)
    return pid


def test_working_days_skip_weekends() -> None:
    friday = D(2024, 3, 8)
    assert handling.add_working_days(friday, 1) == D(2024, 3, 11)
    assert handling.add_working_days(friday, 5) == D(2024, 3, 15)
    assert handling.return_deadline(D(2024, 3, 9), FIVE) == D(2024, 3, 15)  # a Saturday
    assert handling.return_deadline(friday, HandlingRules(return_working_days=0)) == friday


async def test_a_return_within_the_window_goes_back_for_another_unit(db: Database) -> None:
    pid = await _assigned(db)
    row = await handling.return_proposal(
        db, pid, "unit", reason="不属本单位职责", rules=FIVE, at=D(2024, 3, 15)
    )
    assert row["status"] == "REGISTERED" and row["returnedBy"] == ["u1"]
    state = await _state(db, pid)
    assert state["units"] == 0
    assert state["p"].get("assignedAt") is None and state["p"].get("due") is None
    (events,) = await reads.events_by_proposal(db, [pid])
    assert events[-1]["action"] == "RETURN" and events[-1]["unitId"] == "u1"
    assert "不属本单位职责" in events[-1]["note"]
    with pytest.raises(DomainError) as again:
        await pr.assign_proposal(
            db, pid, "c", lead_unit_id="u1", due=D(2024, 7, 1), at=D(2024, 3, 18)
        )
    assert (again.value.code, again.value.field) == (ErrorCode.INVALID, "leadUnitId")
    row = await pr.assign_proposal(
        db, pid, "c", lead_unit_id="u2", due=D(2024, 7, 1), at=D(2024, 3, 18)
    )
    assert row["status"] == "ASSIGNED" and row["assignedAt"] == D(2024, 3, 18)


async def test_a_late_return_is_refused_naming_the_deadline(db: Database) -> None:
    pid = await _assigned(db)
    before = await _state(db, pid)
    with pytest.raises(DomainError) as late:
        await handling.return_proposal(
            db, pid, "u", reason="不属本单位", rules=FIVE, at=D(2024, 3, 18)
        )
    assert late.value.code is ErrorCode.CONFLICT and late.value.field == "at"
    assert "2024-03-15" in late.value.zh and "5 个工作日" in late.value.zh
    after = await _state(db, pid)
    assert (after["units"], after["events"]) == (before["units"], before["events"])
    # …and the window is the setting's: with ten working days the same day is in time.
    ten = HandlingRules(return_working_days=10)
    row = await handling.return_proposal(
        db, pid, "u", reason="不属本单位", rules=ten, at=D(2024, 3, 18)
    )
    assert row["status"] == "REGISTERED"


async def test_a_return_needs_a_reason_and_an_assignment(db: Database) -> None:
    pid = await _assigned(db)
    with pytest.raises(DomainError) as blank:
        await handling.return_proposal(db, pid, "u", reason="  ", rules=FIVE, at=D(2024, 3, 11))
    assert (blank.value.code, blank.value.field) == (ErrorCode.INVALID, "reason")
    other = await _submit(db, title="另一条建议")
    with pytest.raises(DomainError) as draft:
        await handling.return_proposal(db, other, "u", reason="不属本单位", rules=FIVE)
    assert draft.value.code is ErrorCode.CONFLICT


async def test_the_due_date_is_extended_once(db: Database) -> None:
    pid = await _assigned(db)
    with pytest.raises(DomainError) as earlier:
        await handling.extend_due(db, pid, "c", due=D(2024, 6, 8), reason="需协调")
    assert (earlier.value.code, earlier.value.field) == (ErrorCode.INVALID, "due")
    row = await handling.extend_due(db, pid, "c", due=D(2024, 9, 8), reason="需跨部门协调")
    assert (row["due"], row["originalDue"]) == (D(2024, 9, 8), D(2024, 6, 8))
    state = await _state(db, pid)
    assert state["dues"] == [D(2024, 9, 8)]
    with pytest.raises(DomainError) as twice:
        await handling.extend_due(db, pid, "c", due=D(2024, 12, 8), reason="仍需协调")
    assert twice.value.code is ErrorCode.CONFLICT
    assert "2024-06-08" in twice.value.zh and "2024-09-08" in twice.value.zh
    assert (await _state(db, pid))["events"] == state["events"]


async def test_a_joint_suggestion_has_one_lead_and_its_co_signers(db: Database) -> None:
    pid = await _submit(db, co=("d2",))
    await handling.add_co_signer(db, pid, "d3")
    for deputy, code in (("d1", ErrorCode.INVALID), ("d2", ErrorCode.DUPLICATE)):
        with pytest.raises(DomainError) as refused:
            await handling.add_co_signer(db, pid, deputy)
        assert (refused.value.code, refused.value.field) == (code, "deputyId")
    (co,) = await handling_reads.co_signers_by_proposal(db, [pid])
    assert sorted(d["id"] for d in co) == ["d2", "d3"]
    (raiser,) = await reads.raiser_by_proposal(db, [pid])
    assert raiser is not None and raiser["node"]["id"] == "d1"
    roles = await handling_reads.proposals_by_deputy(db, ["d1", "d2", "d3"])
    assert [[p["rel"]["role"] for p in rows] for rows in roles] == [
        ["LEAD"],
        ["CO_SIGNER"],
        ["CO_SIGNER"],
    ]
    await pr.register_proposal(db, pid, "clerk")
    with pytest.raises(DomainError) as late:
        await handling.add_co_signer(db, pid, "d3")
    assert late.value.code is ErrorCode.CONFLICT


async def test_a_group_suggestion_takes_no_co_signers(db: Database) -> None:
    await load_dataset(db, BASE)
    with pytest.raises(DomainError) as refused:
        await pr.submit_proposal(
            db,
            pr.SubmitInput("小组建议", "DeputyGroup", "g1", D(2024, 3, 4), co_signer_ids=["d2"]),
            "clerk",
        )
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, "input.coSignerIds")
    assert not await db.read("MATCH (p:Proposal) RETURN p")


async def test_key_supervision_and_its_actions(db: Database) -> None:
    pid = await _assigned(db)
    with pytest.raises(DomainError) as not_key:
        await handling.record_supervision(db, pid, "c", kind="INTERVIEW", note="约谈")
    assert not_key.value.code is ErrorCode.CONFLICT
    row = await handling.mark_key_supervised(
        db, pid, "c", committee_id="k1", leader="常委会副主任 王某"
    )
    assert row["keySupervised"] is True and row["keyCommitteeId"] == "k1"
    with pytest.raises(DomainError) as twice:
        await handling.mark_key_supervised(db, pid, "c", committee_id="k1", leader="另一人")
    assert twice.value.code is ErrorCode.CONFLICT
    for kind in ("NOTIFY", "INTERVIEW", "VISIT"):
        await handling.record_supervision(db, pid, "c", kind=kind, note=f"{kind} 记录")
    (events,) = await reads.events_by_proposal(db, [pid])
    assert [e.get("supervisionKind") for e in events if e["action"] == "SUPERVISE"] == [
        "NOTIFY",
        "INTERVIEW",
        "VISIT",
    ]
    assert all(e["to"] == "ASSIGNED" for e in events[-4:])  # the status stays
    supervisors = await db.read(
        "MATCH (c:Committee)-[:SUPERVISES]->(:Proposal {id: $id}) RETURN c.id AS id", id=pid
    )
    assert [r["id"] for r in supervisors] == ["k1"]


async def test_a_reply_records_its_class_and_c_needs_the_reason(db: Database) -> None:
    pid = await _assigned(db)
    await pr.start_handling(db, pid, "u")
    events = (await _state(db, pid))["events"]
    with pytest.raises(DomainError) as no_reason:
        await pr.reply_proposal(db, pid, "u", "暂无法解决", at=D(2024, 5, 1), reply_class="C")
    assert (no_reason.value.code, no_reason.value.field) == (ErrorCode.INVALID, "classReason")
    assert (await _state(db, pid))["events"] == events
    row = await pr.reply_proposal(
        db, pid, "u", "暂无法解决", at=D(2024, 5, 1), reply_class="C", class_reason="受用地指标限制"
    )
    assert (row["replyClass"], row["replyClassReason"]) == ("C", "受用地指标限制")
    (history,) = await reads.events_by_proposal(db, [pid])
    assert history[-1]["replyClass"] == "C"


async def test_migration_9_makes_the_stored_raisers_leads(db: Database) -> None:
    pid = await _submit(db)
    await db.write("MATCH ()-[r:RAISED]->() REMOVE r.role")
    (raiser,) = await reads.raiser_by_proposal(db, [pid])
    assert raiser is not None  # read as the lead even before the back-fill
    await run_data_step(db, RAISED_ROLE_BACKFILL)
    roles = await db.read("MATCH ()-[r:RAISED]->() RETURN collect(r.role) AS roles")
    assert roles[0]["roles"] == ["LEAD"]
