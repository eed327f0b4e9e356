"""A leader's dashboard, on the demo data: suggestions per industry at 大类 level for 2024 with
the rates (办结率, 满意 / 基本满意 / 不满意), the year's 视察调研 per group as the seed counts them,
and the same figures in the CSV and XLSX downloads. Expectations come from the demo dataset
itself (datasets.demo.compose), walked in Python, never from hard-coded counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from typing import Any

from openpyxl import load_workbook

from datasets.demo import compose
from tests.conftest import GraphQLClient

FIGURES = """
count closed closedRate assigned fullySatisfied basicallySatisfied unsatisfied satisfied
"""
BY_DIVISION = f"""
query {{
  proposalStats(groupBy: [INDUSTRY], industryLevel: DIVISION,
                filter: {{from: "2024-01-01", to: "2024-12-31"}}) {{
    industryLevel
    rows {{ keys {{ value label }} {FIGURES} }}
    totals {{ {FIGURES} }}
  }}
}}
"""
TRIPS_BY_GROUP = """
query {
  activityStats(groupBy: [GROUP], filter: {from: "2024-01-01", to: "2024-12-31"}) {
    rows { keys { value label } trips lawChecks activities visits }
    totals { trips lawChecks activities visits }
  }
}
"""
STATS_2024 = "from=2024-01-01&to=2024-12-31"


def _rels(dataset: dict[str, Any], key: str, start: str) -> list[dict[str, Any]]:
    return [r for k, s, _, rows in dataset["rels"] if k == key and s == start for r in rows]


def _in_2024(day: dt.date | None) -> bool:
    return day is not None and day.year == 2024


def expected_by_division() -> tuple[Counter[str | None], dict[str, int]]:
    """Per division (大类): the 2024 suggestions whose industries reach it up the PART_OF
    tree (their own code where coarser), each once; and the year's totals."""
    dataset = compose.demo_dataset()
    code = {i["id"]: i["code"] for i in dataset["nodes"]["Industry"]}
    parent = {code[r["start"]]: code[r["end"]] for r in _rels(dataset, "PART_OF", "Industry")}
    proposals = {p["id"]: p for p in dataset["nodes"]["Proposal"] if _in_2024(p["raisedAt"])}
    reached: dict[str, set[str]] = {pid: set() for pid in proposals}
    for r in _rels(dataset, "IN_INDUSTRY", "Proposal"):
        if r["start"] in proposals:
            c: str | None = code[r["end"]]
            while c is not None and len(c) > 3:
                c = parent.get(c)
            reached[r["start"]].add(c or code[r["end"]])
    rows: Counter[str | None] = Counter(c for codes in reached.values() for c in codes)
    rows[None] += sum(not codes for codes in reached.values())  # filed under no industry
    if not rows[None]:
        del rows[None]
    assigned = {r["start"] for r in _rels(dataset, "ASSIGNED_TO", "Proposal")}
    ratings = Counter(p.get("satisfaction") for p in proposals.values())
    totals = {
        "count": len(proposals),
        "closed": sum(p["status"] == "CLOSED" for p in proposals.values()),
        "assigned": len(assigned & set(proposals)),
        "fullySatisfied": ratings["SATISFIED"],
        "basicallySatisfied": ratings["BASICALLY_SATISFIED"],
        "unsatisfied": ratings["UNSATISFIED"],
    }
    return rows, totals


