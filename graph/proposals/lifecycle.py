"""The closed loop of a suggestion (意见建议) as a state machine: raise → sort → assign →
supervise → feed back (提出、整理、交办、督办、反馈), then the deputies' rating and the year-end
review. Plain rules, no database: the steps (steps.py) and the demo's histories both decide a
move here.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.reads import Row
from graph.proposals.vocab import ProposalAction, ProposalStatus, Satisfaction

S = ProposalStatus
A = ProposalAction

# status → the moves out of it: (action, status after). EVALUATE from REPLIED depends on the
# rating and the review round; see `evaluate_target`. The handling steps that keep the status
# (EXTEND_DUE, MARK_KEY, SUPERVISE: handling.py) are moves to the same status.
MOVES: dict[ProposalStatus, tuple[tuple[ProposalAction, ProposalStatus], ...]] = {
    S.SUBMITTED: ((A.REGISTER, S.REGISTERED), (A.MERGE, S.MERGED), (A.WITHDRAW, S.WITHDRAWN)),
    S.REGISTERED: (
        (A.ASSIGN, S.ASSIGNED),
        (A.MERGE, S.MERGED),
        (A.WITHDRAW, S.WITHDRAWN),
        (A.TRANSFER, S.TRANSFERRED),
        (A.MARK_KEY, S.REGISTERED),
    ),
    S.ASSIGNED: (
        (A.START_HANDLING, S.HANDLING),
        (A.WITHDRAW, S.WITHDRAWN),
        (A.TRANSFER, S.TRANSFERRED),
        (A.RETURN, S.REGISTERED),
        (A.EXTEND_DUE, S.ASSIGNED),
        (A.MARK_KEY, S.ASSIGNED),
        (A.SUPERVISE, S.ASSIGNED),
    ),
    S.HANDLING: (
        (A.REPLY, S.REPLIED),
        (A.TRANSFER, S.TRANSFERRED),
        (A.RETURN, S.REGISTERED),
        (A.EXTEND_DUE, S.HANDLING),
        (A.MARK_KEY, S.HANDLING),
        (A.SUPERVISE, S.HANDLING),
    ),
    S.REPLIED: ((A.EVALUATE, S.EVALUATED), (A.SUPERVISE, S.REPLIED)),
    S.EVALUATED: ((A.CLOSE, S.CLOSED), (A.SUPERVISE, S.EVALUATED)),
    S.CLOSED: (),
    S.MERGED: (),
    S.WITHDRAWN: (),
    S.TRANSFERRED: (),
}

# The statuses no move leaves.
TERMINAL = frozenset(status for status, moves in MOVES.items() if not moves)

# An UNSATISFIED rating sends the suggestion back to HANDLING once; the second is recorded and
# closes it, flagged for the year-end review (年终评议).
MAX_REVIEW_ROUNDS = 1


@dataclass(frozen=True)
class Move:
    action: ProposalAction
    to: ProposalStatus
    note: str | None = None  # e.g. which rating leads where


def allowed_moves(
    status: str, review_round: int = 0, *, key_supervised: bool = False, extended: bool = False
) -> list[Move]:
    """The moves out of `status` for this suggestion: SUPERVISE only once it is key supervised,
    MARK_KEY only before, EXTEND_DUE only while its due date has not been extended."""
    current = ProposalStatus(status)
    moves = [Move(action, to) for action, to in MOVES[current]]
    if current is S.REPLIED:
        back = S.HANDLING if review_round < MAX_REVIEW_ROUNDS else S.CLOSED
        moves = [
            Move(A.EVALUATE, S.EVALUATED, "SATISFIED / BASICALLY_SATISFIED"),
            Move(A.EVALUATE, back, "UNSATISFIED"),
            Move(A.SUPERVISE, S.REPLIED),
        ]
    ruled_out = {
        A.SUPERVISE: not key_supervised,
        A.MARK_KEY: key_supervised,
        A.EXTEND_DUE: extended,
    }
    return [m for m in moves if not ruled_out.get(m.action, False)]


def moves_of(current: Row) -> list[Move]:
    """The moves allowed for the suggestion whose stored properties are `current`."""
    return allowed_moves(
        current["status"],
        current.get("reviewRound") or 0,
        key_supervised=bool(current.get("keySupervised")),
        extended=current.get("originalDue") is not None,
    )


def _moves_text(moves: list[Move]) -> tuple[str, str]:
    if not moves:
        return "无（已是终结状态）", "none (final status)"
    zh = "、".join(f"{m.action.zh}→{m.to.zh}" for m in moves)
    en = ", ".join(
        f"{m.action.value} → {m.to.value}" + (f" ({m.note})" if m.note else "") for m in moves
    )
    return zh, en


def illegal_move(current: Row, action: ProposalAction) -> DomainError:
    """CONFLICT naming the moves allowed for `current` (a suggestion's stored properties)."""
    proposal_id, status = str(current.get("id")), current["status"]
    zh, en = _moves_text(moves_of(current))
    return DomainError(
        ErrorCode.CONFLICT,
        f"意见建议当前状态为“{ProposalStatus(status).zh}”，不能{action.zh}；可执行：{zh}",
        f"A suggestion in status {status} cannot be {action.value}; allowed: {en}",
        field="id",
        ids=[proposal_id],
    )


def check_move(current: Row, action: ProposalAction) -> ProposalStatus:
    """The status `action` leads to from the suggestion `current` (its stored properties);
    CONFLICT naming the allowed moves when the move is illegal."""
    status = current["status"]
    for move_action, to in MOVES[ProposalStatus(status)]:
        if move_action is action:
            return to
    raise illegal_move(current, action)


def evaluate_target(satisfaction: str, review_round: int) -> tuple[ProposalStatus, int]:
    """(status after, review round after) for a rating of a REPLIED suggestion."""
    if satisfaction != Satisfaction.UNSATISFIED.value:
        return S.EVALUATED, review_round
    if review_round < MAX_REVIEW_ROUNDS:
        return S.HANDLING, review_round + 1
    return S.CLOSED, review_round + 1


def next_status(current: Row, action: str, satisfaction: str | None = None) -> tuple[str, int]:
    """(status after, review round after) of `action` on a suggestion whose status and
    reviewRound are in `current`, decided as the steps decide it; CONFLICT naming the allowed
    moves when the move is illegal. For code that builds histories without the database (the
    demo)."""
    step = ProposalAction(action)
    if step is A.SUBMIT:
        if current.get("status") is not None:
            raise illegal_move(current, step)
        return S.SUBMITTED.value, 0
    to = check_move(current, step)
    review_round = current.get("reviewRound") or 0
    if step is A.EVALUATE:
        if satisfaction is None or satisfaction not in Satisfaction.values():
            raise ValueError(f"EVALUATE needs a rating, one of {', '.join(Satisfaction.values())}")
        to, review_round = evaluate_target(satisfaction, review_round)
    return to.value, review_round
