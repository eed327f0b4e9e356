"""Mutations of handling as the rules have it (graph/proposals/handling.py): a unit's return
(退回), the one extension (延期), key supervision (重点督办) and its actions, co-signers (联名).
Units have no role of their own: clerks record what a unit does, so every one of these needs
HANDLE_PROPOSALS (CLERK or ADMIN), like the loop's steps."""

from __future__ import annotations

import datetime

import strawberry

from graph.proposals import handling, vocab
from schema.common import decode_id
from schema.context import Info
from schema.proposals.mutations import HANDLE, ProposalPayload, _step


@strawberry.type
class HandlingMutation:
    @strawberry.mutation(
        description="The lead unit returns a suggestion assigned to it by mistake (退回/申请调整), "
        "within the working days the rules allow after its assignment (THIRDLINK_RETURN_"
        "WORKING_DAYS, default 5); it goes back to REGISTERED, to be assigned to another unit. "
        "After the window: CONFLICT naming the deadline.",
        permission_classes=HANDLE,
    )
    async def return_proposal(
        self,
        info: Info,
        id: strawberry.ID,
        reason: str,
        at: datetime.date | None = None,
    ) -> ProposalPayload:
        rules = info.context.handling_rules
        return await _step(
            info,
            id,
            lambda pid, by: handling.return_proposal(
                info.context.db, pid, by, reason=reason, rules=rules, at=at
            ),
        )

    @strawberry.mutation(
        description="Extend the due date once (延期), with a reason, e.g. from three to six "
        "months; a second extension is CONFLICT.",
        permission_classes=HANDLE,
    )
    async def extend_proposal_due(
        self, info: Info, id: strawberry.ID, due: datetime.date, reason: str
    ) -> ProposalPayload:
        return await _step(
            info,
            id,
            lambda pid, by: handling.extend_due(info.context.db, pid, by, due=due, reason=reason),
        )

    @strawberry.mutation(
        description="Make a suggestion key supervised (重点督办) by a committee, with the leader "
        "who leads the supervision (by name). Once.",
        permission_classes=HANDLE,
    )
    async def mark_key_supervised(
        self,
        info: Info,
        id: strawberry.ID,
        committee_id: strawberry.ID,
        leader: str,
        note: str | None = None,
    ) -> ProposalPayload:
        return await _step(
            info,
            id,
            lambda pid, by: handling.mark_key_supervised(
                info.context.db,
                pid,
                by,
                committee_id=decode_id(committee_id, "Committee", "committeeId"),
                leader=leader,
                note=note,
            ),
        )

    @strawberry.mutation(
        description="Record a supervision action on a key supervised suggestion (通报, 约谈, "
        "回访); it shows in the history.",
        permission_classes=HANDLE,
    )
    async def supervise_proposal(
        self, info: Info, id: strawberry.ID, kind: vocab.SupervisionKind, note: str
    ) -> ProposalPayload:
        return await _step(
            info,
            id,
            lambda pid, by: handling.record_supervision(
                info.context.db, pid, by, kind=kind.value, note=note
            ),
        )

    @strawberry.mutation(
        description="A deputy co-signs (联名) a deputy's suggestion before it is registered.",
        permission_classes=HANDLE,
    )
    async def add_co_signer(
        self, info: Info, id: strawberry.ID, deputy_id: strawberry.ID
    ) -> ProposalPayload:
        return await _step(
            info,
            id,
            lambda pid, by: handling.add_co_signer(
                info.context.db, pid, decode_id(deputy_id, "Deputy", "deputyId")
            ),
        )
