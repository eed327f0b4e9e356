"""Lists of the liaison graph's entities with filters, and search by name.

Lists come in pinyin order (the order Chinese users expect) with the total matching the
filters; search finds Chinese substrings of any length and ranks exact names first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from graph.kernel import validate
from graph.kernel.db import Database
from graph.kernel.model import SEARCH_INDEX, SEARCH_LABELS
from graph.kernel.reads import Page, Row, check_page
from graph.liaison.cypher import LIST_NODES, NAME_CASELESS, NAME_FOLDED, search_query


@dataclass(frozen=True)
class ListFilter:
    name_contains: str | None = None
    industry_code: str | None = None  # the industry and its whole sub-tree
    congress_id: str | None = None

    def variant(self) -> tuple[str | None, bool, bool]:
        """Which statement serves this filter: (name match, congress set, industry set)."""
        name = None
        if self.name_contains:
            text = validate.clean_text(self.name_contains)
            name = NAME_CASELESS if caseless(text) else NAME_FOLDED
        return name, self.congress_id is not None, self.industry_code is not None

    def parameters(self, prefix: str = "") -> dict[str, str]:
        """The filter's values as the statement's parameters (only those set)."""
        values = {}
        if self.name_contains:
            values[f"{prefix}name"] = validate.clean_text(self.name_contains)
        if self.congress_id is not None:
            values[f"{prefix}congress"] = self.congress_id
        if self.industry_code is not None:
            values[f"{prefix}industry"] = self.industry_code.upper()
        return values


def caseless(text: str) -> bool:
    """True when lower-casing cannot change what `text` matches: no character has a case, and
    none is a combining mark (lower-casing İ yields i and a combining dot). Chinese names and
    digits are caseless, so a name filter in Chinese can use the TEXT index."""
    return all(
        c.lower() == c == c.upper() and not unicodedata.category(c).startswith("M") for c in text
    )


async def list_nodes(
    db: Database, label: str, filter: ListFilter, *, first: int, offset: int
) -> Page:
    """One page of `label`, in pinyin order, with the total count matching the filter."""
    check_page(first, offset)
    rows = await db.read(
        LIST_NODES[(label, *filter.variant())], **filter.parameters(), skip=offset, limit=first
    )
    return Page(total=rows[0]["total"], rows=rows[0]["rows"])


# Lucene syntax characters are escaped so user text is searched literally.
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


@dataclass(frozen=True)
class SearchHit:
    label: str
    node: Row
    rank: int
    score: float


async def search(
    db: Database,
    text: str,
    *,
    labels: Sequence[str] | None = None,
    first: int = 20,
    offset: int = 0,
) -> tuple[int, list[SearchHit]]:
    """Named things (suggestions and trips included) whose name, alias or topic contains
    `text`, best first; (total, one page of hits)."""
    check_page(first, offset)
    query = validate.name(text, "text")
    for label in labels or ():
        if label not in SEARCH_LABELS:
            raise validate.invalid("labels", f"无法搜索类型 {label}", f"Cannot search {label}")
    searched = tuple(label for label in SEARCH_LABELS if not labels or label in labels)
    # Quoted as a phrase: the cjk analyzer turns it into bigrams that must appear in order.
    lucene = '"' + _LUCENE_SPECIAL.sub(r"\\\1", query) + '"'
    rows = await db.read(
        search_query(searched, caseless(query)),
        text=query,
        lucene=lucene,
        index=SEARCH_INDEX,
        labels=list(searched),
        skip=offset,
        limit=first,
    )
    hits = [SearchHit(r["label"], r["node"], r["rank"], r["score"]) for r in rows[0]["rows"]]
    return rows[0]["total"], hits
