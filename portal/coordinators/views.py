"""Coordinator pages: approve registrations, find accounts, reset passwords."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import func, or_, select

from .. import catalogs, db, paging
from ..access import roles
from ..forms import ActionForm, choices
from ..i18n import _, isolate
from ..mentors.profile import case_labels, export_response, profile_context
from ..models import Organisation, Participant, User
from ..services import accounts, caseload, data_requests
from ..services.checkins import follow_up
from ..services.errors import ServiceError
from ..services.memberships import joins_existing
from ..services.participants import opening, privacy, reassignment
from . import bp
from .forms import (
    ROLE_LABELS,
    DecisionForm,
    EraseForm,
    ReassignCaseloadForm,
    ReassignForm,
    UserFilterForm,
)

PAGE_SIZE = 50


@bp.route("/")
@roles("coordinator")
def dashboard():
    session = db.session()
    counts = dict(
        session.exec(
            select(User.role, func.count()).where(User.status == "active").group_by(User.role)
        ).all()
    )
    pending = accounts.pending_accounts(session)
    return render_template(
        "coordinators/dashboard.html",
        pending=pending,
        joining={user.id for user, _org in pending if joins_existing(session, user)},
        counts=counts,
        role_labels=ROLE_LABELS,
        form=DecisionForm(),
        due=follow_up.due_for(session, current_user),
        name_of=follow_up.names_for(session, current_user),
        open_requests=data_requests.open_count(session),
    )


@bp.route("/accounts/<int:user_id>/decision", methods=["POST"])
@roles("coordinator")
def decide(user_id: int):
    session = db.session()
    user = session.get(User, user_id) or abort(404)
    form = DecisionForm()
    if not form.validate_on_submit():
        flash(_("Choose to approve or to refuse."), "error")
        return redirect(url_for("coordinators.dashboard"))
    try:
        accounts.decide(
            session,
            current_user,
            user,
            approve=form.decision.data in ("approve", "link"),
            link=form.decision.data == "link",
        )
    except ServiceError as error:
        flash(error.message, "error")
    else:
        name = isolate(user.display_name)
        if form.decision.data != "refuse":
            flash(_("%(name)s can now use the portal.", name=name), "success")
        else:
            flash(_("The registration of %(name)s is refused.", name=name), "success")
    return redirect(url_for("coordinators.dashboard"))


@bp.route("/users")
@roles("coordinator")
def users():
    form = UserFilterForm(request.args)
    query = select(User, Organisation).join(Organisation, isouter=True)
    if form.validate():
        if form.q.data:
            needle = f"%{form.q.data.strip().lower()}%"
            query = query.where(
                or_(func.lower(User.display_name).like(needle), func.lower(User.email).like(needle))
            )
        if form.role.data:
            query = query.where(User.role == form.role.data)
    pages = paging.requested(PAGE_SIZE)
    query = query.order_by(User.display_name).offset(pages.offset).limit(PAGE_SIZE + 1)
    rows = db.session().exec(query).all()
    return render_template(
        "coordinators/users.html",
        form=form,
        rows=rows[:PAGE_SIZE],
        pages=pages.counted(pages.offset + len(rows)),
        role_labels=ROLE_LABELS,
        action_form=ActionForm(),
    )


@bp.route("/users/<int:user_id>/reset-password", methods=["POST"])
@roles("coordinator")
def reset_password(user_id: int):
    session = db.session()
    user = session.get(User, user_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    temporary = accounts.reset_password(session, current_user, user)
    return render_template("coordinators/password_reset.html", user=user, temporary=temporary)


# --- participants ---------------------------------------------------------------------------


def _participant(participant_id: int):
    """For actions (not views) on one participant: the session and the participant."""
    session = db.session()
    return session, opening.open_participant(session, current_user, participant_id, view=False)


def _mentor_choices(mentors):
    return choices((m.id, m.display_name) for m in mentors)


@bp.route("/participants", methods=["GET"])
@roles("coordinator")
def participants():
    session = db.session()
    mentors = reassignment.mentors(session)
    rows = session.exec(
        select(Participant).order_by(Participant.first_name, Participant.last_name)
    ).all()
    form = ReassignCaseloadForm()
    form.from_mentor.choices = form.to_mentor.choices = _mentor_choices(mentors)
    return render_template(
        "coordinators/participants.html",
        cases=caseload.cases(session, list(rows)),
        mentor_names={m.id: m.display_name for m in mentors},
        show_mentor=True,
        profile_endpoint="coordinators.participant",
        form=form,
        **case_labels(),
    )


@bp.route("/participants/reassign", methods=["POST"])
@roles("coordinator")
def reassign_caseload():
    form = ReassignCaseloadForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        moved = reassignment.reassign_caseload(
            db.session(), current_user, form.from_mentor.data, form.to_mentor.data
        )
    except ServiceError as error:
        flash(error.message, "error")
    else:
        flash(_("Participants moved to the other mentor: %(count)d.", count=moved), "success")
    return redirect(url_for("coordinators.participants"))


@bp.route("/participants/<int:participant_id>")
@roles("coordinator")
def participant(participant_id: int):
    session = db.session()
    p = opening.open_participant(session, current_user, participant_id)
    form = ReassignForm()
    form.mentor_id.choices = _mentor_choices(reassignment.mentors(session))
    form.mentor_id.data = p.mentor_id
    return render_template(
        "coordinators/participant.html",
        **profile_context(session, p),
        reassign_form=form,
        erase_form=EraseForm(),
        editable=False,
    )


@bp.route("/participants/<int:participant_id>/reassign", methods=["POST"])
@roles("coordinator")
def reassign_participant(participant_id: int):
    session, p = _participant(participant_id)
    form = ReassignForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        mentor_id = form.mentor_id.data
        mentor = session.get(User, mentor_id) if mentor_id is not None else None
        reassignment.reassign(session, current_user, [p], mentor)
    except ServiceError as error:
        flash(error.message, "error")
    else:
        flash(_("The participant has a new mentor."), "success")
    return redirect(url_for("coordinators.participant", participant_id=p.id))


@bp.route("/participants/<int:participant_id>/export")
@roles("coordinator")
def export_participant(participant_id: int):
    session, p = _participant(participant_id)
    return export_response(session, current_user, p)


@bp.route("/participants/<int:participant_id>/erase", methods=["POST"])
@roles("coordinator")
def erase_participant(participant_id: int):
    session, p = _participant(participant_id)
    form = EraseForm()
    if not form.validate_on_submit():
        flash(_("Tick the box to confirm."), "error")
        return redirect(url_for("coordinators.participant", participant_id=p.id))
    privacy.erase(session, current_user, p)
    flash(_("All data of the participant is erased."), "success")
    return redirect(url_for("coordinators.participants"))


@bp.route("/translations")
@roles("coordinator")
def translations():
    """The same table as `portal translations status`: how far each language is."""
    return render_template("coordinators/translations.html", rows=catalogs.states())
