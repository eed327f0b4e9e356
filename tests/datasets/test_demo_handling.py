"""The demo's handling part (datasets/demo/handling.py): what it shows, all illustrative, on
the seed's deputies and groups, and none of it in the seed's 2024 figures."""

from __future__ import annotations

from collections import Counter

from datasets.demo.compose import demo_dataset, rows_of
from datasets.demo.handling import handling_part


def test_the_handling_demo_shows_each_rule() -> None:
    rows = rows_of(handling_part)
    proposals = rows["nodes"]["Proposal"]
    events = rows["nodes"]["ProposalEvent"]
    assert {p["source"] for p in proposals} == {"illustrative"}
    assert {e["source"] for e in events} == {"illustrative"}
    assert all(p["year"] == 2025 for p in proposals)  # the seed's 2024 totals stay the seed's

    raised = [r for key, _, _, rs in rows["rels"] if key == "RAISED" for r in rs]
    leads = Counter(r["end"] for r in raised if r["role"] == "LEAD")
    assert set(leads.values()) == {1} and set(leads) == {p["id"] for p in proposals}
    assert any(r["role"] == "CO_SIGNER" for r in raised)

    actions = Counter(e["action"] for e in events)
    assert actions["RETURN"] == 1 and actions["EXTEND_DUE"] == 1
    kinds = {e["supervisionKind"] for e in events if e["action"] == "SUPERVISE"}
    assert kinds == {"NOTIFY", "INTERVIEW", "VISIT"}
    assert {p["replyClass"] for p in proposals if "replyClass" in p} == {"A", "B", "C"}
    assert all(p.get("replyClassReason") for p in proposals if p.get("replyClass") == "C")
    key = [p for p in proposals if p.get("keySupervised")]
    assert key and all(p["keyCommitteeId"] and p["keyLeader"] for p in key)


def test_the_handling_demo_names_the_seeds_deputies_and_groups() -> None:
    nodes = demo_dataset()["nodes"]
    names = {row["id"]: row["name"] for label in ("Deputy", "DeputyGroup") for row in nodes[label]}
    rows = rows_of(handling_part)
    raisers = {names[r["start"]] for key, _, _, rs in rows["rels"] if key == "RAISED" for r in rs}
    assert {"郑思敏", "李盛林", "郑洪霞", "刘淑刚"} <= raisers
