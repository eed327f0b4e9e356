"""The suggestion lifecycle on the real Neo4j: every legal move, illegal ones, bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.loading import load_dataset
from graph.proposals import reads, units
from graph.proposals import steps as pr

D = dt.date

BASE = {
    "nodes": {
        "Congress": [{"id": "c1", "name": "诸城市人民代表大会", "source": "user"}],
        "DeputyGroup": [{"id": "g1", "name": "汽车专业代表小组", "source": "user"}],
        "Deputy": [{"id": "d1", "name": "王建军", "source": "user"}],
        "Committee": [{"id": "k1", "name": "财政经济委员会", "source": "user"}],
        "Industry": [
            {"id": "ind-C", "name": "制造业", "code": "C", "source": "user"},
            {"id": "ind-C36", "name": "汽车制造业", "code": "C36", "source": "user"},
        ],
        "Unit": [
            {"id": "u1", "name": "诸城市工业和信息化局", "kind": "GOVERNMENT", "source": "user"},
            {"id": "u2", "name": "诸城市人民检察院", "kind": "PROCURATORATE", "source": "user"},
        ],
    },
    "rels": [
        ("GROUP_OF", "DeputyGroup", "Congress", [{"start": "g1", "end": "c1"}]),
        ("GROUP_MEMBER", "Deputy", "DeputyGroup", [{"start": "d1", "end": "g1"}]),
        ("PART_OF", "Industry", "Industry", [{"start": "ind-C36", "end": "ind-C"}]),
    ],
}

COUNT_PROPOSALS = "MATCH (p:Proposal) RETURN count(p) AS n"
COUNT_EVENTS = "MATCH (e:ProposalEvent) RETURN count(e) AS n"


async def _submit(db: Database, title: str = "优化汽车产业政策环境") -> dict:
    await load_dataset(db, BASE)
    return await pr.submit_proposal(
        db,
        pr.SubmitInput(
            title=title,
            raised_by_label="Deputy",
            raised_by_id="d1",
            raised_at=D(2024, 3, 5),
            industry_codes=["C36"],
            committee_ids=["k1"],
        ),
        "张秘书",
    )


async def _to_replied(db: Database, pid: str) -> None:
    await pr.register_proposal(db, pid, "clerk")
    await pr.assign_proposal(
        db, pid, "clerk", lead_unit_id="u1", co_unit_ids=["u2"], due=D(2024, 6, 1), at=D(2024, 3, 8)
    )
    await pr.start_handling(db, pid, "clerk")
    await pr.reply_proposal(db, pid, "clerk", "已答复", at=D(2024, 5, 20), reply_class="A")


async def _count(db: Database, query: str) -> int:
    return int((await db.read(query))[0]["n"])


async def test_submit_derives_statistics_keys(db: Database) -> None:
    p = await _submit(db)
    assert p["status"] == "SUBMITTED"
    assert p["enteredBy"] == "张秘书"
    assert (p["year"], p["quarter"]) == (2024, 1)
    assert p["industryPath"] == ["C36", "C"] and p["sections"] == ["C"]
    assert (p["congressId"], p["groupId"]) == ("c1", "g1")
    events = (await reads.events_by_proposal(db, [p["id"]]))[0]
    assert [(e.get("from"), e["to"], e["by"]) for e in events] == [(None, "SUBMITTED", "张秘书")]


async def test_full_loop_satisfied(db: Database) -> None:
    p = await _submit(db)
    await _to_replied(db, p["id"])
    rated = await pr.evaluate_proposal(db, p["id"], "deputy", "BASICALLY_SATISFIED")
    assert rated["status"] == "EVALUATED"
    closed = await pr.close_proposal(db, p["id"], "clerk")
    assert closed["status"] == "CLOSED" and closed["closedAt"] is not None
    events = (await reads.events_by_proposal(db, [p["id"]]))[0]
    assert [e["to"] for e in events] == [
        "SUBMITTED",
        "REGISTERED",
        "ASSIGNED",
        "HANDLING",
        "REPLIED",
        "EVALUATED",
        "CLOSED",
    ]
    assert [e["seq"] for e in events] == list(range(1, 8))
    units = (await reads.assignments_by_proposal(db, [p["id"]]))[0]
    assert [(u["unit"]["id"], u["role"]) for u in units] == [("u1", "LEAD"), ("u2", "CO")]


async def test_unsatisfied_goes_back_once_then_closes(db: Database) -> None:
    p = await _submit(db)
    await _to_replied(db, p["id"])
    back = await pr.evaluate_proposal(db, p["id"], "deputy", "UNSATISFIED")
    assert (back["status"], back["reviewRound"]) == ("HANDLING", 1)
    again = await pr.reply_proposal(
        db, p["id"], "clerk", "再次答复", at=D(2024, 7, 1), reply_class="B"
    )
    assert again["repliedAt"] == D(2024, 5, 20)  # timeliness keeps the first reply
    final = await pr.evaluate_proposal(db, p["id"], "deputy", "UNSATISFIED")
    assert (final["status"], final["reviewRound"], final["satisfaction"]) == (
        "CLOSED",
        2,
        "UNSATISFIED",
    )


@pytest.mark.parametrize(
    ("prepare", "step", "to"),
    [
        ("SUBMITTED", "merge", "MERGED"),
        ("SUBMITTED", "withdraw", "WITHDRAWN"),
        ("REGISTERED", "merge", "MERGED"),
        ("REGISTERED", "withdraw", "WITHDRAWN"),
        ("REGISTERED", "transfer", "TRANSFERRED"),
        ("ASSIGNED", "withdraw", "WITHDRAWN"),
        ("ASSIGNED", "transfer", "TRANSFERRED"),
        ("HANDLING", "transfer", "TRANSFERRED"),
    ],
)
async def test_side_exits(db: Database, prepare: str, step: str, to: str) -> None:
    p = await _submit(db)
    other = await _submit(db, "加强汽车人才培育")
    pid = p["id"]
    if prepare != "SUBMITTED":
        await pr.register_proposal(db, pid, "clerk")
    if prepare in ("ASSIGNED", "HANDLING"):
        await pr.assign_proposal(db, pid, "clerk", lead_unit_id="u1", due=D(2030, 1, 1))
    if prepare == "HANDLING":
        await pr.start_handling(db, pid, "clerk")
    if step == "merge":
        done = await pr.merge_proposal(db, pid, other["id"], "clerk")
    elif step == "withdraw":
        done = await pr.withdraw_proposal(db, pid, "clerk", "代表撤回")
    else:
        done = await pr.transfer_proposal(db, pid, "clerk", unit_id="u2", kind="公益诉讼检察建议")
    assert done["status"] == to


async def test_illegal_move_names_allowed_moves_and_writes_nothing(db: Database) -> None:
    p = await _submit(db)
    before = await _count(db, COUNT_EVENTS)
    with pytest.raises(DomainError) as err:
        await pr.evaluate_proposal(db, p["id"], "deputy", "SATISFIED")
    assert err.value.code is ErrorCode.CONFLICT
    assert "登记" in err.value.zh and "REGISTER → REGISTERED" in err.value.en
    with pytest.raises(DomainError):
        await pr.close_proposal(db, p["id"], "clerk")
    with pytest.raises(DomainError):
        await pr.start_handling(db, p["id"], "clerk")
    assert await _count(db, COUNT_EVENTS) == before
    row = (await db.read("MATCH (p:Proposal {id: $id}) RETURN p.status AS s", id=p["id"]))[0]
    assert row["s"] == "SUBMITTED"


async def test_terminal_status_allows_nothing(db: Database) -> None:
    p = await _submit(db)
    await pr.withdraw_proposal(db, p["id"], "clerk")
    with pytest.raises(DomainError) as err:
        await pr.register_proposal(db, p["id"], "clerk")
    assert "none (final status)" in err.value.en


async def test_bad_input_writes_nothing(db: Database) -> None:
    p = await _submit(db)
    await pr.register_proposal(db, p["id"], "clerk")
    events = await _count(db, COUNT_EVENTS)
    with pytest.raises(DomainError) as unknown:
        await pr.assign_proposal(db, p["id"], "c", lead_unit_id="nope", due=D(2030, 1, 1))
    assert unknown.value.code is ErrorCode.NOT_FOUND and unknown.value.field == "input.leadUnitId"
    with pytest.raises(DomainError) as early:
        await pr.assign_proposal(
            db, p["id"], "c", lead_unit_id="u1", due=D(2024, 3, 1), at=D(2024, 3, 8)
        )
    assert early.value.field == "due"  # the argument's name
    with pytest.raises(DomainError) as dup:
        await pr.submit_proposal(
            db,
            pr.SubmitInput("优化汽车产业政策环境", "Deputy", "d1", D(2024, 3, 5)),
            "clerk",
        )
    assert dup.value.code is ErrorCode.DUPLICATE and dup.value.ids == [p["id"]]
    with pytest.raises(DomainError) as empty:
        await pr.submit_proposal(db, pr.SubmitInput("  ", "Deputy", "d1", D(2024, 3, 5)), "c")
    assert empty.value.field == "input.title"
    assert await _count(db, COUNT_EVENTS) == events
    assert await _count(db, COUNT_PROPOSALS) == 1
    assert await _count(db, "MATCH ()-[a:ASSIGNED_TO]->() RETURN count(a) AS n") == 0


async def test_register_refiles_industries_and_keeps_keys_in_step(db: Database) -> None:
    p = await _submit(db)
    await load_dataset(
        db,
        {
            "nodes": {
                "Industry": [
                    {"id": "ind-A", "name": "农、林、牧、渔业", "code": "A", "source": "user"}
                ]
            }
        },
    )
    done = await pr.register_proposal(db, p["id"], "clerk", industry_codes=["A", "C36"])
    assert done["industryPath"] == ["A", "C36", "C"] and done["sections"] == ["A", "C"]
    assert done["industryCode"] == "A"


async def test_overdue_oldest_first(db: Database) -> None:
    a = await _submit(db, "甲")
    b = await _submit(db, "乙")
    for pid, due in ((a["id"], D(2024, 6, 1)), (b["id"], D(2024, 5, 1))):
        await pr.register_proposal(db, pid, "c")
        await pr.assign_proposal(db, pid, "c", lead_unit_id="u1", due=due, at=D(2024, 3, 8))
    await pr.start_handling(db, a["id"], "c")
    page = await reads.overdue_proposals(db, first=10, offset=0, today=D(2024, 7, 1))
    assert [r["id"] for r in page.rows] == [b["id"], a["id"]] and page.total == 2
    await pr.reply_proposal(db, a["id"], "c", "答复", reply_class="A")
    page = await reads.overdue_proposals(db, first=10, offset=0, today=D(2024, 7, 1))
    assert [r["id"] for r in page.rows] == [b["id"]]


async def test_units_crud(db: Database) -> None:
    await load_dataset(db, BASE)
    unit = await units.create_unit(db, "诸城市交通运输局", "GOVERNMENT")
    with pytest.raises(DomainError) as dup:
        await units.create_unit(db, "诸城市交通运输局", "GOVERNMENT")
    assert dup.value.code is ErrorCode.DUPLICATE
    renamed = await units.update_unit(db, unit["id"], name="诸城市交通运输局（新）")
    assert renamed["name"] == "诸城市交通运输局（新）"
    page = await units.list_units(db, name_contains="交通", first=10, offset=0)
    assert page.total == 1
    assert await units.delete_unit(db, unit["id"]) == unit["id"]
