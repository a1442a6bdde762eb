"""Notifications: the list (newest first), mark one or all as read, and the unread count in
the navigation of every page."""

from flask import abort, redirect, render_template, url_for
from flask_login import current_user

from .. import db
from ..access import signed_in
from ..forms import ActionForm
from ..models import Role
from ..services import notifications as svc
from . import bp

LINKS = {
    Role.EMPLOYER: "proposals.employer_detail",
    Role.MENTOR: "proposals.mentor_detail",
    Role.COORDINATOR: "proposals.mentor_detail",
}


def link_of(notification) -> str | None:
    """Where a notification leads for this reader (a participant goes to their own page)."""
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


@bp.app_context_processor
def inject_unread():
    def unread() -> int:
        if not current_user.is_authenticated:
            return 0
        return svc.unread_count(db.session(), current_user)

    return {"unread_notifications": unread}
