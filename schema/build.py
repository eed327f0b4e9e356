"""Compose the root Query and Mutation from each domain, with the guard rails every request
gets: query depth, alias and token limits, and domain errors turned into coded GraphQL errors."""

from __future__ import annotations

import strawberry
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.schema.config import StrawberryConfig

from schema.errors import Schema
from schema.liaison.mutations import LiaisonMutation
from schema.liaison.queries import LiaisonQuery
from schema.liaison.types import TYPES

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 5000


@strawberry.type(description="Read the liaison graph. Lists sort by pinyin.")
class Query(LiaisonQuery):
    pass


@strawberry.type(description="Change the graph. Each mutation says which role it needs.")
class Mutation(LiaisonMutation):
    pass


schema = Schema(
    query=Query,
    mutation=Mutation,
    types=list(TYPES.values()),
    config=StrawberryConfig(auto_camel_case=True),
    extensions=[
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
    ],
)
