"""Per-request DataLoaders of the suggestions domain, as typed accessors."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from graph.kernel.reads import Direction, Row
from graph.proposals import handling_reads, reads
from schema.context import Info


def proposals_by_unit(info: Info) -> DataLoader[str, list[Row]]:
    """The suggestions assigned to many units, in one round trip."""
    return info.context.loaders.batch(reads.proposals_by_unit)


def raiser_by_proposal(info: Info) -> DataLoader[str, Row | None]:
    """Who raised each suggestion ({"label", "node"}), in one round trip."""
    return info.context.loaders.batch(reads.raiser_by_proposal)


def activity_by_proposal(info: Info) -> DataLoader[str, list[Row]]:
    """The trip each suggestion arose from (none or one), in one round trip: the loader of
    `Proposal.activity`'s relationship field, so `activity` and `activityId` share it."""
    return info.context.loaders.neighbours("ARISES_FROM", "Proposal", "Activity")


def assignments_by_proposal(info: Info) -> DataLoader[str, list[Row]]:
    """Each suggestion's handling units, lead first, in one round trip."""
    return info.context.loaders.batch(reads.assignments_by_proposal)


def events_by_proposal(info: Info) -> DataLoader[str, list[Row]]:
    """Each suggestion's history, oldest first, in one round trip."""
    return info.context.loaders.batch(reads.events_by_proposal)


def industries_by_proposal(info: Info) -> DataLoader[str, list[Row]]:
    """Each suggestion's industries, in one round trip."""
    return info.context.loaders.neighbours("IN_INDUSTRY", "Proposal", "Industry")


def supervisors_by_proposal(info: Info) -> DataLoader[str, list[Row]]:
    """The committees supervising each suggestion, in one round trip."""
    return info.context.loaders.neighbours("SUPERVISES", "Proposal", "Committee", Direction.IN)


def co_signers_by_proposal(info: Info) -> DataLoader[str, list[Row]]:
    """Each suggestion's co-signing deputies, in one round trip."""
    return info.context.loaders.batch(handling_reads.co_signers_by_proposal)
