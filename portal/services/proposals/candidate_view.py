"""What an employer sees of a proposed participant, and what a mentor picks from when
proposing."""

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from ... import clock
from ...i18n import _
from ...models import Organisation, Participant, Proposal, User, Vacancy, VacancyStatus
from .. import audit, postcodes, settings
from .. import participant_catalogues as cat
from .. import vocabulary as vocab
from ..participants import endorsements, profiles, records
from ..vacancies import lifecycle
from .visibility import candidate_code, contact_visible, full_name


def pseudonym(participant_id: int) -> str:
    """A short stable code per participant that tells nothing about them: how an employer
    tells candidates apart before any consent (match pages, alerts)."""
    digest = hmac.new(settings.secret_key(), f"candidate:{participant_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:6].upper()


@dataclass
class Candidate:
    """What an employer sees of the participant: no name, contact, nationality or right to
    work until the participant consented to share name and contact for this proposal."""

    pseudonym: str
    occupations: list[str]
    skills: list[tuple[str, int, str]]
    dutch_level: str | None
    hours_per_week: int | None
    shifts: list[str]
    available_from: date | None
    licences: list[str]
    certificates: list[str]
    support_needs: list[str]
    distance_km: float | None
    endorsement_strengths: str
    endorsement_evidence: str
    contact: dict = field(default_factory=dict)  # name, phone, email after consent


def candidate(
    db: Session, proposal: Proposal, vacancy: Vacancy, participant: Participant, locale: str
) -> Candidate:
    endorsement = endorsements.current_endorsement(db, participant)
    distance = None
    if participant.home_postcode:
        distance = postcodes.distance_km(participant.home_postcode, vacancy.postcode)
    result = Candidate(
        pseudonym=_("Candidate %(code)s", code=candidate_code(proposal)),
        occupations=[
            vocab.occupation_label(db, code, locale)
            for code in profiles.occupations_of(db, participant)
        ],
        skills=[
            (vocab.skill_label(db, s.skill, locale), s.level, s.evidence)
            for s in profiles.skills_of(db, participant)
        ],
        dutch_level=participant.dutch_level,
        hours_per_week=participant.hours_per_week,
        shifts=[str(cat.SHIFTS[s]) for s in profiles.shifts_of(participant)],
        available_from=participant.available_from,
        licences=records.split_codes(participant.licences),
        certificates=[
            str(cat.CERTIFICATES.get(c.certificate, c.certificate))
            for c in profiles.certificates_of(db, participant)
        ],
        support_needs=[
            str(cat.SUPPORT_NEEDS[n]) for n in profiles.support_needs_of(db, participant)
        ],
        distance_km=distance,
        endorsement_strengths=endorsement.strengths if endorsement else "",
        endorsement_evidence=endorsement.evidence if endorsement else "",
    )
    if contact_visible(db, proposal, participant):
        result.contact = {
            "name": full_name(participant),
            "phone": participant.phone,
            "email": participant.email,
        }
    return result


def record_employer_view(db: Session, employer: User, participant: Participant) -> None:
    """An employer opening a proposed candidate sees that person's profile (pseudonymised or,
    after consent, with name and contact): an audited view the participant's "my data" page
    lists."""
    audit.record(db, employer.id, "participant.viewed", "participant", participant.id, "proposal")
    db.commit()


def proposable_participants(db: Session, mentor: User) -> list[Participant]:
    query = select(Participant).where(
        Participant.mentor_id == mentor.id, col(Participant.active).is_(True)
    )
    return list(db.exec(query.order_by(Participant.first_name, Participant.last_name)).all())


def open_vacancies(db: Session) -> list[tuple[Vacancy, Organisation]]:
    lifecycle.expire_due(db)
    query = (
        select(Vacancy, Organisation)
        .join(Organisation, col(Organisation.id) == Vacancy.organisation_id)
        .where(Vacancy.status == VacancyStatus.PUBLISHED, Vacancy.closing_date >= clock.today())
        .order_by(Vacancy.title)
    )
    return list(db.exec(query).all())
