"""A matched opening as a card in plain language: short sentences, one idea per block, a
pictogram for each block. Built in the current locale; with the side-by-side option the page
builds each card a second time in Dutch (portal.i18n.with_dutch)."""

from functools import lru_cache

from sqlalchemy import Row
from sqlmodel import Session

from .. import vocabulary
from ..i18n import _, current_language, day_text, ngettext, with_dutch
from ..matching.fit import km_text
from ..models.vacancies import shifts_of
from ..services import catalogues
from ..services import participant_catalogues as pcat
from ..services.vacancies import browse

# Criteria the participant's card leaves out: always met for anyone who gets openings.
HIDDEN_CRITERIA = frozenset({"matchable", "open", "in_job", "right_to_work"})
CLOSE_KM = 1  # nearer than this, "close to your home" says more than "0 km"


def _block(icon: str, title, lines) -> dict:
    return {"icon": icon, "title": str(title), "lines": [str(line) for line in lines]}


def fact_blocks(v: Row, distance_km) -> list[dict]:
    """The key facts of the job, one block each, from its summary (browse.summaries). All but
    the place depend on nothing else than the summary and the language, so they are written
    once per process and vacancy for every participant who sees it (forty sentences a card)
    and copied here (with_dutch adds to them)."""
    kept = [dict(block) for block in _vacancy_blocks(v, current_language())]
    return kept[:3] + [_place_block(v, distance_km)] + kept[3:]


def _place_block(v: Row, distance_km) -> dict:
    place = [_("The work is in %(town)s.", town=v.town or v.postcode)]
    if distance_km is None:
        place.append(_("We do not know how far this is from your home."))
    elif distance_km < CLOSE_KM:
        place.append(_("The workplace is close to your home."))
    else:
        place.append(_("The workplace is about %(km)s km from your home.", km=km_text(distance_km)))
    return _block("place", _("Place"), place)


@lru_cache(maxsize=4096)
def _vacancy_blocks(v: Row, _language: str) -> tuple[dict, ...]:
    """The job, hours, shifts, Dutch, licence and help of a vacancy, in the current language."""
    job = vocabulary.label(vocabulary.occupation(v.occupation_code), current_language())
    shifts = ", ".join(str(pcat.SHIFTS[s]) for s in shifts_of(v))
    dutch = [_("The job asks Dutch level %(level)s.", level=v.dutch_level_code)]
    if v.language_coaching:
        dutch.append(_("The employer helps you learn Dutch at work."))
    licence = (
        _("You need driving licence %(code)s.", code=v.licence_category)
        if v.licence_category
        else _("You do not need a driving licence.")
    )
    return (
        _block(
            "work",
            _("The job"),
            [
                _("You work as: %(job)s.", job=job or v.title),
                _("The employer is %(name)s.", name=v.employer),
            ],
        ),
        _block(
            "clock",
            _("Hours"),
            [
                ngettext("%(num)d hour a week.", "%(num)d hours a week.", v.hours_per_week),
                _("You start on %(date)s.", date=day_text(v.start_date, "long")),
            ],
        ),
        _block("shift", _("When you work"), [_("Work times: %(shifts)s.", shifts=shifts)]),
        _block("dutch", _("Dutch"), dutch),
        _block("licence", _("Driving licence"), [licence]),
        _block("buddy", _("Help at work"), commitment_lines(browse.commitment_in(v))),
    )


def commitment_lines(c) -> list[str]:
    """The employer's mentoring commitment (or a summary row's) in simple words."""
    if c is None:
        return [_("The employer did not write down the help yet.")]
    lines = [
        _("A colleague helps you: the %(role)s.", role=c.buddy_role),
        ngettext(
            "You work %(num)d hour a week with this colleague.",
            "You work %(num)d hours a week with this colleague.",
            c.buddy_hours_per_week,
        ),
        ngettext("This help lasts %(num)d month.", "This help lasts %(num)d months.", c.months),
    ]
    if c.language_coach:
        lines.append(_("You get help with Dutch at work."))
    if c.visual_instructions:
        lines.append(_("They show the work with pictures."))
    if c.trial_weeks:
        lines.append(
            ngettext(
                "First you try the job for %(num)d week.",
                "First you try the job for %(num)d weeks.",
                c.trial_weeks,
            )
        )
    rhythm = catalogues.label(catalogues.AFTERCARE_RHYTHMS, c.aftercare_rhythm)
    lines.append(_("Your mentor asks how it goes: %(when)s.", when=rhythm.lower()))
    return lines


def fit_blocks(criteria) -> list[dict]:
    """Why it fits and what is missing, from the match explanation in its plain wording:
    second person, one sentence a line, nothing the fact blocks above already say."""
    shown = [c for c in criteria if c.code not in HIDDEN_CRITERIA and c.plain]
    groups = (
        ("met", "met", _("This fits you")),
        ("coachable", "learn", _("You can learn this at work")),
        ("missing", "missing", _("This is missing")),
    )
    return [
        _block(icon, title, [c.plain for c in shown if c.status == status]) | {"status": status}
        for status, icon, title in groups
        if any(c.status == status for c in shown)
    ]


def opening_cards(db: Session, matches) -> list[dict]:
    """One card per match: title, its blocks (each with Dutch beside it on request)."""
    details = browse.summaries(db, [m.vacancy_id for m in matches])
    cards = []
    for m in matches:
        if m.vacancy_id not in details:
            continue
        v = details[m.vacancy_id]

        def build(m=m, v=v):
            return fact_blocks(v, m.distance_km) + fit_blocks(m.criteria.plain())

        cards.append(
            {
                "vacancy": v,
                "employer": v.employer,
                "match": m,
                "blocks": with_dutch(build),
            }
        )
    return cards
