"""Notifications: the list (newest first), mark one or all as read, the unread count in
the navigation of every page, the e-mail choices per topic and the one-click unsubscribe
link of every topic mail (public: it works without signing in, its token is the key)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from .. import csrf, db
from ..access import public, signed_in
from ..forms import ActionForm, attach_errors
from ..i18n import _
from ..models import Role
from ..services import notification_choices as choices
from ..services import notifications as svc
from ..services.errors import ServiceError
from . import bp
from .forms import ChoicesForm

LINKS = {
    Role.EMPLOYER: "proposals.employer_detail",
    Role.MENTOR: "proposals.mentor_detail",
    Role.COORDINATOR: "proposals.mentor_detail",
}


def link_of(notification) -> str | None:
    """Where a notification leads for this reader (a participant goes to their own page;
    a match alert to the propose form, or to the vacancy's candidates)."""
    if notification.kind == "match_alert" and current_user.role == Role.MENTOR:
        return url_for(
            "proposals.new",
            participant_id=notification.participant_id,
            vacancy_id=notification.vacancy_id,
        )
    if notification.kind == "candidate_alert" and current_user.role == Role.EMPLOYER:
        return url_for("matches.employer_candidates", vacancy_id=notification.vacancy_id)
    if notification.proposal_id is None:
        return None
    if current_user.role == Role.PARTICIPANT:
        return url_for("participants.home") + "#proposals"
    return url_for(LINKS[current_user.role], proposal_id=notification.proposal_id)


@bp.route("/")
@signed_in
def index():
    return render_template(
        "notifications/index.html",
        items=svc.list_for(db.session(), current_user),
        action_form=ActionForm(),
        link_of=link_of,
    )


@bp.route("/<int:notification_id>/read", methods=["POST"])
@signed_in
def read(notification_id: int):
    if not ActionForm().validate_on_submit():
        abort(400)
    svc.mark_read(db.session(), current_user, notification_id)
    return redirect(url_for("notifications.index"))


@bp.route("/read-all", methods=["POST"])
@signed_in
def read_all():
    if not ActionForm().validate_on_submit():
        abort(400)
    svc.mark_read(db.session(), current_user)
    return redirect(url_for("notifications.index"))


@bp.route("/settings", methods=["GET", "POST"])
@signed_in
def settings():
    session = db.session()
    form = ChoicesForm(
        data=None if request.method == "POST" else choices.choices_of(session, current_user)
    )
    if form.validate_on_submit():
        try:
            choices.save(session, current_user, {t: form[t].data for t in choices.TOPICS})
        except ServiceError as error:
            session.rollback()
            attach_errors(form, {error.field: error.message})
        else:
            flash(_("Your choices are saved."), "success")
            return redirect(url_for("notifications.settings"))
    return render_template("notifications/settings.html", form=form)


@bp.route("/unsubscribe/<token>", methods=["GET"])
@public
def unsubscribe(token: str):
    """The link in the mail: a page with one button (a GET never changes anything)."""
    _user, topic = choices.read_token(db.session(), token)
    return render_template(
        "notifications/unsubscribe.html", topic=choices.TOPICS[topic], token=token, done=False
    )


@bp.route("/unsubscribe/<token>", methods=["POST"])
@public
@csrf.exempt  # RFC 8058: the mail program posts without a form; the signed token is the key
def unsubscribe_confirm(token: str):
    topic = choices.unsubscribe(db.session(), token)
    return render_template(
        "notifications/unsubscribe.html", topic=choices.TOPICS[topic], token=token, done=True
    )
