"""Match pages. Employers see candidates as pseudonymised profiles (no name, contact,
nationality or right-to-work status); mentors see only their own participants."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import bindparam
from sqlmodel import col, select

from .. import db, paging
from ..access import roles
from ..i18n import _, _l, current_language, dutch_beside
from ..matching import service as matching
from ..models import Organisation, Participant, Reaction, Role, Vacancy
from ..row_links import ROW, row_link
from ..services import participant_catalogues as cat
from ..services import reactions
from ..services import vocabulary as vocab
from ..services.errors import ServiceError
from ..services.participants import no_openings, opening
from ..services.proposals.candidate_view import pseudonym
from ..services.vacancies import lifecycle
from . import bp
from .card_html import CardPage
from .cards import opening_cards
from .forms import MatchFilterForm, ReactionForm, SearchForm, reason_choices

PAGE_SIZE = 20


def _filters() -> tuple[MatchFilterForm, paging.Pager, dict]:
    form = MatchFilterForm(request.args)
    args = {"same_occupation": "y"} if form.validate() and form.same_occupation.data else {}
    return form, paging.requested(PAGE_SIZE), args


def _candidates_page(vacancy: Vacancy, mentor_id: int | None, template: str):
    form, pages, args = _filters()
    result = matching.candidates_for_vacancy(
        db.session(),
        vacancy.id,
        mentor_id=mentor_id,
        offset=pages.offset,
        limit=PAGE_SIZE,
        same_occupation=bool(args),
    )
    profiles = _profiles(result.items)
    return _render(
        template,
        result,
        form,
        pages,
        args,
        vacancy=vacancy,
        profiles=profiles,
        names=_own_names(mentor_id, list(profiles)),
        for_employer=mentor_id is None,
        private=matching.PRIVATE_CRITERIA,
    )


def _own_names(mentor_id: int | None, participant_ids: list[int]) -> dict[int, str]:
    """A mentor knows their own people: their candidates carry a name, not a pseudonym."""
    if mentor_id is None or not participant_ids:
        return {}
    own = select(Participant).where(
        col(Participant.id).in_(participant_ids), Participant.mentor_id == mentor_id
    )
    return {p.id: f"{p.first_name} {p.last_name}" for p in db.session().exec(own)}


def _render(template, result, form, pages, args, **context):
    """A ranked match page with its filter form and pager."""
    return render_template(
        template, result=result, form=form, pages=pages.counted(result.total), args=args, **context
    )


def _profiles(matches) -> dict[int, dict]:
    """What each candidate card shows, from the facts the index matched on (no query per
    row): never a name, contact, nationality or residence."""
    skills, locale = vocab.catalogue(db.session(), "skill"), current_language()
    return {
        m.participant_id: {
            "pseudonym": pseudonym(m.participant_id),
            "dutch": cat.DUTCH_LEVELS[m.participant.dutch] if 0 <= m.participant.dutch < 6 else "?",
            "skills": [
                (skills.name(code, locale), cat.SKILL_LEVELS.get(level))
                for code, level in m.participant.skills
            ],
        }
        for m in matches
    }


@bp.route("/employer/vacancies/<int:vacancy_id>/candidates")
@roles("employer")
def employer_candidates(vacancy_id: int):
    session = db.session()
    vacancy = session.get(Vacancy, vacancy_id) or abort(404)
    if vacancy.organisation_id != current_user.organisation_id:
        abort(403)
    return _candidates_page(vacancy, None, "matches/candidates.html")


@bp.route("/mentor/vacancies/<int:vacancy_id>/candidates")
@roles("mentor")
def mentor_candidates(vacancy_id: int):
    vacancy = db.session().get(Vacancy, vacancy_id) or abort(404)
    if not lifecycle.is_open(vacancy):
        abort(404)
    return _candidates_page(vacancy, current_user.id, "matches/candidates.html")


# What an opening row shows of its vacancy (built once: building cost more than running)
_OPENING_ROWS = select(Vacancy.id, Vacancy.title, Vacancy.postcode, Vacancy.town).where(
    col(Vacancy.id).in_(bindparam("ids", expanding=True))
)


def _openings(participant: Participant, template: str):
    form, pages, args = _filters()
    session = db.session()
    result = matching.openings_for_participant(
        session,
        participant.id,
        offset=pages.offset,
        limit=PAGE_SIZE,
        same_occupation=bool(args),
    )
    ids = [m.vacancy_id for m in result.items]
    found = {v.id: v for v in session.exec(_OPENING_ROWS, params={"ids": ids})}
    answers = reactions.reactions_of(session, participant.id)
    context = {"vacancies": found, "answers": answers}
    hire = matching.current_job(session, participant.id)
    context["job"] = session.get(Vacancy, hire.vacancy_id) if hire else None
    found = no_openings.reasons(session, participant) if not result.total and not hire else []
    context["empty_reasons"] = no_openings.for_mentor(found)
    return _render(template, result, form, pages, args, participant=participant, **context)


@bp.route("/mentor/participants/<int:participant_id>/openings")
@roles("mentor")
def mentor_openings(participant_id: int):
    p = opening.open_participant(db.session(), current_user, participant_id)
    return _openings(p, "matches/openings.html")


CARDS_STEP = 12  # cards per "Show more jobs": a handful at a time, no numbered pages
CARDS_MAX = matching.MAX_LIMIT


CARDS_STEPS_MAX = -(-CARDS_MAX // CARDS_STEP)  # the step that reaches CARDS_MAX


def _cards_steps() -> int:
    """How many steps of cards `?more=N` asks for: at least one, at most CARDS_STEPS_MAX."""
    return min(max(request.args.get("more", type=int) or 1, 1), CARDS_STEPS_MAX)


def _cards_page(participant: Participant, endpoint: str):
    """The participant's openings as plain-language cards, for the participant or their
    mentor at their side; "not for me" ones only with `?hidden=1`; "Show more jobs" adds
    CARDS_STEP cards at a time (`?more=N`)."""
    session = db.session()
    hire, proposed = matching.job_and_open_proposals(session, participant.id)
    if hire is not None:
        return _job_page(session, participant, hire)
    show_hidden = request.args.get("hidden") == "1"
    steps = _cards_steps()
    limit = min(steps * CARDS_STEP, CARDS_MAX)
    result = matching.openings_for_participant(session, participant.id, limit=limit)
    answers = reactions.reactions_of(session, participant.id)
    hidden = {vid for vid, row in answers.items() if row.reaction == Reaction.NOT_FOR_ME} & {
        m.vacancy_id for m in result.items
    }
    shown = [m for m in result.items if show_hidden or m.vacancy_id not in hidden]
    side = dutch_beside()
    reason_label_text, reason_options = reason_choices()
    base = {"participant_id": participant.id} if endpoint == "matches.mentor_opening_cards" else {}
    keep_side = {"side": "nl"} if side else {}
    keep_hidden = {"hidden": "1"} if show_hidden else {}
    keep_more = {"more": str(steps)} if steps > 1 else {}
    links = {
        "side_on": url_for(endpoint, **base, **keep_hidden, **keep_more, side="nl"),
        "side_off": url_for(endpoint, **base, **keep_hidden, **keep_more),
        "hidden_on": url_for(endpoint, **base, **keep_side, **keep_more, hidden="1"),
        "hidden_off": url_for(endpoint, **base, **keep_side, **keep_more),
    }
    if result.total > limit and limit < CARDS_MAX:
        more = url_for(endpoint, **base, **keep_side, **keep_hidden, more=str(steps + 1))
        links["more"] = f"{more}#card-{len(shown) + 1}"
    found = no_openings.reasons(session, participant) if not result.total else []
    card_page = CardPage(
        for_participant=current_user.role == Role.PARTICIPANT,
        token=generate_csrf(),
        side=side,
        back=request.full_path,
        # the react links keep the page's query
        react_link=row_link(
            "matches.react",
            participant_id=participant.id,
            vacancy_id=ROW,
            **keep_side,
            **keep_hidden,
            **keep_more,
        ),
        reason_label=reason_label_text,
        reason_options=reason_options,
        answers=answers,
        proposed=proposed,
    )
    return render_template(
        "matches/cards.html",
        participant=participant,
        empty_reasons=no_openings.for_participant(found),
        cards=opening_cards(session, shown),
        card_page=card_page,
        hidden_count=len(hidden),
        show_hidden=show_hidden,
        side=side,
        links=links,
        at_most=CARDS_MAX if limit == CARDS_MAX and result.total > limit else 0,
    )


def _job_page(session, participant: Participant, hire):
    """In a job: the job they got instead of openings (no "I am interested" buttons)."""
    vacancy = session.get(Vacancy, hire.vacancy_id)
    organisation = session.get(Organisation, vacancy.organisation_id)
    return render_template(
        "matches/in_job.html",
        participant=participant,
        vacancy=vacancy,
        organisation=organisation,
        start=format_date(hire.hire_start, "long") if hire.hire_start else "",
    )


@bp.route("/me/openings")
@roles("participant")
def my_openings():
    session = db.session()
    p = opening.own_participant(session, current_user)
    if p is None:
        abort(404)
    opening.open_participant(session, current_user, p.id)
    return _cards_page(p, "matches.my_openings")


@bp.route("/mentor/participants/<int:participant_id>/openings/cards")
@roles("mentor")
def mentor_opening_cards(participant_id: int):
    p = opening.open_participant(db.session(), current_user, participant_id)
    return _cards_page(p, "matches.mentor_opening_cards")


@bp.route("/openings/<int:participant_id>/<int:vacancy_id>/react", methods=["POST"])
@roles("participant", "mentor")
def react(participant_id: int, vacancy_id: int):
    """ "I am interested" / "Not for me", by the participant or their mentor at their side."""
    form = ReactionForm(prefix=f"v{vacancy_id}-")
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        flash(_("Choose “I am interested” or “Not for me”."), "error")
    else:
        try:
            row = reactions.react(
                db.session(),
                current_user,
                participant_id,
                vacancy_id,
                form.reaction.data,
                form.reason.data,
            )
        except ServiceError as error:
            db.session().rollback()
            flash(error.message, "error")
        else:
            flash(str(REACTION_DONE[row.reaction][current_user.role == Role.MENTOR]), "success")
    back = {k: v for k, v in request.args.items() if k in ("side", "hidden") and v in ("nl", "1")}
    steps = _cards_steps()
    if steps > 1:
        back["more"] = str(steps)
    if current_user.role == Role.MENTOR:
        back["participant_id"] = participant_id
        return redirect(url_for("matches.mentor_opening_cards", **back))
    return redirect(url_for("matches.my_openings", **back))


REACTION_DONE = {
    Reaction.INTERESTED: (
        _l("Thank you. Your mentor knows you are interested."),
        _l("Saved: interested. You can propose the participant now."),
    ),
    Reaction.NOT_FOR_ME: (
        _l("Thank you. We do not show this job any more. Your mentor knows."),
        _l("Saved: not for me. The job is hidden."),
    ),
}


@bp.route("/mentor/search")
@roles("mentor")
def search():
    form = SearchForm(request.args)
    total, ids, pages = 0, [], paging.requested(PAGE_SIZE)
    if form.validate() and (form.q.data or "").strip():
        total, ids = matching.search_vacancies(
            db.session(), form.q.data, offset=pages.offset, limit=PAGE_SIZE
        )
    session = db.session()
    found = {v.id: v for v in session.exec(select(Vacancy).where(col(Vacancy.id).in_(ids)))}
    return render_template(
        "matches/search.html",
        form=form,
        total=total,
        rows=[found[i] for i in ids if i in found],
        pages=pages.counted(total),
    )
