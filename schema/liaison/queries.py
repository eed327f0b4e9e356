"""Queries of the liaison graph: lists with filters, search, networks, paths (coverage gaps:
gaps.py)."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry import relay
from strawberry.permission import BasePermission

from graph.kernel import validate
from graph.kernel.reads import Row
from graph.liaison import lists, network, paths, reach
from graph.liaison.lists import ListFilter
from graph.liaison.vocab import PathLink, PathNode
from schema import fields
from schema.common import (
    After,
    Connection,
    First,
    connection_from_page,
    decode_any_id,
    decode_id,
    global_id,
    page_args,
)
from schema.context import Info
from schema.liaison.types import (
    TYPES,
    Alliance,
    Committee,
    Congress,
    Deputy,
    DeputyGroup,
    Enterprise,
    Industry,
)
from schema.permissions import CAN_READ

# Deny by default: every read needs a signed-in viewer (api/auth.py refuses requests without
# one; this holds even when a resolver is reached some other way).
READ: list[type[BasePermission]] = [CAN_READ]


@strawberry.input(description="Filters shared by the lists; all optional, combined with AND.")
class ListFilterInput:
    name_contains: str | None = strawberry.field(
        default=None, description="Name contains this text (case-insensitive)."
    )
    industry_code: str | None = strawberry.field(
        default=None, description="GB/T 4754 code; includes its whole sub-tree (C includes C36)."
    )
    congress_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only what belongs to this congress."
    )

    def to_filter(self) -> ListFilter:
        return ListFilter(
            name_contains=self.name_contains,
            industry_code=validate.industry_code(self.industry_code, "filter.industryCode")
            if self.industry_code
            else None,
            congress_id=decode_id(self.congress_id, "Congress", "filter.congressId")
            if self.congress_id
            else None,
        )


N = TypeVar("N", bound=fields.GraphNode)


async def _list(
    info: Info,
    kind: type[N],
    filter: ListFilterInput | None,
    first: int | None,
    after: str | None,
) -> Connection[N]:
    size, offset = page_args(first, after)
    page = await lists.list_nodes(
        info.context.db,
        kind.LABEL,
        (filter or ListFilterInput()).to_filter(),
        first=size,
        offset=offset,
    )
    return connection_from_page(page, offset, kind.from_row)


# Each top-level list's resolver, and the label it lists: what the read path compiles
# (schema/readpath/plan.py), as RELATION_SPECS are for relationship fields.
LIST_FIELDS: dict[Callable[..., Any], str] = {}


def list_field(kind: type[N], description: str) -> Any:
    """A top-level list of `kind` with the shared filters, paged in Cypher."""

    async def resolve(
        self: Any,
        info: Info,
        filter: ListFilterInput | None = None,
        first: First = None,
        after: After = None,
    ) -> Any:
        return await _list(info, kind, filter, first, after)

    resolve.__annotations__["return"] = Connection[kind]  # type: ignore[valid-type]
    LIST_FIELDS[resolve] = kind.LABEL
    return strawberry.field(resolver=resolve, description=description, permission_classes=READ)


@strawberry.enum(description="Kinds of entity that `search` can return.")
class EntityType(enum.Enum):
    CONGRESS = "Congress"
    COMMITTEE = "Committee"
    DEPUTY_GROUP = "DeputyGroup"
    ALLIANCE = "Alliance"
    INDUSTRY = "Industry"
    DEPUTY = "Deputy"
    ENTERPRISE = "Enterprise"
    UNIT = "Unit"
    ACTIVITY = "Activity"
    PROPOSAL = "Proposal"


@strawberry.type(description="One search result.")
class SearchHit:
    node: relay.Node = strawberry.field(description="The entity found.")
    rank: int = strawberry.field(
        description="3 exact name, 2 name starts with the text, 1 contains it, 0 word match."
    )
    score: float = strawberry.field(description="Full-text relevance (higher is better).")


@strawberry.type(description="A node of a drawable graph.")
class GraphNode:
    id: relay.GlobalID = strawberry.field(description="Global id; use with node(id).")
    label: str = strawberry.field(description="Committee, DeputyGroup, Deputy …")
    name: str = strawberry.field(description="Display name.")

    @classmethod
    def from_graph(cls, node: network.GraphNode) -> GraphNode:
        return cls(id=global_id(node.label, node.id), label=node.label, name=node.name)


@strawberry.type(description="An edge of a drawable graph, from source to target.")
class GraphEdge:
    id: str = strawberry.field(
        description="Stable edge id: TYPE:source:target (the ends' global ids)."
    )
    type: str = strawberry.field(description="LIAISES_WITH, PARTNERS_WITH, MEMBER_OF …")
    source: relay.GlobalID = strawberry.field(description="Global id of the start node.")
    target: relay.GlobalID = strawberry.field(description="Global id of the end node.")
    role: str | None = strawberry.field(description="Role on the relationship, if any.")
    since: datetime.date | None = strawberry.field(description="Since when, if known.")

    @classmethod
    def from_graph(cls, edge: network.GraphEdge) -> GraphEdge:
        source = global_id(edge.source.label, edge.source.id)
        target = global_id(edge.target.label, edge.target.id)
        return cls(
            id=f"{edge.type}:{source}:{target}",
            type=edge.type,
            source=source,
            target=target,
            role=edge.properties.get("role"),
            since=edge.properties.get("since"),
        )


@strawberry.type(description="Nodes and edges, ready to draw.")
class LiaisonGraph:
    nodes: list[GraphNode] = strawberry.field(description="The nodes.")
    edges: list[GraphEdge] = strawberry.field(description="The edges between them.")

    @classmethod
    def from_graph(cls, network: network.Network) -> LiaisonGraph:
        return cls(
            nodes=[GraphNode.from_graph(n) for n in network.nodes],
            edges=[GraphEdge.from_graph(e) for e in network.edges],
        )


def _network_start(
    from_id: strawberry.ID | None, committee_id: strawberry.ID | None
) -> tuple[str, str, str]:
    """(label, id, argument) of the network's start: `fromId`, or the deprecated `committeeId`
    (a committee's id only); exactly one of them."""
    if (from_id is None) == (committee_id is None):
        raise validate.invalid(
            "fromId", "请给出 fromId（起点）", "Give `fromId` (the start), and only it"
        )
    if committee_id is not None:
        return "Committee", decode_id(committee_id, "Committee", "committeeId"), "committeeId"
    assert from_id is not None
    label, key = decode_any_id(from_id, "fromId", list(TYPES))
    return label, key, "fromId"


def _hit(row: lists.SearchHit) -> SearchHit:
    node: Row = row.node
    return SearchHit(
        node=fields.node_type(row.label).from_row(node), rank=row.rank, score=row.score
    )


@strawberry.type
class LiaisonQuery:
    congresses = list_field(Congress, "Congresses, in pinyin order.")
    committees = list_field(Committee, "Committees, in pinyin order.")
    deputy_groups = list_field(DeputyGroup, "Professional deputy groups, in pinyin order.")
    alliances = list_field(Alliance, "Industry alliances, in pinyin order.")
    deputies = list_field(Deputy, "Deputies, in pinyin order.")
    enterprises = list_field(Enterprise, "Enterprises, in pinyin order.")
    industries = list_field(Industry, "Industries (GB/T 4754), in pinyin order.")

    @strawberry.field(
        description="Search every named thing: names, industries' aliases (预制菜), suggestions' "
        "titles, trips' titles and topics; Chinese substrings match (even one character). "
        "Best matches first.",
        permission_classes=READ,
    )
    async def search(
        self,
        info: Info,
        text: str,
        types: list[EntityType] | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[SearchHit]:
        size, offset = page_args(first, after)
        total, hits = await lists.search(
            info.context.db,
            text,
            labels=[t.value for t in types] if types else None,
            first=size,
            offset=offset,
        )
        from graph.kernel.reads import Page

        return connection_from_page(
            Page(total, [{"hit": h} for h in hits]), offset, lambda row: _hit(row["hit"])
        )

    @strawberry.field(
        description="The network around an entity within `depth` steps of the third link, as "
        "nodes and edges: from a committee, its groups and the deputies on it, then their "
        "alliances, members and other committees, enterprises and employers; from a group, an "
        "alliance, an enterprise, a deputy or an industry likewise (congresses and industries "
        "are not crossed).",
        permission_classes=READ,
    )
    async def liaison_network(
        self,
        info: Info,
        from_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Where to start: a Committee, DeputyGroup, Alliance, Enterprise, "
                "Deputy or Industry."
            ),
        ] = None,
        depth: int = 3,
        committee_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="A committee to start from.",
                deprecation_reason="Use fromId, which takes any entity of the third link.",
            ),
        ] = None,
    ) -> LiaisonGraph:
        label, key, field = _network_start(from_id, committee_id)
        reached = await reach.network_from(info.context.db, label, key, depth, field=field)
        return LiaisonGraph.from_graph(reached)

    @strawberry.field(
        description="The shortest paths between two entities through the liaison system, each "
        "as nodes and edges in order, shortest first (ties in pinyin order of their nodes). "
        "Without `k`: every path of the shortest length (at most 10); with `k`: the k shortest "
        "of any length. `via` and `links` require what each path passes through.",
        permission_classes=READ,
    )
    async def liaison_paths(
        self,
        info: Info,
        from_id: strawberry.ID,
        to_id: strawberry.ID,
        max_hops: int = 6,
        k: Annotated[
            int | None,
            strawberry.argument(description=f"The k shortest paths (1 to {paths.MAX_PATHS})."),
        ] = None,
        via: Annotated[
            list[PathNode] | None,
            strawberry.argument(
                description="Each path passes through a node of every kind listed (between its "
                "ends), e.g. [DEPUTY_GROUP, ALLIANCE]."
            ),
        ] = None,
        links: Annotated[
            list[PathLink] | None,
            strawberry.argument(
                description="Each path takes a relationship of every kind listed, e.g. "
                "[LIAISES_WITH, PARTNERS_WITH, ALLIANCE_MEMBER] (the third link)."
            ),
        ] = None,
    ) -> list[LiaisonGraph]:
        from_label, from_key = decode_any_id(from_id, "fromId", list(TYPES))
        to_label, to_key = decode_any_id(to_id, "toId", list(TYPES))
        found = await paths.liaison_paths(
            info.context.db,
            from_label,
            from_key,
            to_label,
            to_key,
            max_hops,
            k=k,
            via=via or (),
            links=links or (),
        )
        return [LiaisonGraph.from_graph(p) for p in found]
