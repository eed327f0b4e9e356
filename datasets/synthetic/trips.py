"""Activities for synthetic provinces: trips spread over a year, planned like the demo's.

`synthetic_trips(base, activities=N, seed=S)` passes the base chunks through unchanged (so it
composes with `datasets.synthetic.base.synthetic_dataset` as one stream), remembers the ids it needs
(groups, members, committees, industries, enterprises; ids only, so memory stays small) and then
yields the activities in chunks of 500. Each activity is held by one group (groups in turn),
organised by its liaising committees, with the group's convener leading, at least two of its
deputies taking part, and up to three visits to enterprises of the group's alliances and
industry. About one activity in ten is planned carelessly (double-booked deputies, enterprises
visited again within the cap), so conflict checks have something to find. Deterministic per
seed: one random.Random.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator

from datasets.demo.trips import (
    REL_ENDS,
    TOPIC_KINDS,
    TOPICS,
    TripPlanner,
    activity_rows,
    as_dataset,
)
from datasets.synthetic.base import synthetic_dataset
from graph.kernel.dataset import ChunkStream, Dataset
from graph.kernel.reads import Row

CHUNK = 500
CARELESS = 0.1
STATUSES = ("COMPLETED", "COMPLETED", "COMPLETED", "SCHEDULED", "DRAFT", "CANCELLED")


def synthetic_trips(
    base: Iterable[Dataset], activities: int, *, seed: int, year: int = 2024
) -> Iterator[Dataset]:
    planner = TripPlanner(random.Random(seed * 7919 + year))
    for chunk in base:
        planner.read(chunk)
        yield chunk
    rng = planner.rng
    candidates = planner.candidates()
    groups = sorted(planner.eligible(), key=lambda g: g.id)
    if not groups:
        return
    rows: list[Row] = []
    rels: dict[str, list[Row]] = {key: [] for key in REL_ENDS}
    first = dt.date(year, 1, 2)
    made = attempts = 0
    while made < activities and attempts < activities * 10:
        attempts += 1
        group = groups[attempts % len(groups)]
        start = first + dt.timedelta(days=rng.randrange(355))
        end = start + dt.timedelta(days=rng.choice((0, 0, 1, 2)))
        careless = rng.random() < CARELESS
        planned = planner.plan(group, start, end, candidates[group.id], strict=not careless)
        if planned is None:
            continue
        made += 1
        topic = rng.choice(TOPICS)
        kind, kind_zh = TOPIC_KINDS[topic]
        title = f"{group.name}{topic}专题{kind_zh}"
        activity = {
            "id": f"s{seed}-act-{made:05d}",
            "name": title,
            "title": title,
            "source": "synthetic",
            "kind": kind,
            "topic": topic,
            "start": start,
            "end": end,
            "status": rng.choice(STATUSES),
        }
        rows.append(activity)
        for key, rel_rows in activity_rows(activity, group, *planned).items():
            rels[key] += rel_rows
        if len(rows) >= CHUNK:
            yield as_dataset(rows, rels)
            rows, rels = [], {key: [] for key in REL_ENDS}
    if rows:
        yield as_dataset(rows, rels)


def synthetic_with_trips(deputies: int, seed: int, activities: int | None = None) -> ChunkStream:
    """`synthetic_dataset` with a year of activities (default: one per deputy,
    the benchmark's proportion), as one stream."""
    base = synthetic_dataset(deputies=deputies, seed=seed)
    count = deputies if activities is None else activities
    # About eight rows per activity (node, holder, organisers, participants, visits, industry).
    estimate = (base.estimated_rows or 0) + 8 * count
    return ChunkStream(synthetic_trips(base, count, seed=seed), estimated_rows=estimate)
