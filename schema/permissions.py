"""Who may do what. Every mutation declares one of these permissions; a test walks the schema
and fails for a mutation that declares none.

Anonymous callers never reach a resolver: api/auth.py refuses a request without a valid token
before anything runs, so reading (READ, which every staff role has) is enforced once, centrally.
A DEPUTY is not staff: their token is bound to one deputy, and they reach only what the
deputies' allowlist lets them (schema/deputies/): their own record, their groups' trips,
receptions and suggestions, and their own writes.

Roles: VIEWER reads; PLANNER also plans trips and runs receptions (venues, receptions,
bookings); CLERK also handles suggestions, units, receptions and the issues people raise, and
reads citizens' personal data (a contact's name and phone); ADMIN may do everything, including
changing the liaison structure itself, the scoring rules of duty records, and tokens. CLERK
also runs livelihood-project voting (projects, reviews, ballots, tallies, supervision,
evaluation). DEPUTY signs in as one deputy (Viewer.deputy_id).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from strawberry.permission import BasePermission

from graph.kernel.errors import ErrorCode


class Role(enum.Enum):
    VIEWER = "VIEWER"
    PLANNER = "PLANNER"
    CLERK = "CLERK"
    ADMIN = "ADMIN"
    DEPUTY = "DEPUTY"


# The roles of the congress's own staff; DEPUTY is not one of them.
STAFF = frozenset({Role.VIEWER, Role.PLANNER, Role.CLERK, Role.ADMIN})


class Permission(enum.Enum):
    READ = STAFF
    PLAN_TRIPS = frozenset({Role.PLANNER, Role.ADMIN})
    HANDLE_PROPOSALS = frozenset({Role.CLERK, Role.ADMIN})
    RUN_RECEPTIONS = frozenset({Role.PLANNER, Role.CLERK, Role.ADMIN})
    HANDLE_ISSUES = frozenset({Role.CLERK, Role.ADMIN})
    READ_PERSONAL = frozenset({Role.CLERK, Role.ADMIN})
    EDIT_STRUCTURE = frozenset({Role.ADMIN})
    MANAGE_TOKENS = frozenset({Role.ADMIN})
    READ_AUDIT = frozenset({Role.ADMIN})
    # livelihood projects (graph/voting/): everything but a deputy's own ballot
    RUN_VOTING = frozenset({Role.CLERK, Role.ADMIN})
    # the scoring rules of duty records, per congress (graph/duty/)
    EDIT_SCORING = frozenset({Role.ADMIN})
    # a deputy's own: their record and view, their ballot, their suggestions and issues
    ACT_AS_DEPUTY = frozenset({Role.DEPUTY})


@dataclass(frozen=True)
class Viewer:
    """Who is calling: the API token's name, role and id (set by api/auth.py per request)."""

    name: str
    role: Role
    token_id: str = ""
    # The deputy a DEPUTY token is bound to (empty for staff).
    deputy_id: str = ""


def viewer_role(info: Any) -> Role | None:
    viewer = getattr(info.context, "viewer", None)
    role = getattr(viewer, "role", None)
    return role if isinstance(role, Role) else None


def _make(permission: Permission) -> type[BasePermission]:
    class Requires(BasePermission):
        message = (
            f"无权执行此操作（需要 {'/'.join(sorted(r.value for r in permission.value))} 角色）"
            f" / Forbidden: this needs the role "
            f"{' or '.join(sorted(r.value for r in permission.value))}"
        )
        error_extensions = {"code": ErrorCode.FORBIDDEN.value}  # noqa: RUF012
        required = permission

        def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
            return viewer_role(info) in permission.value

    Requires.__name__ = f"Requires{permission.name.title().replace('_', '')}"
    return Requires


CAN_READ = _make(Permission.READ)
CAN_PLAN_TRIPS = _make(Permission.PLAN_TRIPS)
CAN_HANDLE_PROPOSALS = _make(Permission.HANDLE_PROPOSALS)
CAN_RUN_RECEPTIONS = _make(Permission.RUN_RECEPTIONS)
CAN_HANDLE_ISSUES = _make(Permission.HANDLE_ISSUES)
CAN_READ_PERSONAL = _make(Permission.READ_PERSONAL)
CAN_EDIT_STRUCTURE = _make(Permission.EDIT_STRUCTURE)
CAN_MANAGE_TOKENS = _make(Permission.MANAGE_TOKENS)
CAN_READ_AUDIT = _make(Permission.READ_AUDIT)
CAN_RUN_VOTING = _make(Permission.RUN_VOTING)
CAN_EDIT_SCORING = _make(Permission.EDIT_SCORING)
CAN_ACT_AS_DEPUTY = _make(Permission.ACT_AS_DEPUTY)


def declared_permissions(field: Any) -> list[Permission]:
    """The permissions a strawberry field declares (what the schema-walking test checks)."""
    return [
        required
        for cls in getattr(field, "permission_classes", None) or ()
        if isinstance(required := getattr(cls, "required", None), Permission)
    ]
