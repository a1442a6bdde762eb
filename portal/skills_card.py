"""The skills card: the participant's mentor-endorsed profile to print and carry, in their
language with Dutch beside. It shows what they can do and what helps them; it leaves out
what could harm them (no date of birth, residence status, nationality or contact)."""

from flask_babel import force_locale, format_date

from . import clock, vocabulary
from .config import LANGUAGES, RTL_LANGUAGES
from .i18n import _, current_language, isolate
from .models import Organisation, Participant, User
from .services import audit
from .services import participant_catalogues as cat
from .services.errors import ForbiddenError
from .services.participants import endorsements, profiles, records
from .services.proposals import visibility


def card_language(session, p: Participant) -> str:
    """The participant's own language: their account's setting, else the first preferred
    language we speak, else the reader's."""
    user = session.get(User, p.user_id) if p.user_id else None
    choices = [user.locale if user else None, *records.split_codes(p.preferred_languages)]
    return next((code for code in choices if code in LANGUAGES), current_language())


def _blocks(session, p: Participant, vouch: dict) -> list[dict]:
    language = current_language()
    skills = [
        _("%(skill)s: %(level)s.", skill=vocabulary.label(vocabulary.skill(row.skill), language)
          or row.skill, level=cat.SKILL_LEVELS.get(row.level, ""))
        + (" " + _("Mentor saw: %(evidence)s", evidence=row.evidence) if row.evidence else "")
        for row in profiles.skills_of(session, p)
    ]  # fmt: skip
    certificates = [
        str(cat.CERTIFICATES.get(row.certificate, row.certificate))
        + (" " + _("(valid until %(date)s)", date=format_date(row.expires_on))
           if row.expires_on else "")
        for row in profiles.certificates_of(session, p)
    ]  # fmt: skip
    licences = [str(cat.LICENCES.get(code, code)) for code in records.split_codes(p.licences)]
    needs = [str(cat.SUPPORT_NEEDS[n]) for n in profiles.support_needs_of(session, p)]
    none = [_("Nothing written yet.")]
    endorsed = (
        [_("%(mentor)s (%(organisation)s) says I am ready for a job, on %(date)s.",
           mentor=isolate(vouch["mentor"]), organisation=isolate(vouch["organisation"]),
           date=format_date(vouch["given_at"], "long")),
         vouch["evidence"]]
        if vouch else [_("My mentor has not said yet that I am ready.")]
    )  # fmt: skip
    return [
        {"icon": "met", "title": _("My mentor vouches for me"), "lines": endorsed},
        {"icon": "tools", "title": _("What I can do"), "lines": skills or none},
        {"icon": "dutch", "title": _("My Dutch"),
         "lines": [_("Level %(level)s.", level=p.dutch_level)] if p.dutch_level else none},
        {"icon": "star", "title": _("Certificates"), "lines": certificates or none},
        {"icon": "licence", "title": _("Driving licence"), "lines": licences or none},
        {"icon": "buddy", "title": _("What helps me at work"), "lines": needs or none},
    ]  # fmt: skip


def build(session, p: Participant) -> dict:
    """Blocks in the participant's language (with the Dutch lines beside unless that is
    Dutch), and the endorsement that vouches for them."""
    language = card_language(session, p)
    vouch = _vouch(session, p)
    with force_locale(language):
        blocks = _blocks(session, p, vouch)
    if language != "nl":
        with force_locale("nl"):
            for block, nl in zip(blocks, _blocks(session, p, vouch), strict=True):
                block["nl_title"], block["nl"] = nl["title"], nl["lines"]
    return {
        "name": f"{p.first_name} {p.last_name}".strip(),
        "language": language,
        "direction": "rtl" if language in RTL_LANGUAGES else "ltr",
        "blocks": blocks,
        "side": language != "nl",
    }


def _vouch(session, p: Participant) -> dict | None:
    """The current endorsement, if still valid: who gave it, from where, when, why."""
    endorsement = endorsements.current_endorsement(session, p)
    if endorsement is None or endorsement.valid_until < clock.today():
        return None
    mentor = session.get(User, endorsement.mentor_id) if endorsement.mentor_id else None
    organisation = (
        session.get(Organisation, mentor.organisation_id) if mentor and mentor.organisation_id
        else None
    )  # fmt: skip
    return {
        "mentor": mentor.display_name if mentor else "—",
        "organisation": organisation.name if organisation else "—",
        "given_at": endorsement.given_at.date(),
        "evidence": endorsement.evidence,
    }


def open_for_employer(session, employer: User, proposal_id: int) -> Participant:
    """The participant of a proposal this employer sees, once the participant shared name and
    contact for it (the card carries the name); the view is audited like any other."""
    proposal, _vacancy, participant = visibility.open_for(session, employer, proposal_id)
    if not visibility.contact_visible(session, proposal, participant):
        audit.record(session, employer.id, "participant.denied", "participant", participant.id,
                     "skills card")  # fmt: skip
        session.commit()
        raise ForbiddenError()
    audit.record(session, employer.id, "participant.viewed", "participant", participant.id,
                 "skills card")  # fmt: skip
    session.commit()
    return participant
