"""Lists of the liaison graph's entities with filters, and search by name.

Lists come in pinyin order (the order Chinese users expect) with the total matching the
filters; search finds Chinese substrings of any length and ranks exact names first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from graph.kernel import validate
from graph.kernel.db import Database
from graph.kernel.model import NAME_INDEX, NAMED_LABELS
from graph.kernel.reads import Page, Row, check_page
from graph.liaison.cypher import LIST_NODES, SEARCH_NAMES


@dataclass(frozen=True)
class ListFilter:
    name_contains: str | None = None
    industry_code: str | None = None  # the industry and its whole sub-tree
    congress_id: str | None = None


async def list_nodes(
    db: Database, label: str, filter: ListFilter, *, first: int, offset: int
) -> Page:
    """One page of `label`, in pinyin order, with the total count matching the filter."""
    check_page(first, offset)
    rows = await db.read(
        LIST_NODES[label],
        name=validate.clean_text(filter.name_contains) if filter.name_contains else None,
        industry=filter.industry_code.upper() if filter.industry_code else None,
        congress=filter.congress_id,
        skip=offset,
        limit=first,
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
    """Named things whose name contains `text`, best first; (total, one page of hits)."""
    check_page(first, offset)
    query = validate.name(text, "text")
    for label in labels or ():
        if label not in NAMED_LABELS:
            raise validate.invalid("labels", f"无法搜索类型 {label}", f"Cannot search {label}")
    # Quoted as a phrase: the cjk analyzer turns it into bigrams that must appear in order.
    lucene = '"' + _LUCENE_SPECIAL.sub(r"\\\1", query) + '"'
    rows = await db.read(
        SEARCH_NAMES,
        text=query,
        lucene=lucene,
        index=NAME_INDEX,
        labels=list(labels) if labels else None,
        allowed=list(NAMED_LABELS),
        skip=offset,
        limit=first,
    )
    hits = [SearchHit(r["label"], r["node"], r["rank"], r["score"]) for r in rows[0]["rows"]]
    return rows[0]["total"], hits
