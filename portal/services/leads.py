"""Requests from employers who are not ready to post a vacancy ("we often need warehouse
staff in Gent, day shifts"). A lead belongs to a region (the province of its postcode, or the
Brussels region) and reaches the mentors of the WISEs whose own postcode lies there."""

import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from .. import vocabulary
from ..i18n import _, _l
from ..models import AccountStatus, EmployerLead, Organisation, OrganisationKind, Role, User
from . import notifications, outcomes, postcodes
from .errors import ServiceError
from .form_data import TextData
from .vacancies.content import InvalidInput

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
NEW_LEAD = (
    _l("An employer asks for people: %(organisation)s"),
    _l(
        "%(organisation)s (%(place)s) is looking for people. Read the request under "
        "Employer requests in the portal and contact the employer."
    ),
)


@dataclass
class LeadData(TextData):
    organisation_name: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    occupation_group: str = ""
    postcode: str = ""
    text: str = ""


def problems(data: LeadData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.organisation_name:
        errors["organisation_name"] = _("Fill in the name of your organisation.")
    if not data.contact_name:
        errors["contact_name"] = _("Fill in a contact person.")
    if not EMAIL.match(data.contact_email):
        errors["contact_email"] = _("Fill in an e-mail address, e.g. name@company.be.")
    if vocabulary.group(data.occupation_group) is None:
        errors["occupation_group"] = _("Choose a kind of work from the list.")
    if not postcodes.is_valid(data.postcode):
        errors["postcode"] = _("This is not a Belgian postcode. Type the 4 digits, e.g. 9000.")
    if not data.text:
        errors["text"] = _("Tell us in a few words whom you are looking for.")
    return errors


def mentors_of_region(db: Session, region: str) -> list[User]:
    """Active mentors whose WISE has a postcode in the region."""
    query = (
        select(User, Organisation.postcode)
        .join(Organisation, col(Organisation.id) == User.organisation_id)
        .where(
            User.role == Role.MENTOR,
            User.status == AccountStatus.ACTIVE,
            Organisation.kind == OrganisationKind.WISE,
            col(Organisation.postcode).is_not(None),
        )
    )
    return [user for user, postcode in db.exec(query) if outcomes.region_of(postcode) == region]


def create(db: Session, data: LeadData, locale: str) -> EmployerLead:
    errors = problems(data)
    if errors:
        raise InvalidInput(errors)
    place = postcodes.lookup(data.postcode)
    lead = EmployerLead(
        **vars(data) | {"postcode": place.postcode},
        region=outcomes.region_of(place.postcode),
        locale=locale,
    )
    db.add(lead)
    db.commit()
    notifications.notify(
        db,
        mentors_of_region(db, lead.region),
        "employer_lead",
        NEW_LEAD,
        organisation=lead.organisation_name,
        place=place.name,
    )
    return lead


def region_of_user(db: Session, user: User) -> str | None:
    """A mentor's region: where the WISE they work for is (its postcode)."""
    organisation = db.get(Organisation, user.organisation_id) if user.organisation_id else None
    if organisation is None or organisation.kind != OrganisationKind.WISE:
        return None
    return outcomes.region_of(organisation.postcode)


def visible_to(db: Session, user: User) -> list[EmployerLead]:
    """A coordinator sees every lead; a mentor those of the region of their WISE."""
    query = select(EmployerLead).order_by(col(EmployerLead.created_at).desc())
    if user.role != Role.COORDINATOR:
        region = region_of_user(db, user)
        if region is None:
            return []
        query = query.where(EmployerLead.region == region)
    return list(db.exec(query).all())


def set_wise_postcode(db: Session, user: User, postcode: str) -> None:
    """A mentor places their own WISE once (it has no postcode yet), so the requests of its
    region reach it; changing a postcode already set stays with the coordinator."""
    organisation = db.get(Organisation, user.organisation_id) if user.organisation_id else None
    if (
        user.role != Role.MENTOR
        or organisation is None
        or organisation.kind != OrganisationKind.WISE
    ):
        raise ServiceError(_("Only a mentor of a social enterprise can do this."))
    if organisation.postcode:
        raise ServiceError(_("Your organisation already has a postcode."))
    place = postcodes.lookup(postcode)
    if place is None:
        raise InvalidInput(
            {"postcode": _("This is not a Belgian postcode. Type the 4 digits, e.g. 9000.")}
        )
    organisation.postcode, organisation.town = place.postcode, place.name
    db.add(organisation)
    db.commit()
