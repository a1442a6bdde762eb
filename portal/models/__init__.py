"""Every table of the portal, one module per area; importing this registers them all."""

from .accounts import (
    AccountStatus,
    LoginFailure,
    Organisation,
    OrganisationKind,
    Role,
    User,
    new_session_token,
)
from .audit import AuditEvent
from .base import utcnow
from .search import ChangeOp, IndexChange

__all__ = [
    "AccountStatus",
    "AuditEvent",
    "ChangeOp",
    "IndexChange",
    "LoginFailure",
    "Organisation",
    "OrganisationKind",
    "Role",
    "User",
    "new_session_token",
    "utcnow",
]
