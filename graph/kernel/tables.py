"""The body of a statistics table for CSV / Excel (api/exports.py), shared by the domains'
statistics: per row the key and name of each dimension, then its counts; the last row holds
the totals, labelled 合计 under the first key column."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, TypeVar


class Key(Protocol):
    @property
    def value(self) -> Any: ...

    @property
    def label(self) -> Any: ...


class KeyedRow(Protocol):
    @property
    def keys(self) -> Sequence[Key]: ...


R = TypeVar("R", bound=KeyedRow)


def body(
    rows: Iterable[R], totals: R, dimensions: int, cells: Callable[[R], list[Any]]
) -> list[list[Any]]:
    out: list[list[Any]] = []
    for row in rows:
        keys: list[Any] = []
        for key in row.keys:
            keys += [key.value, key.label]
        out.append(keys + cells(row))
    out.append(
        ["合计 Total"] + [None] * (2 * dimensions - 1) + cells(totals)
        if dimensions
        else cells(totals)
    )
    return out
