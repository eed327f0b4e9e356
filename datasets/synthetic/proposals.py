"""Synthetic suggestions for load and query testing: deterministic, streamed in batches.

`proposal_batches(n, seed)` yields batches of rows for the suggestions' bulk load
(graph/proposals/): each a suggestion raised by one of `GROUPS` synthetic groups, in one or two
industries of the demo's GB/T 4754 tree, spread over `YEARS`, with a realistic spread of
statuses, units, due dates, ratings and an event per step. `base_dataset()` holds the groups,
units and industries they refer to (load it first with `load_dataset`). Everything is
`source="synthetic"`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from datasets.demo.industries import INDUSTRIES, industry_tree
from graph.kernel.dataset import Dataset, merge
from graph.kernel.reads import Row
from graph.proposals.facts import derived, stats_facts
from graph.proposals.vocab import ProposalStatus

SOURCE = "synthetic"
YEARS = tuple(range(2015, 2025))  # 1,000,000 suggestions → about 100,000 a year
GROUPS = 200
UNITS = 60
CONGRESS = "syn-congress"
LEAVES = [c for c, _ in INDUSTRIES if len(c) >= 3]
PATH = ["SUBMITTED", "REGISTERED", "ASSIGNED", "HANDLING", "REPLIED", "EVALUATED", "CLOSED"]
# How far along the loop suggestions get (weights per final status on the main path).
FINAL_WEIGHTS = (2, 3, 5, 10, 10, 15, 55)
RATINGS = (("SATISFIED", 70), ("BASICALLY_SATISFIED", 22), ("UNSATISFIED", 8))


def base_dataset() -> Dataset:
    groups = [
        {"id": f"syn-group-{i}", "name": f"合成代表小组{i:03d}", "source": SOURCE}
        for i in range(GROUPS)
    ]
    units = [
        {
            "id": f"syn-unit-{i}",
            "name": f"合成承办单位{i:02d}",
            "kind": "GOVERNMENT",
            "source": SOURCE,
        }
        for i in range(UNITS)
    ]
    congress = [{"id": CONGRESS, "name": "合成市人民代表大会", "source": SOURCE, "level": "CITY"}]
    own: Dataset = {
        "nodes": {"Congress": congress, "DeputyGroup": groups, "Unit": units},
        "rels": [
            (
                "GROUP_OF",
                "DeputyGroup",
                "Congress",
                [{"start": g["id"], "end": CONGRESS} for g in groups],
            )
        ],
    }
    return merge(industry_tree(), own)


def _proposal(rng: random.Random, i: int, seed: int) -> Row:
    year = YEARS[i % len(YEARS)]
    raised = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    codes = [rng.choice(LEAVES)] + ([rng.choice(LEAVES)] if rng.random() < 0.15 else [])
    codes = list(dict.fromkeys(codes))
    final = rng.choices(PATH, FINAL_WEIGHTS)[0]
    pid = f"syn{seed}-p{i}"
    props: Row = {
        "id": pid,
        "name": f"合成意见建议{i}",
        "title": f"合成意见建议{i}",
        "source": SOURCE,
        "raisedAt": raised,
        "stage": "INTERSESSION",
        "reviewRound": 0,
        "congressId": CONGRESS,
        "groupId": f"syn-group-{i % GROUPS}",
        **derived(raised, codes),
    }
    units: list[Row] = []
    day = raised
    events: list[Row] = []
    for seq, status in enumerate(PATH[: PATH.index(final) + 1], start=1):
        if status == "ASSIGNED":
            day = day + dt.timedelta(days=rng.randrange(1, 15))
            due = day + dt.timedelta(days=rng.choice((30, 60, 90)))
            props |= {"assignedAt": day, "due": due}
            units = [
                {"unit": f"syn-unit-{rng.randrange(UNITS)}", "role": "LEAD", "at": day, "due": due}
            ]
        elif status == "REPLIED":
            day = day + dt.timedelta(days=rng.randrange(10, 100))
            props["repliedAt"] = day
        elif status == "EVALUATED":
            props["satisfaction"] = rng.choices([r for r, _ in RATINGS], [w for _, w in RATINGS])[0]
        else:
            day = day + dt.timedelta(days=rng.randrange(0, 5))
        events.append(
            {
                "id": f"{pid}-e{seq}",
                "name": status,
                "source": SOURCE,
                "at": dt.datetime.combine(day, dt.time(1), dt.UTC),  # 09:00 in Beijing
                "by": "system",
                "action": status,
                "to": status,
                "seq": seq,
                **({"from": PATH[seq - 2]} if seq > 1 else {}),
            }
        )
    props["status"] = final
    props["statsFacts"] = stats_facts(props)
    assert final in ProposalStatus.values()
    return {
        "raiser": props["groupId"],
        "props": props,
        "industries": codes,
        "units": units,
        "events": events,
    }


def proposal_batches(n: int, *, seed: int = 1, batch: int = 10_000) -> Iterator[list[Row]]:
    """`n` suggestions in batches; the same seed always gives the same suggestions."""
    rng = random.Random(seed)
    rows: list[Row] = []
    for i in range(n):
        rows.append(_proposal(rng, i, seed))
        if len(rows) == batch:
            yield rows
            rows = []
    if rows:
        yield rows
