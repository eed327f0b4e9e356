"""Input types of the liaison structure's create and update mutations."""

from __future__ import annotations

import datetime

import strawberry

from graph.kernel.vocab import CommitteeKind, CongressLevel, DeputyCategory


@strawberry.input(description="A new congress.")
class CreateCongressInput:
    name: str = strawberry.field(description="Name, 1–200 characters.")
    level: CongressLevel = strawberry.field(description="Level.")
    region: str | None = strawberry.field(default=None, description="Region.")


@strawberry.input(description="Changes to a congress; omitted fields stay.")
class UpdateCongressInput:
    id: strawberry.ID = strawberry.field(description="Global id of the object to change.")
    name: str | None = strawberry.field(default=None, description="New name, 1–200 characters.")
    level: CongressLevel | None = strawberry.field(default=None, description="New level.")
    region: str | None = strawberry.field(default=None, description="New region.")


@strawberry.input(description="A new committee of a congress.")
class CreateCommitteeInput:
    congress_id: strawberry.ID = strawberry.field(description="The congress it belongs to.")
    name: str = strawberry.field(description="Name, unique within the congress.")
    kind: CommitteeKind = strawberry.field(default=CommitteeKind.SPECIAL, description="Kind.")


@strawberry.input(description="Changes to a committee; omitted fields stay.")
class UpdateCommitteeInput:
    id: strawberry.ID = strawberry.field(description="Global id of the object to change.")
    name: str | None = strawberry.field(default=None, description="New name, 1–200 characters.")
    kind: CommitteeKind | None = strawberry.field(default=None, description="New kind.")


@strawberry.input(description="A new professional deputy group of a congress.")
class CreateDeputyGroupInput:
    congress_id: strawberry.ID = strawberry.field(description="The congress it belongs to.")
    name: str = strawberry.field(description="Name, unique within the congress.")
    description: str | None = strawberry.field(default=None, description="What it works on.")


@strawberry.input(description="Changes to a deputy group; omitted fields stay.")
class UpdateDeputyGroupInput:
    id: strawberry.ID = strawberry.field(description="Global id of the object to change.")
    name: str | None = strawberry.field(default=None, description="New name, 1–200 characters.")
    description: str | None = strawberry.field(default=None, description="New description.")


@strawberry.input(description="A new industry alliance.")
class CreateAllianceInput:
    name: str = strawberry.field(description="Name, unique.")
    scope: str | None = strawberry.field(default=None, description="Scope.")


@strawberry.input(description="Changes to an alliance; omitted fields stay.")
class UpdateAllianceInput:
    id: strawberry.ID = strawberry.field(description="Global id of the object to change.")
    name: str | None = strawberry.field(default=None, description="New name, 1–200 characters.")
    scope: str | None = strawberry.field(default=None, description="New scope.")


@strawberry.input(description="A new industry of GB/T 4754.")
class CreateIndustryInput:
    code: str = strawberry.field(description="GB/T 4754 code, e.g. C1391; becomes its id.")
    name: str = strawberry.field(description="Name.")
    parent_code: str | None = strawberry.field(default=None, description="Broader industry.")
    aliases: list[str] | None = strawberry.field(
        default=None,
        description="Other names people use for it (预制菜), which `search` finds; at most 20.",
    )


@strawberry.input(description="Changes to an industry (the code cannot change).")
class UpdateIndustryInput:
    id: strawberry.ID = strawberry.field(description="Global id of the object to change.")
    name: str | None = strawberry.field(default=None, description="New name, 1–200 characters.")
    aliases: list[str] | None = strawberry.field(
        default=None, description="The other names, replacing the old ones ([] removes them)."
    )


@strawberry.input(description="A new deputy, seated in a congress.")
class CreateDeputyInput:
    congress_id: strawberry.ID = strawberry.field(description="Congress of the seat.")
    name: str = strawberry.field(description="Name.")
    category: DeputyCategory | None = strawberry.field(default=None, description="Category.")
    expertise: str | None = strawberry.field(default=None, description="Expertise.")
    gender: str | None = strawberry.field(default=None, description="Gender.")
    since: datetime.date | None = strawberry.field(default=None, description="Seated since.")


@strawberry.input(description="Changes to a deputy; omitted fields stay.")
class UpdateDeputyInput:
    id: strawberry.ID = strawberry.field(description="Global id of the object to change.")
    name: str | None = strawberry.field(default=None, description="New name, 1–200 characters.")
    category: DeputyCategory | None = strawberry.field(default=None, description="New category.")
    expertise: str | None = strawberry.field(default=None, description="New expertise.")
    gender: str | None = strawberry.field(default=None, description="New gender.")


@strawberry.input(description="A new enterprise.")
class CreateEnterpriseInput:
    name: str = strawberry.field(description="Name.")
    uscc: str | None = strawberry.field(
        default=None, description="Unified social credit code; its check character is verified."
    )
    town: str | None = strawberry.field(default=None, description="Town or district.")


@strawberry.input(description="Changes to an enterprise; omitted fields stay.")
class UpdateEnterpriseInput:
    id: strawberry.ID = strawberry.field(description="Global id of the object to change.")
    name: str | None = strawberry.field(default=None, description="New name, 1–200 characters.")
    uscc: str | None = strawberry.field(
        default=None, description="New unified social credit code (check character verified)."
    )
    town: str | None = strawberry.field(default=None, description="New town or district.")