def expected_trips_by_group() -> tuple[dict[str, int], int, int, int]:
    """{group name: its 2024 inspections and research trips}, all of them, law checks, and
    activities of every kind (receptions too)."""
    dataset = compose.demo_dataset()
    activities = {
        a["id"]: a
        for a in dataset["nodes"]["Activity"]
        if _in_2024(a["start"]) and a["status"] != "CANCELLED"
    }
    names = {g["id"]: g["name"] for g in dataset["nodes"]["DeputyGroup"]}
    trips = {a for a, row in activities.items() if row["kind"] in ("INSPECTION", "RESEARCH")}
    held = [r for r in _rels(dataset, "HOLDS", "DeputyGroup") if r["end"] in trips]
    per_group = Counter(names[r["start"]] for r in held)
    # Trips no group holds (安庆's campaign visits) count under "未填写" (none given).
    if trips - {r["end"] for r in held}:
        per_group["未填写"] = len(trips - {r["end"] for r in held})
    checks = sum(a["kind"] == "LAW_CHECK" for a in activities.values())
    return dict(per_group), len(trips), checks, len(activities)


def test_a_leader_reads_suggestions_per_industry_and_the_rates(staff: GraphQLClient) -> None:
    stats = staff(BY_DIVISION)["proposalStats"]
    rows, totals = expected_by_division()
    assert stats["industryLevel"] == "DIVISION"
    assert {r["keys"][0]["value"]: r["count"] for r in stats["rows"]} == dict(rows)
    # No suggestion counts twice in a column: the rows add up to the total, plus one for each
    # further division a suggestion in several industries reaches.
    further = rows.total() - totals["count"]
    assert sum(r["count"] for r in stats["rows"]) == stats["totals"]["count"] + further
    assert all(r["keys"][0]["label"] for r in stats["rows"])
    t = stats["totals"]
    assert {k: t[k] for k in totals} == totals
    assert t["satisfied"] == t["fullySatisfied"] + t["basicallySatisfied"]
    assert t["closedRate"] == round(totals["closed"] / totals["assigned"], 4)


def test_a_leader_sees_the_years_trips_per_group_as_the_seed_counts_them(
    staff: GraphQLClient,
) -> None:
    stats = staff(TRIPS_BY_GROUP)["activityStats"]
    per_group, trips, checks, every_kind = expected_trips_by_group()
    assert {r["keys"][0]["label"]: r["trips"] for r in stats["rows"] if r["trips"]} == per_group
    assert stats["totals"]["trips"] == trips  # "89次视察调研": inspections and research only
    assert stats["totals"]["lawChecks"] == checks  # counted apart
    assert stats["totals"]["activities"] == every_kind > trips + checks  # receptions too
    assert "汽车专业代表小组" in per_group


def test_a_leader_downloads_the_same_figures(staff: GraphQLClient) -> None:
    stats = staff(BY_DIVISION)["proposalStats"]
    response = staff.get(
        f"/export/proposal-stats.csv?groupBy=INDUSTRY&industryLevel=DIVISION&{STATS_2024}"
    )
    assert response.status_code == 200, response.text
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body, total = table[0], table[1:-1], table[-1]
    assert header[0] == "行业（大类）代码 Industry (division) key"
    column = {name.split(" ")[0]: i for i, name in enumerate(header)}
    assert {r[0]: int(r[column["意见建议数"]]) for r in body} == {
        r["keys"][0]["value"]: r["count"] for r in stats["rows"]
    }
    t = stats["totals"]
    assert int(total[column["已办结"]]) == t["closed"]
    assert float(total[column["办结率"]]) == t["closedRate"]
    assert [int(total[column[k]]) for k in ("满意", "基本满意", "不满意")] == [
        t["fullySatisfied"],
        t["basicallySatisfied"],
        t["unsatisfied"],
    ]

    trips = staff(TRIPS_BY_GROUP)["activityStats"]
    response = staff.get(f"/export/activity-stats.xlsx?groupBy=GROUP&{STATS_2024}")
    assert response.status_code == 200, response.text
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    header_row = [str(v) for v in values[0]]
    trips_at = next(i for i, h in enumerate(header_row) if h.startswith("视察调研"))
    assert {r[1]: r[trips_at] for r in values[1:-1]} == {
        r["keys"][0]["label"]: r["trips"] for r in trips["rows"]
    }
    assert values[-1][0] == "合计 Total"
    assert values[-1][trips_at] == trips["totals"]["trips"]
