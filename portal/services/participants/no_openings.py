"""Why a participant has no openings, in words: an empty list must not leave the participant
or the mentor guessing. The reasons follow the matching rules (portal.matching.rules): first
what keeps the person out of the matching altogether, then which hard filters every open
vacancy fails."""

from collections import Counter
from dataclasses import dataclass, field

from flask_babel import format_date
from sqlmodel import Session

from ... import clock
from ...i18n import _
from ...matching import documents
from ...matching.rules import day, from_day, hard_failures
from ...models import Participant
from .. import caseload

# Hard filters in the order they are named; "matchable" is the person's state, said above.
FILTERS = ("right_to_work", "licence", "certificates", "shifts", "hours", "distance", "dutch")


@dataclass(frozen=True)
class Reason:
    code: str  # incomplete | inactive | not_endorsed | endorsement_expired | no_consent |
    #            in_job | right_to_work | available_late | filters | no_vacancies
    filters: tuple[str, ...] = ()  # for "filters": the hard filters that keep every one out
    on: object = field(default=None)  # a date the words need (endorsement end, first day)


def reasons(db: Session, participant: Participant) -> list[Reason]:
    """Every reason why this participant gets no openings now (empty: they have some, or
    nothing stops them)."""
    case = caseload.case_facts(db, [participant])[0]
    found = []
    if case.in_job:
        found.append(Reason("in_job"))
    if not participant.active:
        found.append(Reason("inactive"))
    if case.missing:
        found.append(Reason("incomplete"))
    if case.endorsement is None:
        found.append(Reason("not_endorsed"))
    elif not case.endorsed:
        found.append(Reason("endorsement_expired", on=case.endorsement.valid_until))
    if case.consent is None:
        found.append(Reason("no_consent"))
    if not found and not case.right_to_work_ok:
        found.append(Reason("right_to_work"))
    return found or _vacancy_reasons(db, participant)


def _vacancy_reasons(db: Session, participant: Participant) -> list[Reason]:
    """The person may be matched: say which hard filters every open vacancy fails."""
    p = documents.one_participant(db, participant.id)
    today = day(clock.today())
    vacancies = [facts for facts, _text in documents.iter_vacancy_facts(db) if facts.close >= today]
    if p is None or not vacancies:
        return [Reason("no_vacancies")]
    failures = [set(hard_failures(v, p, today)) - {"matchable"} for v in vacancies]
    if any(not failed for failed in failures):
        return []  # at least one passes: the index just has not caught up yet
    if p.available > max(v.start for v in vacancies):
        return [Reason("available_late", on=from_day(p.available))]
    counts = Counter(code for failed in failures for code in failed if code != "available")
    blocking = tuple(code for code in FILTERS if counts[code])
    if counts.get("available") or not blocking:
        blocking += ("available",)
    return [Reason("filters", filters=blocking, on=from_day(p.available))]


def _when(value) -> str:
    return format_date(value, "long") if value else ""


def for_participant(found: list[Reason]) -> list[str]:
    """The reasons in plain words for the participant: second person, one line each."""
    lines = []
    for reason in found:
        if reason.code == "filters":
            lines.append(_("No job fits you now."))
            lines += [str(PARTICIPANT_FILTERS[code]()) for code in reason.filters]
        elif reason.code in ("endorsement_expired", "available_late"):
            lines.append(PARTICIPANT_WORDS[reason.code](_when(reason.on)))
        else:
            lines.append(PARTICIPANT_WORDS[reason.code](""))
    return [str(line) for line in lines]


def for_mentor(found: list[Reason]) -> list[str]:
    """The reasons for the mentor: the rule that keeps the participant out, by name."""
    lines = []
    for reason in found:
        if reason.code == "filters":
            names = ", ".join(str(MENTOR_FILTERS[code]()) for code in reason.filters)
            lines.append(
                _(
                    "No published vacancy passes the hard filters. Blocking: %(filters)s.",
                    filters=names,
                )
            )
        else:
            lines.append(MENTOR_WORDS[reason.code](_when(reason.on)))
    return [str(line) for line in lines]


PARTICIPANT_WORDS = {
    "in_job": lambda _on: _("You have a job now. We do not look for other jobs."),
    "inactive": lambda _on: _("Your page is not active now. Talk to your mentor."),
    "incomplete": lambda _on: _(
        "Your profile is not complete yet. Your mentor fills it in with you."
    ),
    "not_endorsed": lambda _on: _("Your mentor has not said yet that you are ready for a job."),
    "endorsement_expired": lambda on: _(
        "Your mentor said you were ready until %(date)s. Your mentor can say it again.", date=on
    ),
    "no_consent": lambda _on: _(
        "You did not say yes to looking for jobs. You can say yes on My page."
    ),
    "right_to_work": lambda _on: _("Your papers do not allow work now. Talk to your mentor."),
    "available_late": lambda on: _(
        "You can start on %(date)s. All jobs now start before that day.", date=on
    ),
    "no_vacancies": lambda _on: _(
        "There are no open jobs now. Your mentor will tell you when there are."
    ),
}

PARTICIPANT_FILTERS = {
    "right_to_work": lambda: _("Your papers do not allow work on the first day of these jobs."),
    "licence": lambda: _("Some jobs ask for a driving licence you do not have."),
    "certificates": lambda: _("Some jobs ask for a certificate you do not have."),
    "shifts": lambda: _("Some jobs have work times you cannot work."),
    "hours": lambda: _("Some jobs have more hours than you want."),
    "distance": lambda: _("Some jobs are too far from your home."),
    "dutch": lambda: _("Some jobs ask for more Dutch."),
    "available": lambda: _("Some jobs start before you can start."),
}

MENTOR_WORDS = {
    "in_job": lambda _on: _("In a job: people in a job are not matched."),
    "inactive": lambda _on: _("The participant is not active."),
    "incomplete": lambda _on: _("The profile is not complete: only complete profiles are matched."),
    "not_endorsed": lambda _on: _("Not endorsed: only endorsed participants get openings."),
    "endorsement_expired": lambda on: _(
        "The endorsement ended on %(date)s. Renew it to match again.", date=on
    ),
    "no_consent": lambda _on: _("No consent to matching: the participant has not said yes."),
    "right_to_work": lambda _on: _("No right to work today: not matched."),
    "available_late": lambda on: _(
        "Available only from %(date)s, after every open vacancy starts.", date=on
    ),
    "no_vacancies": lambda _on: _("There is no published vacancy open now."),
}

MENTOR_FILTERS = {
    "right_to_work": lambda: _("right to work on the start date"),
    "licence": lambda: _("driving licence"),
    "certificates": lambda: _("certificates"),
    "shifts": lambda: _("shifts"),
    "hours": lambda: _("hours"),
    "distance": lambda: _("distance"),
    "dutch": lambda: _("Dutch level"),
    "available": lambda: _("available from"),
}
