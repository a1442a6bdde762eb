"""The explanation of one (vacancy, participant) pair: every criterion met / coachable /
missing with the values that decided it, in the reader's language. A criterion has two
wordings of the same decision: `message` for mentors and employers (compact, the values
named), `plain` for the participant's own card (second person, one short sentence, empty
when the card's fact blocks already say it). An explanation is written in one of them
(`plain=True`: the card's): a page shows one, and translating both cost a tenth of a ranked
page."""

from .. import db as portal_db
from ..i18n import _, current_language, day_text, isolate
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


def catalogues_read() -> tuple:
    """The skill and occupation lists an explanation takes its labels from, as of the last
    vocabulary import (the same objects until the next one)."""
    session = portal_db.session()
    return vocab.catalogue(session, "skill"), vocab.catalogue(session, "occupation")


class _Names:
    """Occupation and skill labels in the reader's language, with the locale and the
    vocabulary looked up once per explanation instead of once per line."""

    def __init__(self):
        self.locale = current_language()
        self.skills, self.occupations = catalogues_read()

    def occupation(self, code: str) -> str:
        return self.occupations.name(code, self.locale)

    def skill(self, code: str) -> str | None:
        """None when the skill is in no list any more."""
        return self.skills.label(code, self.locale) if self.skills.find(code) else None


def _certificate(code: str) -> str:
    return catalogues.label(catalogues.CERTIFICATES, code.replace("_", "-"))


def _shift(code: str) -> str:
    return str(pcat.SHIFTS.get(code, code))


class _Say:
    """Writes a criterion in the explanation's one wording. Each wording comes as a function,
    so the other one is never translated."""

    __slots__ = ("plain",)

    def __init__(self, plain: bool):
        self.plain = plain

    def __call__(self, code: str, status: str, message, plain=None) -> Criterion:
        if self.plain:
            return Criterion(code, status, "", plain() if plain else "")
        return Criterion(code, status, message())


def explain(
    v: VacancyFacts, p: ParticipantFacts, km: float | None, on: int, plain: bool = False
) -> list[Criterion]:
    """Every criterion of the pair: met / coachable / missing, with the deciding values, in
    the mentor's wording or (`plain`) the participant's."""
    say = _Say(plain)
    result: list[Criterion] = []
    add = result.append
    if v.close < on:
        add(say("open", MISSING, lambda: _("The vacancy is not open.")))
    if p.endorsed_until >= on:
        add(say("matchable", MET, lambda: _("Endorsed and agreed to be matched.")))
    else:
        add(
            say(
                "matchable",
                MISSING,
                lambda: _("Not endorsed, no consent to matching, or not active."),
            )
        )
    if p.in_job:
        add(say("in_job", MISSING, lambda: _("Already in a job: not matched.")))
    if p.rtw_until >= v.start:
        add(say("right_to_work", MET, lambda: _("Allowed to work on the start date.")))
    else:
        add(say("right_to_work", MISSING, lambda: _("No right to work on the start date.")))
    code = v.licence
    if not code:
        add(say("licence", MET, lambda: _("No driving licence needed.")))
    elif code in p.licences:
        add(
            say(
                "licence",
                MET,
                lambda: _("Driving licence %(code)s: yes.", code=code),
                lambda: _("You have driving licence %(code)s.", code=code),
            )
        )
    else:
        add(
            say(
                "licence",
                MISSING,
                lambda: _("Driving licence %(code)s: missing.", code=code),
                lambda: _("You do not have driving licence %(code)s.", code=code),
            )
        )
    for cert, trains in v.certs:
        add(_certificate_part(say, _certificate(cert), cert_valid(p, cert, v.start), trains))
    result.extend(_availability(say, v, p, km))
    result.extend(_score_parts(say, v, p, _Names()))
    return result


