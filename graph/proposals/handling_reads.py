"""Reads of handling as the rules have it: the batch loaders behind the API's joint-suggestion
fields (one round trip for many ids)."""

from __future__ import annotations

from collections.abc import Sequence

from graph.kernel.db import Database
from graph.kernel.reads import Row, grouped
from graph.proposals import cypher_handling as cypher


async def co_signers_by_proposal(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    """Each suggestion's co-signing deputies (联名), in pinyin order."""
    return await grouped(db, cypher.MATCH_CO_SIGNERS_BY_PROPOSAL, ids)


async def proposals_by_deputy(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    """Each deputy's suggestions, newest first, with the deputy's role (LEAD or CO_SIGNER) as
    "rel"."""
    return await grouped(db, cypher.MATCH_PROPOSALS_BY_DEPUTY, ids)
