"""Employer organisation profile and its default mentoring commitment."""

from dataclasses import dataclass

from sqlmodel import Session

from .. import vocabulary
from ..i18n import _
from ..models import MentoringCommitment, Organisation
from . import catalogues, memberships, postcodes
from .errors import ServiceError
from .form_data import TextData
from .vacancies.content import CommitmentData, InvalidInput, commitment_problems, default_commitment
from .vacancies.lifecycle import store_commitment

SECTOR_OTHER = "other"


@dataclass
class ProfileData(TextData):
    name: str = ""
    sector: str = ""
    street: str = ""
    postcode: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    size: str = ""
    description: str = ""


def sector_codes() -> set[str]:
    return {group.code for group in vocabulary.groups()} | {SECTOR_OTHER}


def profile_problems(data: ProfileData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = _("Fill in the name of your organisation.")
    if data.sector not in sector_codes():
        errors["sector"] = _("Choose a sector from the list.")
    if not data.street.strip():
        errors["street"] = _("Fill in the street and number.")
    if not postcodes.is_valid(data.postcode):
        errors["postcode"] = _("This is not a Belgian postcode. Type the 4 digits, e.g. 9000.")
    if not data.contact_name.strip():
        errors["contact_name"] = _("Fill in a contact person.")
    if data.size not in catalogues.codes(catalogues.ORGANISATION_SIZES):
        errors["size"] = _("Choose the size of your organisation.")
    return errors


def _own(user, organisation: Organisation) -> None:
    if organisation.id != user.organisation_id:
        raise ServiceError(_("You can only change your own organisation."))


def update_profile(db: Session, user, organisation: Organisation, data: ProfileData) -> None:
    _own(user, organisation)
    errors = profile_problems(data)
    if "name" not in errors and memberships.same_name(
        db, data.name, organisation.kind, but=organisation.id
    ):
        errors["name"] = _("Another organisation already uses this name.")
    if errors:
        raise InvalidInput(errors)
    place = postcodes.lookup(data.postcode)
    for name, value in vars(data).items():
        setattr(organisation, name, value.strip() or None)
    organisation.postcode, organisation.town = place.postcode, place.name
    db.add(organisation)
    db.commit()


def set_default_commitment(
    db: Session, user, organisation: Organisation, data: CommitmentData
) -> MentoringCommitment:
    """The commitment every new vacancy starts from; vacancies already made keep theirs."""
    _own(user, organisation)
    errors = commitment_problems(data)
    if errors:
        raise InvalidInput(errors)
    row = default_commitment(db, organisation.id) or MentoringCommitment(
        organisation_id=organisation.id
    )
    store_commitment(db, row, data)
    db.commit()
    return row


def sector_label(code: str | None, locale=None) -> str:
    if code == SECTOR_OTHER:
        return _("Other sector")
    return vocabulary.label(vocabulary.group(code), locale) or (code or "")
