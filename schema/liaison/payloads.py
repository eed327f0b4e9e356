"""What the liaison structure's mutations return.

Payload rule (schema/common.py `run_mutation`): a create or update returns `<Type>Payload` with
the object under its type's name (`congress`, `deputyGroup`, …) and `errors`; a delete returns
the shared `DeletePayload`; a link or unlink returns `LinkPayload` with both ends.
"""

from __future__ import annotations

import strawberry
from strawberry import relay

from schema.common import MutationError
from schema.liaison.types import (
    Alliance,
    Committee,
    Congress,
    Deputy,
    DeputyGroup,
    Enterprise,
    Industry,
)

_CHANGED = "The changed object; null when errors."
_WHY = "Why nothing was changed."


@strawberry.type(description="The result of a congress create or update.")
class CongressPayload:
    congress: Congress | None = strawberry.field(description=_CHANGED)
    errors: list[MutationError] = strawberry.field(description=_WHY)


@strawberry.type(description="The result of a committee create or update.")
class CommitteePayload:
    committee: Committee | None = strawberry.field(description=_CHANGED)
    errors: list[MutationError] = strawberry.field(description=_WHY)


@strawberry.type(description="The result of a deputy group create or update.")
class DeputyGroupPayload:
    deputy_group: DeputyGroup | None = strawberry.field(description=_CHANGED)
    errors: list[MutationError] = strawberry.field(description=_WHY)


@strawberry.type(description="The result of an alliance create or update.")
class AlliancePayload:
    alliance: Alliance | None = strawberry.field(description=_CHANGED)
    errors: list[MutationError] = strawberry.field(description=_WHY)


@strawberry.type(description="The result of an industry create or update.")
class IndustryPayload:
    industry: Industry | None = strawberry.field(description=_CHANGED)
    errors: list[MutationError] = strawberry.field(description=_WHY)


@strawberry.type(description="The result of a deputy create or update.")
class DeputyPayload:
    deputy: Deputy | None = strawberry.field(description=_CHANGED)
    errors: list[MutationError] = strawberry.field(description=_WHY)


@strawberry.type(description="The result of an enterprise create or update.")
class EnterprisePayload:
    enterprise: Enterprise | None = strawberry.field(description=_CHANGED)
    errors: list[MutationError] = strawberry.field(description=_WHY)


@strawberry.type(description="The result of a link or unlink: both ends, as they are now.")
class LinkPayload:
    source: relay.Node | None = strawberry.field(description="Start of the relationship.")
    target: relay.Node | None = strawberry.field(description="End of the relationship.")
    errors: list[MutationError] = strawberry.field(description=_WHY)
