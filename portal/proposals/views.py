"""Proposal pages. Views parse forms, call portal.services.proposals, render; every rule
(who may, in which order, with which values) lives in the service."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from .. import db
from ..access import roles, safe_next
from ..forms import ActionForm, attach_errors, db_id, flag_personal
from ..i18n import _, _l, current_language
from ..matching import service as matching
from ..models import OPEN_STAGES, Role, Stage, User
from ..services import reactions
from ..services.errors import ServiceError
from ..services.proposals import (
    boards,
    candidate_view,
    meeting_invites,
    meetings,
    sharing,
    stage_rules,
    visibility,
    workflow,
)
from . import bp
from .forms import CHANGE_MEETING_LABEL, STEP_FORMS, NoteForm, ProposeForm


def _step_forms(proposal, posted: str | None = None) -> dict:
    """The forms of the steps possible from this stage (the posted one keeps its input; the
    form of the current stage, changing the meeting, starts from what is planned)."""
    stage = proposal.stage
    return {
        to: STEP_FORMS[to][0](
            prefix=str(to),
            formdata=None if to != posted else request.form,
            obj=proposal if to == stage else None,
        )
        for to in sorted(stage_rules.TRANSITIONS.get(stage, ()), key=list(STEP_FORMS).index)
    }


def _step_labels(stage: str) -> dict:
    labels = {to: label for to, (_form, label) in STEP_FORMS.items()}
    if stage == Stage.INTRO_MEETING:
        labels[stage] = CHANGE_MEETING_LABEL
    return labels


def _employer_page(proposal_id: int, forms: dict | None = None):
    session = db.session()
    proposal, vacancy, participant = visibility.open_for(session, current_user, proposal_id)
    candidate_view.record_employer_view(session, current_user, participant)
    return render_template(
        "proposals/employer_detail.html",
        proposal=proposal,
        vacancy=vacancy,
        candidate=candidate_view.candidate(
            session, proposal, vacancy, participant, current_language()
        ),
        explanation=matching.for_employer(
            matching.evaluate_pair(session, vacancy.id, participant.id).criteria
        ),
        mentor=session.get(User, proposal.mentor_id),
        events=boards.events_of(session, proposal),
        forms=forms if forms is not None else _step_forms(proposal),
        step_labels=_step_labels(proposal.stage),
        labels=stage_rules,
        meeting_hours=meetings.hours_text(proposal),
        meeting_file=meetings.is_upcoming(proposal),
    )


# --- employer -----------------------------------------------------------------------------


@bp.route("/inbox")
@roles("employer")
def inbox():
    vacancy_id = request.args.get("vacancy", type=db_id)
    return render_template(
        "proposals/inbox.html",
        groups=boards.employer_inbox(db.session(), current_user, vacancy_id),
        filtered=vacancy_id is not None,
    )


@bp.route("/<int:proposal_id>/employer")
@roles("employer")
def employer_detail(proposal_id: int):
    return _employer_page(proposal_id)


@bp.route("/<int:proposal_id>/step/<stage>", methods=["POST"])
@roles("employer")
def step(proposal_id: int, stage: str):
    if stage not in STEP_FORMS:
        abort(404)
    session = db.session()
    proposal, _vacancy, _participant = visibility.open_for(session, current_user, proposal_id)
    form = STEP_FORMS[stage][0](prefix=stage)
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        forms = _step_forms(proposal) | {stage: form}
        return _employer_page(proposal_id, forms)
    try:
        workflow.advance(session, current_user, proposal_id, stage, form.data)
    except ServiceError as error:
        session.rollback()
        if error.field and hasattr(form, error.field):
            attach_errors(form, {error.field: error.message})
            forms = _step_forms(proposal) | {stage: form}
            return _employer_page(proposal_id, forms)
        flash(error.message, "error")
        return redirect(url_for("proposals.employer_detail", proposal_id=proposal_id))
    flash(_("Saved: %(stage)s.", stage=stage_rules.STAGE_LABELS[Stage(stage)]), "success")
    return redirect(url_for("proposals.employer_detail", proposal_id=proposal_id))


# --- mentor -------------------------------------------------------------------------------


@bp.route("/")
@roles("mentor")
def board():
    return render_template(
        "proposals/board.html",
        board=boards.mentor_board(db.session(), current_user),
        interested=reactions.waiting_for_proposal(db.session(), current_user),
        labels=stage_rules.STAGE_LABELS,
        open_stages=OPEN_STAGES,
    )


@bp.route("/new", methods=["GET", "POST"])
@roles("mentor")
def new():
    session = db.session()
    form = ProposeForm(data=None if request.method == "POST" else request.args)
    mine = {p.id: p for p in candidate_view.proposable_participants(session, current_user)}
    form.participant_id.choices = [("", _("— choose —"))] + [
        (p.id, f"{p.first_name} {p.last_name}".strip()) for p in mine.values()
    ]
    form.vacancy_id.choices = [("", _("— choose —"))] + [
        (v.id, f"{v.title} — {o.name} ({v.town})")
        for v, o in candidate_view.open_vacancies(session)
    ]
    if form.validate_on_submit() and not flag_personal(
        form, mine.get(form.participant_id.data), "motivation"
    ):
        try:
            proposal = workflow.propose(
                session,
                current_user,
                form.participant_id.data,
                form.vacancy_id.data,
                form.motivation.data,
                interest_with_mentor=form.interest_with_mentor.data,
                share_contact_with_mentor=form.share_contact.data,
                override_reason=form.override_reason.data,
            )
        except ServiceError as error:
            session.rollback()
            attach_errors(form, {error.field or "vacancy_id": error.message})
        else:
            flash(_("The proposal is made."), "success")
            return redirect(url_for("proposals.mentor_detail", proposal_id=proposal.id))
    return render_template("proposals/new.html", form=form)


@bp.route("/<int:proposal_id>")
@roles("mentor", "coordinator")
def mentor_detail(proposal_id: int):
    session = db.session()
    proposal, vacancy, participant = visibility.open_for(session, current_user, proposal_id)
    return render_template(
        "proposals/mentor_detail.html",
        proposal=proposal,
        vacancy=vacancy,
        participant=participant,
        contact=visibility.contact_consent(session, proposal, participant) is not None,
        events=boards.events_of(session, proposal),
        action_form=ActionForm(),
        note_form=NoteForm(),
        labels=stage_rules,
        is_open=proposal.stage in OPEN_STAGES,
        meeting_hours=meetings.hours_text(proposal),
        meeting_file=meetings.is_upcoming(proposal) and current_user.role == Role.MENTOR,
    )


@bp.route("/<int:proposal_id>/meeting.ics")
@roles("employer", "mentor")
def meeting_file(proposal_id: int):
    """The planned meeting as a calendar file (the invitation mail brings the same entry)."""
    name, data = meeting_invites.download(
        db.session(), current_user, proposal_id, current_language()
    )
    response = Response(data, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- the participant, or the mentor at their side -----------------------------------------

PARTICIPANT_ACTIONS = {
    "interest": (workflow.record_interest, _l("Thank you. The employer sees the proposal now.")),
    "share": (
        workflow.share_contact,
        _l("Thank you. The employer can see your name and contact now."),
    ),
    "unshare": (
        sharing.withdraw_share,
        _l("The employer no longer sees your name and contact."),
    ),
}


def _back(proposal_id: int):
    """Participants answer on My page or on the job's card: back to where they answered."""
    if current_user.role == Role.PARTICIPANT:
        home = url_for("participants.home") + "#proposals"
        return redirect(safe_next(request.args.get("next")) or home)
    return redirect(url_for("proposals.mentor_detail", proposal_id=proposal_id))


@bp.route("/<int:proposal_id>/<action>", methods=["POST"])
@roles("mentor", "participant")
def participant_action(proposal_id: int, action: str):
    if action not in PARTICIPANT_ACTIONS:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    change, done = PARTICIPANT_ACTIONS[action]
    try:
        change(db.session(), current_user, proposal_id)
    except ServiceError as error:
        db.session().rollback()
        flash(error.message, "error")
    else:
        flash(str(done), "success")
    return _back(proposal_id)


@bp.route("/<int:proposal_id>/withdraw", methods=["POST"])
@roles("mentor", "participant")
def withdraw(proposal_id: int):
    form = NoteForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        workflow.withdraw(db.session(), current_user, proposal_id, form.note.data)
    except ServiceError as error:
        db.session().rollback()
        flash(error.message, "error")
    else:
        flash(_("The proposal is withdrawn."), "success")
    return _back(proposal_id)
