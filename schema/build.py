"""Compose the root Query and Mutation from each domain, with the guard rails every request
gets: query depth, alias, token and cost limits, an audit record of each write, and domain
errors turned into coded GraphQL errors."""

from __future__ import annotations

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from schema.audit import AuditQuery, AuditWrites
from schema.cost import MAX_COST, CostLimiter
from schema.errors import Schema
from schema.fanout import ceilings
from schema.liaison.gaps import CoverageQuery
from schema.liaison.link_mutations import LiaisonLinkMutation
from schema.liaison.mutations import LiaisonMutation
from schema.liaison.queries import LiaisonQuery
from schema.liaison.types import TYPES
from schema.nodes import NodeQuery
from schema.proposals.handling import HandlingMutation
from schema.proposals.mutations import ProposalsMutation
from schema.proposals.queries import ProposalsQuery
from schema.proposals.types import TYPES as PROPOSAL_TYPES
from schema.readpath.extension import CompiledReads
from schema.receptions.campaigns import CampaignsMutation, CampaignsQuery
from schema.receptions.issue_types import ISSUE_TYPES
from schema.receptions.issues import IssuesMutation, IssuesQuery
from schema.trips.feeds import FeedsMutation
from schema.trips.mutations import TripsMutation
from schema.trips.queries import TripsQuery
from schema.trips.stats import TripStatsQuery
from schema.trips.types import TRIP_TYPES

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 5000
PARSED_DOCUMENTS = 256

# The depth and alias limits' validation rules, made once: each limiter extension makes new rule
# classes, and the validation cache (keyed by document and rules) would never hit.
LIMIT_RULES = [
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
]


@strawberry.type(description="Read the liaison graph. Lists sort by pinyin.")
class Query(
    NodeQuery,
    LiaisonQuery,
    CoverageQuery,
    TripsQuery,
    TripStatsQuery,
    AuditQuery,
    ProposalsQuery,
    IssuesQuery,
    CampaignsQuery,
):
    """The fields come from the domains' query classes."""


@strawberry.type(description="Change the graph. Each mutation says which role it needs.")
class Mutation(
    LiaisonMutation,
    LiaisonLinkMutation,
    TripsMutation,
    ProposalsMutation,
    HandlingMutation,
    FeedsMutation,
    IssuesMutation,
    CampaignsMutation,
):
    """The fields come from the domains' mutation classes."""


schema = Schema(
    query=Query,
    mutation=Mutation,
    types=[*TYPES.values(), *TRIP_TYPES, *PROPOSAL_TYPES, *ISSUE_TYPES],
    config=StrawberryConfig(auto_camel_case=True),
    extensions=[
        # Parsed and validated documents are kept (by query text): a client repeats its queries.
        lambda: ParserCache(maxsize=PARSED_DOCUMENTS),
        lambda: ValidationCache(maxsize=PARSED_DOCUMENTS),
        lambda: AddValidationRules(LIMIT_RULES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: CostLimiter(max_cost=MAX_COST, ceilings=ceilings),
        AuditWrites,
        CompiledReads,
    ],
)
