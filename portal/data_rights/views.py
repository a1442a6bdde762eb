"""Data-rights pages. The participant, their own mentor and a coordinator open the "my data"
page (every opening is audited like any view of the participant); coordinators handle the
requests and see who is due for erasure. Rules live in the services."""

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import force_locale, format_date
from flask_login import current_user

from .. import clock, db
from ..access import roles
from ..config import LANGUAGES
from ..forms import attach_errors
from ..i18n import _, current_language, dutch_beside, with_dutch
from ..mentors.profile import export_response
from ..models import Consent, Participant, User
from ..participants.plain import plain_blocks, proposal_lines
from ..services import data_requests, retention, settings
from ..services.errors import ServiceError
from ..services.participants import data_export, opening, records
from ..services.proposals import boards
from . import bp
from .forms import DataRequestForm, RequestDecisionForm
from .plain import data_blocks

OPENERS = ("participant", "mentor", "coordinator")


def _open(participant_id: int) -> Participant:
    """The participant if this user may see them; the view (or refusal) is audited."""
    return opening.open_participant(db.session(), current_user, participant_id)


def _page(p: Participant, form: DataRequestForm | None = None):
    session = db.session()
    return render_template(
        "data_rights/page.html",
        participant=p,
        blocks=with_dutch(lambda: data_blocks(session, p)),
        side=dutch_beside(),
        form=form or DataRequestForm(formdata=None),
    )


@bp.route("/mine")
@roles("participant")
def mine():
    p = opening.own_participant(db.session(), current_user) or abort(404)
    return redirect(url_for("data_rights.page", participant_id=p.id))


@bp.route("/participants/<int:participant_id>")
@roles(*OPENERS)
def page(participant_id: int):
    return _page(_open(participant_id))


@bp.route("/participants/<int:participant_id>/requests", methods=["POST"])
@roles(*OPENERS)
def ask(participant_id: int):
    p = _open(participant_id)
    form = DataRequestForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        data_requests.ask(db.session(), current_user, p, form.kind.data, form.text.data)
    except ServiceError as error:
        db.session().rollback()
        attach_errors(form, {error.field: error.message})
        return _page(p, form)
    flash(_("Thank you. We answer within one month."), "success")
    return redirect(url_for("data_rights.page", participant_id=p.id))


@bp.route("/participants/<int:participant_id>/export.json")
@roles(*OPENERS)
def export_json(participant_id: int):
    return export_response(db.session(), current_user, _open(participant_id))


@bp.route("/participants/<int:participant_id>/export.html")
@roles(*OPENERS)
def export_html(participant_id: int):
    """The same record as a page to read and keep, in the participant's own language."""
    session = db.session()
    p = _open(participant_id)
    person = session.get(User, p.user_id) if p.user_id else None
    language = person.locale if person and person.locale in LANGUAGES else current_language()
    with force_locale(language):
        html = render_template(
            "data_rights/readable.html",
            participant=p,
            language=language,
            made_on=format_date(clock.today(), "long"),
            profile=plain_blocks(session, p),
            blocks=data_blocks(session, p),
            proposals=[(row, proposal_lines(row)) for row in boards.participant_rows(session, p)],
            consents=records.rows_of(session, p, Consent),
        )
    data_export.record_download(session, current_user, p, "page")
    return Response(
        html,
        mimetype="text/html",
        headers={
            "Content-Disposition": f"attachment; filename=my-data-{p.id}.html",
            "Cache-Control": "no-store",
        },
    )


# --- coordinators ---------------------------------------------------------------------------


def _queue(forms: dict | None = None):
    session = db.session()
    queue = data_requests.open_queue(session)
    forms = forms or {}
    for request, _p in queue:
        forms.setdefault(request.id, RequestDecisionForm(prefix=f"r{request.id}", formdata=None))
    return render_template(
        "data_rights/queue.html",
        queue=queue,
        forms=forms,
        handled=data_requests.handled(session),
        today=clock.today(),
        due=retention.due_for_erasure(session),
        months=settings.retention_months(),
    )


@bp.route("/requests")
@roles("coordinator")
def queue():
    return _queue()


@bp.route("/requests/<int:request_id>/decision", methods=["POST"])
@roles("coordinator")
def decide(request_id: int):
    form = RequestDecisionForm(prefix=f"r{request_id}")
    if not form.validate_on_submit():
        abort(400)
    try:
        data_requests.decide(
            db.session(), current_user, request_id, form.outcome.data, form.reason.data
        )
    except ServiceError as error:
        db.session().rollback()
        if error.field is None:
            flash(error.message, "error")
            return redirect(url_for("data_rights.queue"))
        attach_errors(form, {error.field: error.message})
        return _queue({request_id: form})
    flash(_("The request is handled."), "success")
    return redirect(url_for("data_rights.queue"))
