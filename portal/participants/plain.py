"""The participant's own profile as short plain-language blocks, each with a pictogram.
Built in the current locale; the page builds it a second time in Dutch to show beside it."""

from flask_babel import format_date

from .. import clock
from ..i18n import _, current_language, ngettext
from ..models import OPEN_STAGES, Organisation, Stage, User
from ..services import participant_catalogues as cat
from ..services import vocabulary as vocab
from ..services.participants import consents, endorsements, profiles
from ..services.proposals.meetings import hours_text


def _level(level: int) -> str:
    return {
        1: _("I am learning this."),
        2: _("I can do this with help."),
        3: _("I can do this alone."),
    }[level]


def plain_blocks(session, p) -> list[dict]:
    language = current_language()
    mentor = session.get(User, p.mentor_id)
    organisation = session.get(Organisation, p.organisation_id) if p.organisation_id else None
    blocks = []

    def block(icon, title, lines):
        blocks.append({"icon": icon, "title": title, "lines": [str(x) for x in lines]})

    about = [_("Your mentor is %(name)s.", name=mentor.display_name if mentor else "—")]
    if organisation:
        about.append(_("You work at %(place)s.", place=organisation.name))
    if p.placement_end:
        about.append(_("This job ends on %(date)s.", date=format_date(p.placement_end, "long")))
    block("person", _("You"), about)

    skills = [
        f"{vocab.skill_label(session, row.skill, language)}: {_level(row.level)}"
        for row in profiles.skills_of(session, p)
    ]
    block("tools", _("What you can do"), skills or [_("Nothing written yet.")])

    jobs = [
        vocab.occupation_label(session, code, language)
        for code in profiles.occupations_of(session, p)
    ]
    block("work", _("Jobs you like"), jobs or [_("Nothing written yet.")])

    block(
        "dutch",
        _("Your Dutch"),
        [_("Your level is %(level)s.", level=p.dutch_level)]
        if p.dutch_level
        else [_("Nothing written yet.")],
    )

    travel = []
    if p.home_postcode:
        travel.append(_("You live in %(postcode)s.", postcode=p.home_postcode))
    if p.max_travel_km is not None:
        travel.append(_("You can go %(km)d km far for work.", km=p.max_travel_km))
    block("travel", _("Travel"), travel or [_("Nothing written yet.")])

    time = []
    if p.hours_per_week:
        time.append(
            ngettext(
                "You want to work %(num)d hour a week.",
                "You want to work %(num)d hours a week.",
                p.hours_per_week,
            )
        )
    shifts = [str(cat.SHIFTS[s]) for s in profiles.shifts_of(p)]
    if shifts:
        time.append(_("You can work: %(shifts)s.", shifts=", ".join(shifts)))
    block("clock", _("Time"), time or [_("Nothing written yet.")])

    needs = [str(cat.SUPPORT_NEEDS[n]) for n in profiles.support_needs_of(session, p)]
    block("buddy", _("Help you want at work"), needs or [_("Nothing written yet.")])

    endorsement = endorsements.current_endorsement(session, p)
    ready = endorsement is not None and endorsement.valid_until >= clock.today()
    block(
        "star",
        _("Ready for a job?"),
        [_("Your mentor says: you are ready for a job.")]
        if ready
        else [_("Your mentor has not said yet that you are ready.")],
    )
    consent = consents.current_consent(session, p)
    block(
        "met" if consent else "stop",
        _("Your yes"),
        [_("You said yes. Your mentor may look for jobs for you.")]
        if consent
        else [_("You did not say yes. Nobody looks for jobs for you now.")],
    )
    return blocks


def proposal_lines(row) -> list[str]:
    """One proposal in plain words: where it stands and what happens next."""
    p = row.proposal

    def day(value) -> str:
        return format_date(value, "long") if value else ""

    if p.stage == Stage.PROPOSED and p.interest_at is None:
        lines = [_("Your mentor wants to propose you for this job."), _("Do you want this?")]
    else:
        lines = {
            Stage.PROPOSED: [_("Your mentor proposed you."), _("The employer will answer.")],
            Stage.EMPLOYER_INTERESTED: [_("The employer wants to meet you.")],
            Stage.DECLINED: [_("The employer said no this time.")],
            Stage.INTRO_MEETING: [
                _("You meet the employer on %(date)s %(time)s.", date=day(p.meeting_on),
                  time=hours_text(p)),
                _("Place: %(place)s", place=p.meeting_place),
            ],
            Stage.TRIAL: [
                _("You work on trial from %(start)s to %(end)s.", start=day(p.trial_start),
                  end=day(p.trial_end)),
            ],
            Stage.HIRED: [_("You got the job! You start on %(date)s.", date=day(p.hire_start))],
            Stage.NOT_HIRED: [_("It did not work out this time.")],
            Stage.WITHDRAWN: [_("This proposal is stopped.")],
        }[Stage(p.stage)]  # fmt: skip
    if p.stage in OPEN_STAGES:
        lines.append(
            _("The employer can see your name and phone.")
            if row.contact
            else _("The employer does not see your name and phone.")
        )
    return [str(line) for line in lines]
