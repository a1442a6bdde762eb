"""Check-in pages. Views parse forms, call portal.services.checkins, render; who may see or
record what is decided in the service."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from .. import db
from ..access import roles
from ..forms import ActionForm, attach_errors
from ..i18n import _
from ..models import Role
from ..services import caseload
from ..services.checkins import follow_up, recording, schedule
from ..services.errors import ServiceError
from ..services.vacancies import content
from . import bp
from .forms import CheckInForm, EmployerViewForm


@bp.route("/")
@roles("mentor", "employer", "coordinator")
def index():
    session = db.session()
    slots = schedule.schedule(session, *follow_up.scope_of(current_user))
    hires = {}
    for slot in slots:
        hires.setdefault(slot.proposal.id, []).append(slot)
    return render_template(
        "checkins/index.html",
        due=sorted(
            (s for s in slots if s.status in {"due", "overdue"}),
            key=lambda s: (s.status != "overdue", s.due_on),
        ),
        hires=list(hires.values()),
        name_of=follow_up.names_for(session, current_user),
    )


@bp.route("/hire/<int:proposal_id>")
@roles("mentor", "employer", "coordinator")
def hire(proposal_id: int):
    session = db.session()
    try:
        slots = follow_up.hire_slots(session, current_user, proposal_id)
    except ServiceError as error:
        flash(error.message, "error")
        return redirect(url_for("checkins.index"))
    first = slots[0]
    return render_template(
        "checkins/hire.html",
        slots=slots,
        hire=first,
        name=follow_up.name_for(session, current_user, first.proposal, first.participant),
        leave=recording.open_leave(session, first.participant)
        if current_user.role == Role.MENTOR
        else None,
        action_form=ActionForm(),
        labels=recording,
    )


def _slot_or_refuse(proposal_id: int, month: int):
    session = db.session()
    try:
        slots = follow_up.hire_slots(session, current_user, proposal_id)
    except ServiceError as error:
        flash(error.message, "error")
        abort(redirect(url_for("checkins.index")))
    slot = next((s for s in slots if s.month == month), None)
    if slot is None:
        abort(404)
    return slot


def _refused(form, error: ServiceError) -> None:
    db.session().rollback()
    if error.field and hasattr(form, error.field):
        attach_errors(form, {error.field: error.message})
    else:
        form.form_errors.append(error.message)


@bp.route("/hire/<int:proposal_id>/<int:month>", methods=["GET", "POST"])
@roles("mentor")
def record(proposal_id: int, month: int):
    slot = _slot_or_refuse(proposal_id, month)
    session = db.session()
    row = slot.row
    if request.method == "GET" and row is not None and row.recorded_at is not None:
        data = {
            name: getattr(row, name)
            for name in (
                "held_on",
                "left_on",
                "leave_reason",
                "leave_note",
                "participant_rating",
                "participant_note",
                "employer_rating",
                "employer_note",
            )
        }
        data["still_employed"] = "yes" if row.still_employed else "no"
        if row.wants_help_again is not None:
            data["wants_help_again"] = "yes" if row.wants_help_again else "no"
        data |= {f"commitment_{k}": v for k, v in row.commitment.items()}
        form = CheckInForm(data=data)
    else:
        form = CheckInForm()
    items = recording.applicable_items(content.commitment_of(session, slot.vacancy))
    values = dict(form.data)
    values["commitment"] = {item: values.get(f"commitment_{item}") for item in items}
    saved = _saved(
        form,
        lambda: recording.record(session, current_user, proposal_id, month, values),
        _("The check-in is saved."),
        proposal_id,
    )
    return saved or _slot_page("checkins/record.html", form, slot, items=items)


@bp.route("/hire/<int:proposal_id>/<int:month>/employer", methods=["GET", "POST"])
@roles("employer")
def employer_view(proposal_id: int, month: int):
    slot = _slot_or_refuse(proposal_id, month)
    session = db.session()
    row = slot.row
    if request.method == "GET" and row is not None and row.employer_view_at is not None:
        form = EmployerViewForm(
            data={"rating": row.employer_view_rating, "note": row.employer_view_note}
        )
    else:
        form = EmployerViewForm()
    saved = _saved(
        form,
        lambda: recording.record_employer_view(
            session, current_user, proposal_id, month, form.data
        ),
        _("Your view is saved. Thank you."),
        proposal_id,
    )
    return saved or _slot_page("checkins/employer_view.html", form, slot)


def _saved(form, store, message: str, proposal_id: int):
    """Validate and store through the service; back to the hire when saved, None to show the
    form again (with the service's refusal on its field)."""
    if not form.validate_on_submit():
        return None
    try:
        store()
    except ServiceError as error:
        _refused(form, error)
        return None
    flash(message, "success")
    return redirect(url_for("checkins.hire", proposal_id=proposal_id))


def _slot_page(template: str, form, slot, **context):
    name = follow_up.name_for(db.session(), current_user, slot.proposal, slot.participant)
    return render_template(template, form=form, slot=slot, name=name, **context)


@bp.route("/participants/<int:participant_id>/reopen", methods=["POST"])
@roles("mentor")
def reopen(participant_id: int):
    if not ActionForm().validate_on_submit():
        abort(400)
    session = db.session()
    try:
        participant = recording.reopen(session, current_user, participant_id)
    except ServiceError as error:
        session.rollback()
        flash(error.message, "error")
        return redirect(url_for("mentors.participant", participant_id=participant_id))
    flash(_("The profile is open for new matches again."), "success")
    facts = caseload.case_facts(session, [participant])[0]
    if not facts.endorsed:
        flash(_("The endorsement is no longer valid: renew it before new proposals."), "info")
    return redirect(url_for("mentors.participant", participant_id=participant.id))
