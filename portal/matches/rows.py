"""One ranked match as a card section, written in Python like its explanation: a page of
twenty rows drew three macros, two links and a dozen translations per row, and the macro
calls alone cost more than the match query. Every value is escaped."""

from markupsafe import Markup, escape

from ..i18n import _
from ..row_links import ROW, row_link
from ..services import reactions
from .explanations import criteria_html


def fit_html(fit) -> Markup:
    """The fit level in words (portal.matching.fit.Fit), with the must-haves still missing."""
    gap = " · " + _("Missing: %(skills)s.", skills=", ".join(fit.gap)) if fit.gap else ""
    return Markup(  # noqa: S704 - every value escaped
        f'<p class="fit fit--{escape(fit.level)}"><strong>{escape(fit.label)}</strong>: '
        f"{escape(fit.words)}{escape(gap)}</p>"
    )


def _section(heading: Markup, m, lines: list, hide, propose: str | None) -> str:
    parts = ['<section class="card">', f"  <h2>{heading}</h2>", f"  {fit_html(m.fit())}"]
    parts += [f"  {line}" for line in lines]
    parts.append(f"  {criteria_html(m.criteria, hide)}")
    if propose:
        label = escape(_("Propose"))
        parts.append(
            f'  <p><a class="button button--small" href="{escape(propose)}">{label}</a></p>'
        )
    parts.append("</section>")
    return "\n".join(parts)


def opening_rows(matches, participant_id: int, vacancies: dict, answers: dict):
    """A participant's openings for their mentor: the job, the fit, where, what the
    participant answered, why, and a button to propose them."""
    sections = []
    detail = row_link("vacancies.detail", vacancy_id=ROW)
    proposal = row_link("proposals.new", participant_id=participant_id, vacancy_id=ROW)
    for m in matches:
        v = vacancies.get(m.vacancy_id)
        title = escape(v.title if v else m.vacancy_id)
        link = escape(detail(m.vacancy_id))
        lines = [f"<p>{escape(v.postcode)} {escape(v.town)}</p>"] if v else []
        answer = answers.get(m.vacancy_id)
        if answer and answer.reaction == "interested":
            said = escape(_("The participant is interested"))
            lines.append(f'<p><span class="tag tag--endorsed">{said}</span></p>')
        elif answer:
            said = escape(_("The participant said: not for me"))
            reason = reactions.reason_sentence(answer)
            lines.append(f'<p><span class="tag tag--overdue">{said}</span>{escape(reason)}</p>')
        heading = Markup(f'<a href="{link}">{title}</a>')  # noqa: S704
        sections.append(_section(heading, m, lines, (), proposal(m.vacancy_id)))
    return Markup("\n".join(sections))  # noqa: S704 - built from escaped parts


def candidate_rows(matches, vacancy_id: int, profiles: dict, names: dict, hide, propose: bool):
    """A vacancy's candidates: a name for the mentor's own people, a pseudonym otherwise,
    the fit, Dutch, observed skills, why, and for mentors a button to propose them."""
    sections = []
    dutch, skills_label = escape(_("Dutch")), escape(_("Skills"))
    proposal = row_link("proposals.new", participant_id=ROW, vacancy_id=vacancy_id)
    for m in matches:
        profile = profiles[m.participant_id]
        name = names.get(m.participant_id) or _("Candidate #%(code)s", code=profile["pseudonym"])
        lines = [f"<p>{dutch}: {escape(profile['dutch'])}</p>"]
        if profile["skills"]:
            skills = ", ".join(f"{label} ({level})" for label, level in profile["skills"])
            lines.append(f"<p>{skills_label}: {escape(skills)}</p>")
        link = proposal(m.participant_id) if propose else None
        sections.append(_section(escape(name), m, lines, hide, link))
    return Markup("\n".join(sections))  # noqa: S704 - built from escaped parts
