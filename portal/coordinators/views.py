"""Coordinator pages: approve registrations, find accounts, reset passwords."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import func, or_, select

from .. import db
from ..access import roles
from ..forms import ActionForm
from ..i18n import _
from ..models import Organisation, User
from ..services import accounts
from ..services.errors import ServiceError
from . import bp
from .forms import ROLE_LABELS, DecisionForm, UserFilterForm

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
    return render_template(
        "coordinators/dashboard.html",
        pending=accounts.pending_accounts(session),
        counts=counts,
        role_labels=ROLE_LABELS,
        form=DecisionForm(),
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
        accounts.decide(session, current_user, user, approve=form.decision.data == "approve")
    except ServiceError as error:
        flash(error.message, "error")
    else:
        if form.decision.data == "approve":
            flash(_("%(name)s can now use the portal.", name=user.display_name), "success")
        else:
            flash(_("The registration of %(name)s is refused.", name=user.display_name), "success")
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
    page = max(request.args.get("page", 1, type=int), 1)
    rows = (
        db.session()
        .exec(query.order_by(User.display_name).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1))
        .all()
    )
    return render_template(
        "coordinators/users.html",
        form=form,
        rows=rows[:PAGE_SIZE],
        page=page,
        has_next=len(rows) > PAGE_SIZE,
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
