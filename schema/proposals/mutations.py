"""Mutations of suggestions, one per step of the closed loop, and of handling units. Each step
returns the suggestion with its history; a rejected step (illegal move, bad input) comes back in
`errors` and writes nothing. All need HANDLE_PROPOSALS (CLERK or ADMIN): clerks enter deputies'
suggestions too, and the event records who entered each step (the viewer's name)."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable

import strawberry

from graph.kernel.reads import Row
from graph.proposals import steps, units, vocab
from graph.proposals.steps import SubmitInput
from schema.common import (
    DeletePayload,
    MutationError,
    decode_any_id,
    decode_id,
    global_id,
    run_mutation,
)
from schema.context import Info
from schema.permissions import CAN_HANDLE_PROPOSALS
from schema.proposals.types import Proposal, Unit

HANDLE = [CAN_HANDLE_PROPOSALS]


def _by(info: Info) -> str:
    return getattr(info.context.viewer, "name", None) or "system"


@strawberry.type(description="The result of a step: the suggestion as it is now, or errors.")
class ProposalPayload:
    proposal: Proposal | None = strawberry.field(description="Null when errors.")
    errors: list[MutationError] = strawberry.field(description="Why nothing was changed.")


@strawberry.type(description="The result of a unit create or update.")
class UnitPayload:
    unit: Unit | None = strawberry.field(description="Null when errors.")
    errors: list[MutationError] = strawberry.field(description="Why nothing was changed.")


async def _step(
    info: Info, id: strawberry.ID, write: Callable[[str, str], Awaitable[Row]]
) -> ProposalPayload:
    """A step of the loop on the suggestion `id`: `write(proposal id, who)` through
    `run_mutation`, so a bad id comes back in `errors` like any other failure."""

    async def work() -> Row:
        return await write(decode_id(id, "Proposal", "id"), _by(info))

    row, errors = await run_mutation(info, work)
    return ProposalPayload(proposal=Proposal.from_row(row) if row else None, errors=errors)


@strawberry.input(description="A suggestion as raised.")
class SubmitProposalInput:
    title: str = strawberry.field(description="Title, 1–200 characters.")
    raised_by_id: strawberry.ID = strawberry.field(description="The Deputy or DeputyGroup.")
    raised_at: datetime.date | None = strawberry.field(default=None, description="Default today.")
    stage: vocab.ProposalStage = strawberry.field(
        default=vocab.ProposalStage.INTERSESSION, description="Session stage."
    )
    summary: str | None = strawberry.field(default=None, description="What is suggested.")
    industry_codes: list[str] = strawberry.field(
        default_factory=list, description="GB/T 4754 codes."
    )
    activity_id: strawberry.ID | None = strawberry.field(
        default=None, description="The trip (Activity) it arose from."
    )
    committee_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Committees that supervise it."
    )
    co_signer_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list,
        description="Deputies who co-sign it (联名); `raisedById` is its lead (领衔) and must then "
        "be a deputy.",
    )


@strawberry.type
class ProposalsMutation:
    @strawberry.mutation(description="Enter a suggestion (提出).", permission_classes=HANDLE)
    async def submit_proposal(self, info: Info, input: SubmitProposalInput) -> ProposalPayload:
        async def work() -> Row:
            label, raiser = decode_any_id(
                input.raised_by_id, "input.raisedById", ("Deputy", "DeputyGroup")
            )
            data = SubmitInput(
                title=input.title,
                raised_by_label=label,
                raised_by_id=raiser,
                raised_at=input.raised_at or datetime.date.today(),
                stage=input.stage.value,
                summary=input.summary,
                industry_codes=input.industry_codes,
                activity_id=decode_id(input.activity_id, "Activity", "input.activityId")
                if input.activity_id
                else None,
                committee_ids=[
                    decode_id(c, "Committee", "input.committeeIds") for c in input.committee_ids
                ],
                co_signer_ids=[
                    decode_id(d, "Deputy", "input.coSignerIds") for d in input.co_signer_ids
                ],
            )
            return await steps.submit_proposal(info.context.db, data, _by(info))

        row, errors = await run_mutation(info, work)
        return ProposalPayload(proposal=Proposal.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(
        description="Register (登记/整理); optionally re-file industries and set supervisors.",
        permission_classes=HANDLE,
    )
    async def register_proposal(
        self,
        info: Info,
        id: strawberry.ID,
        industry_codes: list[str] | None = None,
        committee_ids: list[strawberry.ID] | None = None,
        note: str | None = None,
    ) -> ProposalPayload:
        def committees() -> list[str] | None:
            if committee_ids is None:
                return None
            return [decode_id(c, "Committee", "committeeIds") for c in committee_ids]

        return await _step(
            info,
            id,
            lambda pid, by: steps.register_proposal(
                info.context.db,
                pid,
                by,
                industry_codes=industry_codes,
                committee_ids=committees(),
                note=note,
            ),
        )

    @strawberry.mutation(
        description="Assign (交办) to a lead unit and co-units with a due date.",
        permission_classes=HANDLE,
    )
    async def assign_proposal(
        self,
        info: Info,
        id: strawberry.ID,
        lead_unit_id: strawberry.ID,
        due: datetime.date,
        co_unit_ids: list[strawberry.ID] | None = None,
        at: datetime.date | None = None,
        note: str | None = None,
    ) -> ProposalPayload:
        return await _step(
            info,
            id,
            lambda pid, by: steps.assign_proposal(
                info.context.db,
                pid,
                by,
                lead_unit_id=decode_id(lead_unit_id, "Unit", "leadUnitId"),
                co_unit_ids=[decode_id(u, "Unit", "coUnitIds") for u in co_unit_ids or []],
                due=due,
                at=at,
                note=note,
            ),
        )

    @strawberry.mutation(description="The unit starts handling (办理).", permission_classes=HANDLE)
    async def start_handling(
        self, info: Info, id: strawberry.ID, note: str | None = None
    ) -> ProposalPayload:
        return await _step(
            info, id, lambda pid, by: steps.start_handling(info.context.db, pid, by, note)
        )

    @strawberry.mutation(
        description="Record the unit's reply (答复) and its class: A solved or being solved, B "
        "planned, C cannot be solved for now (then `classReason` is required).",
        permission_classes=HANDLE,
    )
    async def reply_proposal(
        self,
        info: Info,
        id: strawberry.ID,
        reply: str,
        reply_class: vocab.ReplyClass,
        class_reason: str | None = None,
        at: datetime.date | None = None,
    ) -> ProposalPayload:
        return await _step(
            info,
            id,
            lambda pid, by: steps.reply_proposal(
                info.context.db,
                pid,
                by,
                reply,
                at,
                reply_class=reply_class.value,
                class_reason=class_reason,
            ),
        )

    @strawberry.mutation(
        description="Record the deputies' rating. UNSATISFIED sends it back to handling once; "
        "a second UNSATISFIED closes it for the year-end review.",
        permission_classes=HANDLE,
    )
    async def evaluate_proposal(
        self,
        info: Info,
        id: strawberry.ID,
        satisfaction: vocab.Satisfaction,
        note: str | None = None,
    ) -> ProposalPayload:
        return await _step(
            info,
            id,
            lambda pid, by: steps.evaluate_proposal(
                info.context.db, pid, by, satisfaction.value, note
            ),
        )

    @strawberry.mutation(
        description="Close (办结) an evaluated suggestion.", permission_classes=HANDLE
    )
    async def close_proposal(
        self, info: Info, id: strawberry.ID, note: str | None = None
    ) -> ProposalPayload:
        return await _step(
            info, id, lambda pid, by: steps.close_proposal(info.context.db, pid, by, note)
        )

    @strawberry.mutation(
        description="Merge into another open suggestion (并案).", permission_classes=HANDLE
    )
    async def merge_proposal(
        self, info: Info, id: strawberry.ID, into: strawberry.ID, note: str | None = None
    ) -> ProposalPayload:
        return await _step(
            info,
            id,
            lambda pid, by: steps.merge_proposal(
                info.context.db, pid, decode_id(into, "Proposal", "into"), by, note
            ),
        )

    @strawberry.mutation(description="Withdraw (撤回).", permission_classes=HANDLE)
    async def withdraw_proposal(
        self, info: Info, id: strawberry.ID, note: str | None = None
    ) -> ProposalPayload:
        return await _step(
            info, id, lambda pid, by: steps.withdraw_proposal(info.context.db, pid, by, note)
        )

    @strawberry.mutation(
        description="Transfer out of the loop, e.g. into a procuratorate's public-interest "
        "litigation suggestion (公益诉讼检察建议).",
        permission_classes=HANDLE,
    )
    async def transfer_proposal(
        self,
        info: Info,
        id: strawberry.ID,
        unit_id: strawberry.ID,
        kind: str,
        note: str | None = None,
    ) -> ProposalPayload:
        return await _step(
            info,
            id,
            lambda pid, by: steps.transfer_proposal(
                info.context.db,
                pid,
                by,
                unit_id=decode_id(unit_id, "Unit", "unitId"),
                kind=kind,
                note=note,
            ),
        )

    @strawberry.mutation(description="Create a handling unit.", permission_classes=HANDLE)
    async def create_unit(self, info: Info, name: str, kind: vocab.UnitKind) -> UnitPayload:
        async def work() -> Row:
            return await units.create_unit(info.context.db, name, kind.value)

        row, errors = await run_mutation(info, work)
        return UnitPayload(unit=Unit.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(
        description="Rename or re-kind a handling unit.", permission_classes=HANDLE
    )
    async def update_unit(
        self,
        info: Info,
        id: strawberry.ID,
        name: str | None = None,
        kind: vocab.UnitKind | None = None,
    ) -> UnitPayload:
        async def work() -> Row:
            return await units.update_unit(
                info.context.db,
                decode_id(id, "Unit", "id"),
                name=name,
                kind=kind.value if kind else None,
            )

        row, errors = await run_mutation(info, work)
        return UnitPayload(unit=Unit.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(
        description="Delete a unit no suggestion refers to.", permission_classes=HANDLE
    )
    async def delete_unit(self, info: Info, id: strawberry.ID) -> DeletePayload:
        async def work() -> str:
            return await units.delete_unit(info.context.db, decode_id(id, "Unit", "id"))

        deleted, errors = await run_mutation(info, work)
        return DeletePayload(
            deleted_id=global_id("Unit", deleted) if deleted else None, errors=errors
        )