def _certificate_part(say: _Say, name: str, valid: bool, trains: bool) -> Criterion:
    if valid:
        return say(
            "certificate",
            MET,
            lambda: _("%(name)s certificate: valid.", name=name),
            lambda: _("You have this certificate: %(name)s.", name=name),
        )
    if trains:
        return say(
            "certificate",
            COACHABLE,
            lambda: _("%(name)s certificate: missing, employer trains.", name=name),
            lambda: _("You can get this certificate at work: %(name)s.", name=name),
        )
    return say(
        "certificate",
        MISSING,
        lambda: _("%(name)s certificate: missing.", name=name),
        lambda: _("You do not have this certificate: %(name)s.", name=name),
    )


def _availability(say: _Say, v: VacancyFacts, p: ParticipantFacts, km) -> list[Criterion]:
    asked = ", ".join(_shift(s) for s in v.shifts)
    missing = ", ".join(_shift(s) for s in v.shifts if s not in p.shifts)
    hours = {"hours": v.hours, "wanted": p.hours}

    def dates() -> dict:
        return {"available": _date(p.available), "start": _date(v.start)}

    result = [
        say(
            "shifts",
            MISSING,
            lambda: _("Shifts %(asked)s: %(missing)s not possible.", asked=asked, missing=missing),
            lambda: _("You cannot work at some of these times."),
        )
        if missing
        else say(
            "shifts",
            MET,
            lambda: _("Shifts %(asked)s: possible.", asked=asked),
            lambda: _("You can work at these times."),
        ),
        say(
            "hours",
            MET,
            lambda: _("%(hours)d hours a week, %(wanted)d wanted.", **hours),
            lambda: _("The hours fit what you want."),
        )
        if v.hours <= p.hours
        else say(
            "hours",
            MISSING,
            lambda: _("%(hours)d hours a week, more than the %(wanted)d wanted.", **hours),
            lambda: _("These are more hours than you want."),
        ),
    ]
    # The card's place block says how far it is; the plain wording adds only a "too far".
    if km is None:
        result.append(say("distance", MISSING, lambda: _("Distance unknown.")))
    elif km <= p.max_km:
        result.append(
            say(
                "distance",
                MET,
                lambda: _(
                    "%(km)s km straight-line, within %(max)d km.", km=km_text(km), max=p.max_km
                ),
            )
        )
    else:
        result.append(
            say(
                "distance",
                MISSING,
                lambda: _(
                    "%(km)s km straight-line, more than %(max)d km.", km=km_text(km), max=p.max_km
                ),
                lambda: _("This is too far from your home."),
            )
        )
    if p.available <= v.start:
        result.append(
            say(
                "available",
                MET,
                lambda: _("Available from %(available)s, start on %(start)s.", **dates()),
                lambda: _("You can start on time."),
            )
        )
    else:
        result.append(
            say(
                "available",
                MISSING,
                lambda: _("Available only from %(available)s, start on %(start)s.", **dates()),
                lambda: _("The job starts before you can start."),
            )
        )
    result.append(_dutch_part(say, v, p))
    return result


def _dutch_part(say: _Say, v: VacancyFacts, p: ParticipantFacts) -> Criterion:
    levels = {"level": _dutch(p.dutch), "asked": _dutch(v.dutch)}
    if p.dutch >= v.dutch:
        return say(
            "dutch",
            MET,
            lambda: _("Dutch %(level)s, %(asked)s asked.", **levels),
            lambda: _("Your Dutch is good enough for this job."),
        )
    if p.dutch >= v.dutch_min:
        return say(
            "dutch",
            COACHABLE,
            lambda: _("Dutch %(level)s, %(asked)s asked, language coaching offered.", **levels),
            lambda: _("Your Dutch is not quite enough yet. You learn more at work."),
        )
    return say(
        "dutch",
        MISSING,
        lambda: _("Dutch %(level)s, %(asked)s asked: too low.", **levels),
        lambda: _("The job asks for more Dutch than you speak now."),
    )


