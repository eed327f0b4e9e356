"""What the third link reaches, as nodes and edges ready to draw: the network around an entity
(graph/liaison/reach.py) and the paths between two (graph/liaison/paths.py). The gaps in
coverage are graph/liaison/gaps.py's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


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
