"""Sign in, sign out, register, change password."""

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user

from .. import db, security
from ..access import landing_endpoint, public, roles, safe_next, signed_in
from ..forms import ActionForm
from ..i18n import _, current_language, isolate
from ..models import AccountStatus
from ..ratelimit import per_address
from ..services import accounts, memberships
from ..services.errors import ServiceError
from ..services.participants import login_codes
from ..site.blank_forms import blank_form_page
from . import bp
from .forms import LoginForm, PasswordChangeForm, RegisterForm, StartForm


def _after_login_target(user, requested: str | None) -> str:
    if user.must_change_password:
        return url_for("auth.change_password")
    if user.status == AccountStatus.PENDING:
        return url_for("auth.pending")
    return safe_next(requested) or url_for(landing_endpoint(user))


@bp.route("/login", methods=["GET", "POST"])
@per_address
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for(landing_endpoint(current_user)))
    page = blank_form_page("auth/login.html", LoginForm)
    if page is not None:
        return page
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        result = accounts.authenticate(db.session(), form.email.data, form.password.data)
        if result.user is not None:
            session.clear()
            login_user(result.user)
            return redirect(_after_login_target(result.user, form.next.data))
        form.password.errors.append(result.error)
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@signed_in
def logout():
    """Signing out ends every session of this user, also a copied cookie elsewhere."""
    accounts.end_all_sessions(db.session(), current_user)
    security.sign_out()
    flash(_("You are signed out."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/register", methods=["GET", "POST"])
@per_address
@public
def register():
    if current_user.is_authenticated:
        return redirect(url_for("site.home"))
    form = RegisterForm(role=request.args.get("role"))
    if form.validate_on_submit():
        try:
            accounts.register(
                db.session(),
                role=form.role.data,
                email=form.email.data,
                password=form.password.data,
                display_name=form.display_name.data,
                organisation_name=form.organisation_name.data,
                locale=current_language(),
            )
        except ServiceError as error:
            db.session().rollback()
            getattr(form, error.field or "email").errors.append(error.message)
        else:
            return render_template("auth/registered.html")
    return render_template("auth/register.html", form=form)


@bp.route("/pending")
@signed_in
def pending():
    if current_user.status != AccountStatus.PENDING:
        return redirect(url_for("site.home"))
    return render_template("auth/pending.html")


@bp.route("/account/password", methods=["GET", "POST"])
@per_address
@signed_in
def change_password():
    """Changing the password ends every other session; this one goes on."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(
                db.session(), current_user, form.current_password.data, form.new_password.data
            )
        except ServiceError as error:
            getattr(form, error.field).errors.append(error.message)
        else:
            login_user(current_user._get_current_object())
            flash(_("Your password is changed. Other sessions are signed out."), "success")
            return redirect(url_for("site.home"))
    return render_template("auth/password.html", form=form)


@bp.route("/start", methods=["GET", "POST"])
@per_address
@public
def start():
    """Participants sign in with the code their mentor printed and their date of birth;
    wrong tries count and lock like wrong passwords."""
    if current_user.is_authenticated:
        return redirect(url_for(landing_endpoint(current_user)))
    form = StartForm()
    if form.validate_on_submit():
        result = login_codes.authenticate_code(
            db.session(), form.code.data, form.date_of_birth.data
        )
        if result.user is not None:
            session.clear()
            login_user(result.user)
            security.signed_in_with_card()
            return redirect(url_for("participants.home"))
        form.code.errors.append(result.error)
    return render_template("auth/start.html", form=form)


@bp.route("/account/colleagues")
@roles("employer", "mentor")
def colleagues():
    """Sign-ups that named this organisation; only its own accounts may let them in."""
    return render_template(
        "auth/colleagues.html",
        waiting=memberships.waiting_colleagues(db.session(), current_user),
        form=ActionForm(),
    )


@bp.route("/account/colleagues/<int:user_id>/accept", methods=["POST"])
@roles("employer", "mentor")
def accept_colleague(user_id: int):
    if not ActionForm().validate_on_submit():
        abort(400)
    user = memberships.accept_colleague(db.session(), current_user, user_id)
    flash(_("%(name)s can now use the portal.", name=isolate(user.display_name)), "success")
    return redirect(url_for("auth.colleagues"))
