"""The read path's answers, built from the statement's result in one pass (the objects,
connections, edges and page info of the response, in selection order). Global ids, cursors
and page info are the only values computed here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from strawberry.relay.utils import to_base64

from schema.common import encode_cursor, page_info

Out = Callable[[Any], Any]


@dataclass
class NodeOut:
    """Builds one object of a node type from its map: `entries` are (response key, kind, arg)
    in selection order."""

    label: str
    entries: list[tuple[str, str, Any]]

    def __call__(self, item: Mapping[str, Any] | None) -> dict[str, Any] | None:
        if item is None:
            return None
        out: dict[str, Any] = {}
        for key, kind, arg in self.entries:
            if kind == "value":
                out[key] = item[key]
            elif kind == "id":
                out[key] = to_base64(self.label, item["#id"])
            elif kind == "const":
                out[key] = arg
            else:  # "nested": a relationship field's own builder
                out[key] = arg(item[key])
        return out


@dataclass
class EdgeOut:
    entries: list[tuple[str, str, Any]]
    node: NodeOut


@dataclass
class ConnectionOut:
    """Builds a connection from {total, items} of one page starting at `offset`."""

    offset: int
    entries: list[tuple[str, str, Any]]

    def __call__(self, value: Mapping[str, Any]) -> dict[str, Any]:
        items = value["items"] or []
        total = value["total"]
        offset = self.offset
        out: dict[str, Any] = {}
        for key, kind, arg in self.entries:
            if kind == "total":
                out[key] = total
            elif kind == "const":
                out[key] = arg
            elif kind == "nodes":
                out[key] = [arg(item) for item in items]
            elif kind == "edges":
                out[key] = [_edge(arg, item, offset + i) for i, item in enumerate(items)]
            else:  # "pageInfo"
                out[key] = _page_info(arg, offset, len(items), total)
        return out


def _edge(edge: EdgeOut, item: Mapping[str, Any], position: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, kind, arg in edge.entries:
        if kind == "cursor":
            out[key] = encode_cursor(position)
        elif kind == "node":
            out[key] = edge.node(item)
        elif kind == "rel":
            out[key] = item.get(f"#{arg}")
        else:  # "const"
            out[key] = arg
    return out


def _page_info(
    entries: list[tuple[str, str, Any]], offset: int, count: int, total: int | None
) -> dict[str, Any]:
    """`entries` are (key, GraphQL field name or "const", arg); the values are the general
    executor's own (schema/common.py page_info)."""
    facts = page_info(offset, count, total or 0)
    return {
        key: arg if kind == "const" else getattr(facts, _SNAKE[kind]) for key, kind, arg in entries
    }


_SNAKE = {
    "hasNextPage": "has_next_page",
    "hasPreviousPage": "has_previous_page",
    "startCursor": "start_cursor",
    "endCursor": "end_cursor",
}
