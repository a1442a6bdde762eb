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
from .participants import (
    Consent,
    Endorsement,
    Participant,
    ParticipantCertificate,
    ParticipantOccupation,
    ParticipantSkill,
    ParticipantSupportNeed,
)

__all__ = [
    "AccountStatus",
    "AuditEvent",
    "Consent",
    "Endorsement",
    "LoginFailure",
    "Organisation",
    "OrganisationKind",
    "Participant",
    "ParticipantCertificate",
    "ParticipantOccupation",
    "ParticipantSkill",
    "ParticipantSupportNeed",
    "Role",
    "User",
    "new_session_token",
    "utcnow",
]