def _occupation_part(say: _Say, v: VacancyFacts, p: ParticipantFacts, names: _Names) -> Criterion:
    points = occupation_points(v, p)
    if points >= W_SAME:
        return say(
            "occupation",
            MET,
            lambda: _("Same occupation: %(name)s.", name=names.occupation(v.occ)),
            lambda: _("This is a kind of job you like."),
        )
    if points > 0:
        return say(
            "occupation",
            COACHABLE,
            lambda: _(
                "Related occupation: %(name)s, interested in %(own)s.",
                name=names.occupation(v.occ),
                own=", ".join(names.occupation(o) for o in p.occs if v.occ in related_codes(o)),
            ),
            lambda: _("This job is close to a kind of job you like."),
        )
    return say(
        "occupation",
        MISSING,
        lambda: _("Another occupation: %(name)s asked.", name=names.occupation(v.occ)),
        lambda: _("This is another kind of job than you chose."),
    )


def _skill_part(say: _Say, code: str, level: int | None, must: bool, names: _Names) -> Criterion:
    label = names.skill(code)
    kind = "skill_must" if must else "skill_nice"
    if label is None:
        return say(
            kind,
            CHECK,
            lambda: _("A skill that is no longer in the list: check this yourself."),
            lambda: _("Ask your mentor about one skill this job asks."),
        )
    if level is None and must:
        return say(
            kind,
            MISSING,
            lambda: _("%(skill)s (must-have): not observed.", skill=label),
            lambda: _("Your mentor has not seen you do this yet: %(skill)s.", skill=label),
        )
    if level is None:
        return say(
            kind,
            MISSING,
            lambda: _("%(skill)s (nice to have): not observed.", skill=label),
            lambda: _("The employer would also like this: %(skill)s.", skill=label),
        )
    return say(
        kind,
        MET if level >= 2 else COACHABLE,
        lambda: _(
            "%(skill)s: observed, %(level)s.",
            skill=label,
            level=str(pcat.SKILL_LEVELS.get(level, level)),
        ),
        lambda: _plain_level(level, label),
    )


def _typed_part(say: _Say, text: str) -> Criterion:
    """A skill the employer typed that is in no list."""
    return say(
        "skill_other",
        CHECK,
        lambda: _(
            "Typed by the employer, not matched automatically: %(text)s. Check this yourself.",
            text=text,
        ),
        lambda: _("Ask your mentor about this: %(text)s.", text=text),
    )


def _plain_level(level: int, label: str) -> str:
    if level == 1:
        return _("You are learning this: %(skill)s.", skill=label)
    if level == 2:
        return _("You can do this with help: %(skill)s.", skill=label)
    return _("You can do this alone: %(skill)s.", skill=label)


def _support_part(say: _Say, v: VacancyFacts, p: ParticipantFacts) -> Criterion:
    if not p.needs:
        return say("support", MET, lambda: _("No special support needed."))
    met = needs_met(v, p)
    missing = [n for n in p.needs if n not in met]
    if not missing:
        return say(
            "support",
            MET,
            lambda: _("Every support need is met."),
            lambda: _("You get the help you asked for."),
        )
    names = ", ".join(str(pcat.SUPPORT_NEEDS.get(n, n)) for n in missing)
    return say(
        "support",
        COACHABLE if met else MISSING,
        lambda: _("Support not promised: %(needs)s.", needs=names),
        lambda: _("This help is not promised: %(needs)s.", needs=names),
    )


def _score_parts(say: _Say, v: VacancyFacts, p: ParticipantFacts, names: _Names) -> list:
    result = [_occupation_part(say, v, p, names)]
    levels = dict(p.skills)
    for must, codes in ((True, v.must), (False, v.nice)):
        result.extend(_skill_part(say, code, levels.get(code), must, names) for code in codes)
    for text in v.other:
        result.append(_typed_part(say, isolate(text)))
    result.append(_support_part(say, v, p))
    return result
