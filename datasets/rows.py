"""Rows shared by the demo and the synthetic datasets: node rows, a chunk's rows by label and
relation, and well-formed USCCs."""

from __future__ import annotations

from graph.kernel.dataset import Dataset
from graph.kernel.model import USCC_ALPHABET, uscc_check_char
from graph.kernel.reads import Row


def node(id: str, name: str, source: str, **props: object) -> Row:
    """A node row; properties given as None are left out (the loader would remove them)."""
    return {"id": id, "name": name, "source": source} | {
        k: v for k, v in props.items() if v is not None
    }


class Chunk:
    """The rows of one chunk, by label and by relation."""

    def __init__(self) -> None:
        self.nodes: dict[str, list[Row]] = {}
        self.rels: dict[tuple[str, str, str], list[Row]] = {}

    def node(self, label: str, row: Row) -> None:
        self.nodes.setdefault(label, []).append(row)

    def rel(
        self, key: str, start: str, end: str, start_id: str, end_id: str, **props: object
    ) -> None:
        self.rels.setdefault((key, start, end), []).append(
            {"start": start_id, "end": end_id, **props}
        )

    def dataset(self) -> Dataset:
        return {
            "nodes": self.nodes,
            "rels": [(k, s, e, rows) for (k, s, e), rows in self.rels.items()],
        }


# --- unified social credit codes ----------------------------------------------------------

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# A multiplier coprime to 31**6 turns consecutive serials into scattered, still unique codes.
_SCATTER = 7_919_311


def _org_check(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code."""
    total = sum(int(c, 36) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def make_uscc(region: str, serial: int) -> str:
    """A well-formed USCC for an enterprise (9 = market regulator, 1 = enterprise) registered in
    `region` (6 digits); distinct serials below 31**6 give distinct codes. The organisation code
    follows the post-2015 "MA…" pattern with its own GB 11714 check character."""
    n = (serial * _SCATTER) % 31**6
    body = ""
    for _ in range(6):
        n, digit = divmod(n, 31)
        body = USCC_ALPHABET[digit] + body
    org = "MA" + body
    first17 = "91" + region + org + _org_check(org)
    return first17 + uscc_check_char(first17)
