"""The explanation of one (vacancy, participant) pair: every criterion met / coachable /
missing with the values that decided it, in the reader's language. Each criterion carries
two wordings from the same decision: `message` for mentors and employers (compact, the
values named), `plain` for the participant's own card (second person, one short sentence,
empty when the card's fact blocks already say it)."""

from .. import db as portal_db
from ..i18n import _, day_text, get_locale, isolate
from ..services import catalogues
from ..services import participant_catalogues as pcat
from ..services import vocabulary as vocab
from .fit import km_text
from .results import Criterion
from .rules import (
    CHECK,
    COACHABLE,
    DUTCH_CODES,
    MET,
    MISSING,
    W_SAME,
    ParticipantFacts,
    VacancyFacts,
    cert_valid,
    from_day,
    needs_met,
    occupation_points,
    related_codes,
)


def _date(number: int) -> str:
    value = from_day(number)
    return day_text(value) if value else _("no end date")


def _dutch(rank: int) -> str:
    return DUTCH_CODES[rank] if 0 <= rank < len(DUTCH_CODES) else "?"


class _Names:
    """Occupation and skill labels in the reader's language, with the locale and the
    vocabulary looked up once per explanation instead of once per line."""

    def __init__(self):
        session = portal_db.session()
        self.locale = str(get_locale())
        self.skills = vocab.catalogue(session, "skill")
        self.occupations = vocab.catalogue(session, "occupation")

    def occupation(self, code: str) -> str:
        return self.occupations.name(code, self.locale)

    def skill(self, code: str) -> str | None:
        """None when the skill is in no list any more."""
        return self.skills.label(code, self.locale) if self.skills.find(code) else None


def _certificate(code: str) -> str:
    return catalogues.label(catalogues.CERTIFICATES, code.replace("_", "-"))


def _shift(code: str) -> str:
    return str(pcat.SHIFTS.get(code, code))


def explain(v: VacancyFacts, p: ParticipantFacts, km: float | None, on: int) -> list[Criterion]:
    """Every criterion of the pair: met / coachable / missing, with the deciding values."""
    result: list[Criterion] = []
    add = result.append
    if v.close < on:
        add(Criterion("open", MISSING, _("The vacancy is not open.")))
    if p.endorsed_until >= on:
        add(Criterion("matchable", MET, _("Endorsed and agreed to be matched.")))
    else:
        message = _("Not endorsed, no consent to matching, or not active.")
        add(Criterion("matchable", MISSING, message))
    if p.in_job:
        add(Criterion("in_job", MISSING, _("Already in a job: not matched.")))
    if p.rtw_until >= v.start:
        add(Criterion("right_to_work", MET, _("Allowed to work on the start date.")))
    else:
        add(Criterion("right_to_work", MISSING, _("No right to work on the start date.")))
    if not v.licence:
        add(Criterion("licence", MET, _("No driving licence needed.")))
    elif v.licence in p.licences:
        message = _("Driving licence %(code)s: yes.", code=v.licence)
        add(
            Criterion(
                "licence", MET, message, _("You have driving licence %(code)s.", code=v.licence)
            )
        )
    else:
        message = _("Driving licence %(code)s: missing.", code=v.licence)
        plain = _("You do not have driving licence %(code)s.", code=v.licence)
        add(Criterion("licence", MISSING, message, plain))
    for code, trains in v.certs:
        name = _certificate(code)
        if cert_valid(p, code, v.start):
            message = _("%(name)s certificate: valid.", name=name)
            add(
                Criterion(
                    "certificate",
                    MET,
                    message,
                    _("You have this certificate: %(name)s.", name=name),
                )
            )
        elif trains:
            message = _("%(name)s certificate: missing, employer trains.", name=name)
            plain = _("You can get this certificate at work: %(name)s.", name=name)
            add(Criterion("certificate", COACHABLE, message, plain))
        else:
            message = _("%(name)s certificate: missing.", name=name)
            plain = _("You do not have this certificate: %(name)s.", name=name)
            add(Criterion("certificate", MISSING, message, plain))
    result.extend(_availability(v, p, km))
    result.extend(_score_parts(v, p, _Names()))
    return result


