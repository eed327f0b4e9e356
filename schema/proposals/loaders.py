"""Per-request DataLoaders of the suggestions domain, as typed accessors."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from graph.kernel.reads import Row
from graph.proposals import core as proposals
from schema.context import Info


def proposals_by_unit(info: Info) -> DataLoader[str, list[Row]]:
    """The suggestions assigned to many units, in one round trip."""
    return info.context.loaders.batch(proposals.proposals_by_unit)


def raiser_by_proposal(info: Info) -> DataLoader[str, Row | None]:
    """Who raised each suggestion ({"label", "node"}), in one round trip."""
    return info.context.loaders.batch(proposals.raiser_by_proposal)


def activity_by_proposal(info: Info) -> DataLoader[str, Row | None]:
    """The trip each suggestion arose from, if any, in one round trip."""
    return info.context.loaders.batch(proposals.activity_by_proposal)


def assignments_by_proposal(info: Info) -> DataLoader[str, list[Row]]:
    """Each suggestion's handling units, lead first, in one round trip."""
    return info.context.loaders.batch(proposals.assignments_by_proposal)


def events_by_proposal(info: Info) -> DataLoader[str, list[Row]]:
    """Each suggestion's history, oldest first, in one round trip."""
    return info.context.loaders.batch(proposals.events_by_proposal)
