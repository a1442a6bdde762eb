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
from .alerts import AlertCursor, AlertPair, NotificationChoice, PendingMail
from .audit import AuditEvent
from .base import utcnow
from .checkins import CheckIn
from .data_requests import DataRequest, RequestKind, RequestOutcome
from .leads import EmployerLead, PortalSetting
from .participants import (
    Consent,
    Endorsement,
    Participant,
    ParticipantCertificate,
    ParticipantOccupation,
    ParticipantSkill,
    ParticipantSupportNeed,
)
from .proposals import (
    OPEN_STAGES,
    Notification,
    OpeningReaction,
    Proposal,
    ProposalEvent,
    Reaction,
    Stage,
    open_pair_key,
)
from .search import ChangeOp, IndexChange, IndexChangePruned
from .vacancies import (
    MentoringCommitment,
    Vacancy,
    VacancyCertificate,
    VacancySkill,
    VacancyStatus,
)
from .vocabulary import EscoOccupation, EscoSkill

__all__ = [
    "AlertCursor",
    "AlertPair",
    "NotificationChoice",
    "PendingMail",
    "AccountStatus",
    "AuditEvent",
    "CheckIn",
    "DataRequest",
    "EscoOccupation",
    "EscoSkill",
    "Consent",
    "Endorsement",
    "EmployerLead",
    "ChangeOp",
    "IndexChange",
    "IndexChangePruned",
    "LoginFailure",
    "MentoringCommitment",
    "Notification",
    "OPEN_STAGES",
    "OpeningReaction",
    "Organisation",
    "OrganisationKind",
    "Participant",
    "ParticipantCertificate",
    "ParticipantOccupation",
    "ParticipantSkill",
    "ParticipantSupportNeed",
    "PortalSetting",
    "Proposal",
    "ProposalEvent",
    "Reaction",
    "RequestKind",
    "RequestOutcome",
    "Role",
    "Stage",
    "User",
    "Vacancy",
    "VacancyCertificate",
    "VacancySkill",
    "VacancyStatus",
    "new_session_token",
    "open_pair_key",
    "utcnow",
]