def _availability(v: VacancyFacts, p: ParticipantFacts, km) -> list[Criterion]:
    result = []
    asked = ", ".join(_shift(s) for s in v.shifts)
    not_possible = [s for s in v.shifts if s not in p.shifts]
    if not_possible:
        message = _(
            "Shifts %(asked)s: %(missing)s not possible.",
            asked=asked,
            missing=", ".join(_shift(s) for s in not_possible),
        )
        plain = _("You cannot work at some of these times.")
        result.append(Criterion("shifts", MISSING, message, plain))
    else:
        message = _("Shifts %(asked)s: possible.", asked=asked)
        result.append(Criterion("shifts", MET, message, _("You can work at these times.")))
    values = {"hours": v.hours, "wanted": p.hours}
    if v.hours <= p.hours:
        message = _("%(hours)d hours a week, %(wanted)d wanted.", **values)
        result.append(Criterion("hours", MET, message, _("The hours fit what you want.")))
    else:
        message = _("%(hours)d hours a week, more than the %(wanted)d wanted.", **values)
        plain = _("These are more hours than you want.")
        result.append(Criterion("hours", MISSING, message, plain))
    # The card's place block says how far it is; the plain wording adds only a "too far".
    if km is None:
        result.append(Criterion("distance", MISSING, _("Distance unknown.")))
    elif km <= p.max_km:
        message = _("%(km)s km straight-line, within %(max)d km.", km=km_text(km), max=p.max_km)
        result.append(Criterion("distance", MET, message))
    else:
        message = _("%(km)s km straight-line, more than %(max)d km.", km=km_text(km), max=p.max_km)
        result.append(Criterion("distance", MISSING, message, _("This is too far from your home.")))
    dates = {"available": _date(p.available), "start": _date(v.start)}
    if p.available <= v.start:
        message = _("Available from %(available)s, start on %(start)s.", **dates)
        result.append(Criterion("available", MET, message, _("You can start on time.")))
    else:
        message = _("Available only from %(available)s, start on %(start)s.", **dates)
        plain = _("The job starts before you can start.")
        result.append(Criterion("available", MISSING, message, plain))
    levels = {"level": _dutch(p.dutch), "asked": _dutch(v.dutch)}
    if p.dutch >= v.dutch:
        message = _("Dutch %(level)s, %(asked)s asked.", **levels)
        result.append(
            Criterion("dutch", MET, message, _("Your Dutch is good enough for this job."))
        )
    elif p.dutch >= v.dutch_min:
        message = _("Dutch %(level)s, %(asked)s asked, language coaching offered.", **levels)
        plain = _("Your Dutch is not quite enough yet. You learn more at work.")
        result.append(Criterion("dutch", COACHABLE, message, plain))
    else:
        message = _("Dutch %(level)s, %(asked)s asked: too low.", **levels)
        plain = _("The job asks for more Dutch than you speak now.")
        result.append(Criterion("dutch", MISSING, message, plain))
    return result


def _occupation_part(v: VacancyFacts, p: ParticipantFacts, names: _Names) -> Criterion:
    name = names.occupation(v.occ)
    points = occupation_points(v, p)
    if points >= W_SAME:
        message = _("Same occupation: %(name)s.", name=name)
        return Criterion("occupation", MET, message, _("This is a kind of job you like."))
    if points > 0:
        related = [o for o in p.occs if v.occ in related_codes(o)]
        message = _(
            "Related occupation: %(name)s, interested in %(own)s.",
            name=name,
            own=", ".join(names.occupation(o) for o in related),
        )
        plain = _("This job is close to a kind of job you like.")
        return Criterion("occupation", COACHABLE, message, plain)
    message = _("Another occupation: %(name)s asked.", name=name)
    return Criterion(
        "occupation", MISSING, message, _("This is another kind of job than you chose.")
    )


def _skill_part(code: str, level: int | None, must: bool, names: _Names) -> Criterion:
    label = names.skill(code)
    kind = "skill_must" if must else "skill_nice"
    if label is None:
        message = _("A skill that is no longer in the list: check this yourself.")
        return Criterion(kind, CHECK, message, _("Ask your mentor about one skill this job asks."))
    if level is None:
        if must:
            message = _("%(skill)s (must-have): not observed.", skill=label)
            plain = _("Your mentor has not seen you do this yet: %(skill)s.", skill=label)
        else:
            message = _("%(skill)s (nice to have): not observed.", skill=label)
            plain = _("The employer would also like this: %(skill)s.", skill=label)
        return Criterion(kind, MISSING, message, plain)
    message = _(
        "%(skill)s: observed, %(level)s.",
        skill=label,
        level=str(pcat.SKILL_LEVELS.get(level, level)),
    )
    if level == 1:
        plain = _("You are learning this: %(skill)s.", skill=label)
    elif level == 2:
        plain = _("You can do this with help: %(skill)s.", skill=label)
    else:
        plain = _("You can do this alone: %(skill)s.", skill=label)
    return Criterion(kind, MET if level >= 2 else COACHABLE, message, plain)


def _support_part(v: VacancyFacts, p: ParticipantFacts) -> Criterion:
    if not p.needs:
        return Criterion("support", MET, _("No special support needed."))
    met = needs_met(v, p)
    missing = [n for n in p.needs if n not in met]
    if not missing:
        message = _("Every support need is met.")
        return Criterion("support", MET, message, _("You get the help you asked for."))
    names = ", ".join(str(pcat.SUPPORT_NEEDS.get(n, n)) for n in missing)
    message = _("Support not promised: %(needs)s.", needs=names)
    plain = _("This help is not promised: %(needs)s.", needs=names)
    return Criterion("support", COACHABLE if met else MISSING, message, plain)


def _score_parts(v: VacancyFacts, p: ParticipantFacts, names: _Names) -> list[Criterion]:
    result = [_occupation_part(v, p, names)]
    levels = dict(p.skills)
    for must, codes in ((True, v.must), (False, v.nice)):
        result.extend(_skill_part(code, levels.get(code), must, names) for code in codes)
    for text in v.other:
        message = _(
            "Typed by the employer, not matched automatically: %(text)s. Check this yourself.",
            text=isolate(text),
        )
        plain = _("Ask your mentor about this: %(text)s.", text=isolate(text))
        result.append(Criterion("skill_other", CHECK, message, plain))
    result.append(_support_part(v, p))
    return result
