"""How the receptions domain's batched reads hand back their rows: in the order of the keys
asked for (what a DataLoader needs), one page of a list, or one list per key."""

from __future__ import annotations

from collections.abc import Sequence

from graph.kernel.reads import Page, Row


def page(rows: list[Row]) -> Page:
    """A `total, rows` result as a Page."""
    return Page(rows[0]["total"], rows[0]["rows"])


def one_per_key(rows: list[Row], ids: Sequence[str]) -> list[Row | None]:
    """`id, node` rows in key order (None where a key found nothing)."""
    found = {row["id"]: row["node"] for row in rows}
    return [found.get(i) for i in ids]


def list_per_key(rows: list[Row], ids: Sequence[str]) -> list[list[Row]]:
    """`id, items` rows in key order ([] where a key found nothing)."""
    found = {row["id"]: row["items"] for row in rows}
    return [found.get(i, []) for i in ids]
