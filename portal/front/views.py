"""Front-door pages. Public: the overview with the results, the ready talent (unless the
coordinator switched it off), what a mentoring commitment is, and the request form. Signed
in: the vacancy a new employer drafts while waiting for approval and where the approval
stands; the mentors' list of requests; the coordinator's switch."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from .. import db, vocabulary
from ..access import public, roles, signed_in
from ..employers.forms import VacancyForm
from ..forms import attach_errors
from ..i18n import _, current_language
from ..models import AccountStatus, Organisation, Role
from ..services import catalogues, leads, onboarding, talent
from ..services import vocabulary as vocab
from ..services.errors import ServiceError
from ..services.vacancies import content, lifecycle
from ..services.vacancies.content import InvalidInput, VacancyData
from . import bp
from .forms import LeadForm, PlaceForm, SwitchForm


# The front pages' labels, as template globals (a context processor ran on every page).
@bp.app_template_global()
def front_percent(value) -> str | None:
    return None if value is None else f"{round(value * 100)}%"


@bp.app_template_global()
def front_group_label(code: str) -> str:
    return vocabulary.label(vocabulary.group(code), current_language()) or _("Other work")


@bp.app_template_global()
def front_shifts(codes) -> str:
    return ", ".join(str(catalogues.label(catalogues.SHIFTS, code)) for code in codes)


@bp.route("/for-employers")
@public
def index():
    session = db.session()
    return render_template(
        "front/index.html",
        figures=talent.public_figures(session),
        talent_shown=talent.is_enabled(session, talent.TALENT_PAGE),
    )


@bp.route("/for-employers/talent")
@public
def ready_talent():
    session = db.session()
    enabled = talent.is_enabled(session, talent.TALENT_PAGE)
    coordinator = current_user.is_authenticated and current_user.role == Role.COORDINATOR
    if not enabled and not coordinator:
        abort(404)
    form = SwitchForm(enabled="on" if enabled else "off") if coordinator else None
    return render_template(
        "front/talent.html",
        figures=talent.public_figures(session),
        enabled=enabled,
        switch_form=form,
        min_people=talent.MIN_PEOPLE,
    )


@bp.route("/for-employers/talent/switch", methods=["POST"])
@roles("coordinator")
def switch():
    form = SwitchForm()
    if not form.validate_on_submit():
        flash(_("Choose to show the page or to switch it off."), "error")
    else:
        talent.set_enabled(
            db.session(), current_user, talent.TALENT_PAGE, form.enabled.data == "on"
        )
        flash(_("The setting is saved."), "success")
    return redirect(url_for("front.ready_talent"))


@bp.route("/for-employers/mentoring-commitment")
@public
def commitment():
    return render_template("front/commitment.html")


@bp.route("/for-employers/start")
@public
def start():
    """ "Post a vacancy": register first, draft while waiting, or the usual editor."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.register", role="employer"))
    if current_user.role != Role.EMPLOYER:
        abort(403)
    if current_user.status == AccountStatus.PENDING:
        return redirect(url_for("front.status"))
    return redirect(url_for("employers.new_vacancy"))


def _waiting_organisation() -> Organisation:
    organisation = onboarding.waiting_organisation(db.session(), current_user)
    if organisation is None:
        abort(403)
    return organisation


@bp.route("/for-employers/status")
@signed_in
def status():
    if current_user.role != Role.EMPLOYER:
        abort(403)
    session = db.session()
    organisation = session.get(Organisation, current_user.organisation_id)
    return render_template(
        "front/status.html",
        organisation=organisation,
        may_draft=onboarding.waiting_organisation(session, current_user) is not None,
        drafts=onboarding.drafts(session, current_user),
    )


@bp.route("/for-employers/draft", methods=["GET", "POST"])
@signed_in
def draft():
    """The vacancy editor for an employer whose new organisation waits for approval."""
    _waiting_organisation()
    session = db.session()
    locale = current_language()
    form = VacancyForm(
        occupations=vocab.occupation_choices(session, locale),
        skills=vocab.skill_choices(session, locale),
    )
    if request.method == "GET":
        form.nonce.data = lifecycle.new_nonce()
    if form.is_submitted():
        data = VacancyData.from_mapping(form.data)
        try:
            if form.validate():
                onboarding.create_draft(session, current_user, data, form.nonce.data)
                flash(_("Your vacancy is saved. It goes online once your account is approved."))
                return redirect(url_for("front.status"))
            attach_errors(form, content.problems(session, data))
        except InvalidInput as error:
            session.rollback()
            attach_errors(form, error.errors)
    return render_template(
        "employers/vacancy_form.html", form=form, vacancy=None, action=url_for("front.draft")
    )


@bp.route("/for-employers/ask", methods=["GET", "POST"])
@public
def ask():
    form = LeadForm(locale=current_language())
    if form.validate_on_submit():
        data = leads.LeadData.from_mapping(form.data)
        try:
            leads.create(db.session(), data, current_language())
        except InvalidInput as error:
            db.session().rollback()
            attach_errors(form, error.errors)
        else:
            flash(_("Thank you. Mentors in your region will contact you."), "success")
            return redirect(url_for("front.index"))
    elif form.is_submitted():
        attach_errors(form, leads.problems(leads.LeadData.from_mapping(form.data)))
    return render_template("front/ask.html", form=form)


@bp.route("/leads")
@roles("mentor", "coordinator")
def lead_list():
    session = db.session()
    return render_template(
        "front/leads.html",
        leads=leads.visible_to(session, current_user),
        region=leads.region_of_user(session, current_user),
        all_regions=current_user.role == Role.COORDINATOR,
        place_form=PlaceForm(),
    )


@bp.route("/leads/place", methods=["POST"])
@roles("mentor")
def place_wise():
    """Give the mentor's own WISE its postcode (once), so its region's requests reach it."""
    form = PlaceForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        leads.set_wise_postcode(db.session(), current_user, form.postcode.data or "")
    except ServiceError as error:
        db.session().rollback()
        flash(error.message, "error")
    return redirect(url_for("front.lead_list"))
