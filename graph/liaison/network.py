"""What the third link reaches, as nodes and edges ready to draw (the network around an entity:
graph/liaison/reach.py; the paths between two: graph/liaison/paths.py), and the gaps in
coverage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.kernel.db import Database
from graph.kernel.reads import Row
from graph.liaison.cypher import MATCH_COVERAGE_GAPS


@dataclass(frozen=True)
class GraphNode:
    label: str
    id: str
    name: str


@dataclass(frozen=True)
class GraphEdge:
    type: str
    source: GraphNode
    target: GraphNode
    properties: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Network:
    nodes: list[GraphNode]
    edges: list[GraphEdge]


@dataclass(frozen=True)
class CoverageGaps:
    industries_without_committee: list[Row]
    industries_without_group: list[Row]
    groups_without_committee: list[Row]
    groups_without_alliance: list[Row]
    alliances_without_group: list[Row]
    groups_without_convener: list[Row]


async def coverage_gaps(db: Database) -> CoverageGaps:
    """Where the third link is missing a piece (an industry no committee reaches, a group
    without an alliance or a convener, …)."""
    row = (await db.read(MATCH_COVERAGE_GAPS))[0]
    return CoverageGaps(
        industries_without_committee=row["industriesWithoutCommittee"],
        industries_without_group=row["industriesWithoutGroup"],
        groups_without_committee=row["groupsWithoutCommittee"],
        groups_without_alliance=row["groupsWithoutAlliance"],
        alliances_without_group=row["alliancesWithoutGroup"],
        groups_without_convener=row["groupsWithoutConvener"],
    )
