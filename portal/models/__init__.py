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
from .vacancies import (
    MentoringCommitment,
    Vacancy,
    VacancyCertificate,
    VacancySkill,
    VacancyStatus,
)
from .vocabulary import EscoOccupation, EscoSkill

__all__ = [
    "AccountStatus",
    "AuditEvent",
    "EscoOccupation",
    "EscoSkill",
    "LoginFailure",
    "MentoringCommitment",
    "Organisation",
    "OrganisationKind",
    "Role",
    "User",
    "Vacancy",
    "VacancyCertificate",
    "VacancySkill",
    "VacancyStatus",
    "new_session_token",
    "utcnow",
]
