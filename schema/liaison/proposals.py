"""The `proposals` field of Deputy: the suggestions the deputy leads (领衔) or co-signs (联名),
the role on each edge.

Like activities.py, the one place where the deputy's type looks at the suggestions domain: it
reads through graph/proposals (one round trip for all deputies) and names the Proposal type by
its label, lazily (schema/fields.py), so schema/liaison never imports schema/proposals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from graph.proposals import handling_reads
from schema.common import After, Connection, First, connection_from_rows
from schema.context import Info
from schema.fields import NODE_MODULES, node_type

if TYPE_CHECKING:
    from schema.proposals.types import Proposal

ProposalRef = Annotated["Proposal", strawberry.lazy(NODE_MODULES["Proposal"])]


def proposals_field() -> Any:
    """Deputy.proposals: newest first, `edge.role` LEAD or CO_SIGNER."""

    async def proposals(
        root: Any, info: Info, first: First = None, after: After = None
    ) -> Connection[ProposalRef]:
        rows = await info.context.loaders.batch(handling_reads.proposals_by_deputy).load(root.id)
        make: Any = node_type("Proposal").from_row
        return connection_from_rows(rows, first, after, make)

    return strawberry.field(
        resolver=proposals,
        description="Suggestions the deputy leads (edge.role LEAD, 领衔) or co-signs "
        "(CO_SIGNER, 联名), newest first.",
    )
