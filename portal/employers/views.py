"""Employer pages: the organisation profile, its default mentoring commitment, and the
vacancies (create, edit, preview, publish, close, duplicate)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from .. import db
from ..access import roles
from ..forms import ActionForm, attach_errors
from ..i18n import _, current_language, isolate
from ..models import Organisation, Vacancy
from ..services import organisations
from ..services import vocabulary as vocab
from ..services.checkins import follow_up
from ..services.errors import ServiceError
from ..services.proposals import boards
from ..services.vacancies import browse, content, lifecycle
from ..services.vacancies.content import CommitmentData, InvalidInput, VacancyData
from . import bp
from .forms import CloseForm, CommitmentForm, DuplicateForm, ProfileForm, VacancyForm


def _organisation() -> Organisation:
    return db.session().get(Organisation, current_user.organisation_id) or abort(403)


def _own_vacancy(vacancy_id: int) -> Vacancy:
    """The vacancy, if it belongs to the user's organisation: 404 when it does not exist,
    403 when it is someone else's (and nothing is changed)."""
    session = db.session()
    lifecycle.expire_due(session)
    vacancy = session.get(Vacancy, vacancy_id) or abort(404)
    if vacancy.organisation_id != current_user.organisation_id:
        abort(403)
    return vacancy


def _save(form, action, problems) -> bool:
    """Run a service write for a posted form; put its messages next to the fields."""
    if form.validate_on_submit():
        try:
            action()
        except InvalidInput as error:
            db.session().rollback()
            attach_errors(form, error.errors)
        except ServiceError as error:
            db.session().rollback()
            flash(error.message, "error")
        else:
            return True
    elif form.is_submitted():
        attach_errors(form, problems())
    return False


@bp.route("/")
@roles("employer")
def dashboard():
    organisation = _organisation()
    session = db.session()
    items = browse.organisation_vacancies(session, organisation.id)
    return render_template(
        "employers/dashboard.html",
        organisation=organisation,
        vacancies=items,
        due=follow_up.due_for(session, current_user),
        name_of=follow_up.names_for(session, current_user),
        commitments=content.commitments_for(db.session(), [item.id for item in items]),
        proposal_counts=boards.proposal_counts(db.session(), [item.id for item in items]),
        has_commitment=content.default_commitment(db.session(), organisation.id) is not None,
    )


@bp.route("/organisation", methods=["GET", "POST"])
@roles("employer")
def profile():
    organisation = _organisation()
    form = ProfileForm(obj=organisation, locale=current_language())

    def data():
        return organisations.ProfileData.from_mapping(form.data)

    def action():
        organisations.update_profile(db.session(), current_user, organisation, data())

    if _save(form, action, lambda: organisations.profile_problems(data())):
        flash(_("The profile of your organisation is saved."), "success")
        return redirect(url_for("employers.dashboard"))
    return render_template("employers/profile.html", form=form, organisation=organisation)


@bp.route("/organisation/commitment", methods=["GET", "POST"])
@roles("employer")
def commitment():
    organisation = _organisation()
    current = content.default_commitment(db.session(), organisation.id)
    form = CommitmentForm(obj=current)

    def data():
        return CommitmentData.from_mapping(form.data)

    def action():
        organisations.set_default_commitment(db.session(), current_user, organisation, data())

    if _save(form, action, lambda: content.commitment_problems(data())):
        flash(_("Your usual mentoring commitment is saved."), "success")
        return redirect(url_for("employers.dashboard"))
    return render_template("employers/commitment.html", form=form)


def _warn_unmatched(data: VacancyData) -> None:
    typed = content.unmatched(db.session(), data)
    if typed:
        message = _(
            "Not in the list, so not matched automatically: %(skills)s. Mentors are asked "
            "to check these themselves.",
            skills=", ".join(isolate(text) for text in typed),
        )
        flash(message, "info")


def _vacancy_form(data: VacancyData | None = None) -> VacancyForm:
    session = db.session()
    locale = current_language()
    values = {}
    if data is not None and request.method == "GET":
        values = vars(data) | vars(data.commitment) | content.skills_for_form(data)
    chosen = [*data.must_have, *data.nice_to_have] if data is not None else []
    return VacancyForm(
        data=values or None,
        occupations=vocab.occupation_choices(session, locale),
        skills=vocab.skill_choices(session, locale, keep=chosen),
    )


@bp.route("/vacancies/new", methods=["GET", "POST"])
@roles("employer")
def new_vacancy():
    session = db.session()
    organisation = _organisation()
    start = VacancyData(
        commitment=CommitmentData.of(content.default_commitment(session, organisation.id))
    )
    form = _vacancy_form(start)
    if request.method == "GET":
        form.nonce.data = lifecycle.new_nonce()
    created = {}

    def data():
        return VacancyData.from_mapping(form.data)

    def action():
        created["vacancy"], created["new"] = lifecycle.create(
            session, current_user, data(), nonce=form.nonce.data
        )

    if _save(form, action, lambda: content.problems(session, data())):
        if created["new"]:
            flash(_("The vacancy is saved as a draft. Check it and publish it."), "success")
        _warn_unmatched(data())
        return redirect(url_for("employers.vacancy", vacancy_id=created["vacancy"].id))
    return render_template("employers/vacancy_form.html", form=form, vacancy=None)


@bp.route("/vacancies/<int:vacancy_id>")
@roles("employer")
def vacancy(vacancy_id: int):
    """The preview: the vacancy as a mentor will see it, with the employer's buttons."""
    item = _own_vacancy(vacancy_id)
    return render_template(
        "employers/vacancy.html",
        view=browse.view(db.session(), item, current_language()),
        action_form=ActionForm(),
        close_form=CloseForm(),
        duplicate_form=DuplicateForm(nonce=lifecycle.new_nonce()),
        editable=item.status in content.EDITABLE,
    )


@bp.route("/vacancies/<int:vacancy_id>/edit", methods=["GET", "POST"])
@roles("employer")
def edit_vacancy(vacancy_id: int):
    session = db.session()
    item = _own_vacancy(vacancy_id)
    if item.status not in content.EDITABLE:
        flash(_("A filled or closed vacancy cannot be changed any more."), "error")
        return redirect(url_for("employers.vacancy", vacancy_id=item.id))
    form = _vacancy_form(VacancyData.of(session, item))

    def data():
        return VacancyData.from_mapping(form.data)

    def action():
        lifecycle.update(session, current_user, item, data())

    if _save(form, action, lambda: content.problems(session, data())):
        flash(_("The vacancy is saved."), "success")
        _warn_unmatched(data())
        return redirect(url_for("employers.vacancy", vacancy_id=item.id))
    return render_template("employers/vacancy_form.html", form=form, vacancy=item)


def _state_change(vacancy_id: int, form, change, done_message):
    item = _own_vacancy(vacancy_id)
    if not form.validate_on_submit():
        abort(400)
    try:
        result = change(item)
    except ServiceError as error:
        db.session().rollback()
        flash(error.message, "error")
        return redirect(url_for("employers.vacancy", vacancy_id=item.id))
    flash(done_message, "success")
    return redirect(url_for("employers.vacancy", vacancy_id=result.id))


@bp.route("/vacancies/<int:vacancy_id>/publish", methods=["POST"])
@roles("employer")
def publish_vacancy(vacancy_id: int):
    return _state_change(
        vacancy_id,
        ActionForm(),
        lambda item: lifecycle.publish(db.session(), current_user, item),
        _("The vacancy is published. Mentors can see it now."),
    )


@bp.route("/vacancies/<int:vacancy_id>/close", methods=["POST"])
@roles("employer")
def close_vacancy(vacancy_id: int):
    form = CloseForm()
    return _state_change(
        vacancy_id,
        form,
        lambda item: lifecycle.close(
            db.session(), current_user, item, filled=form.outcome.data == "filled"
        ),
        _("The vacancy is closed."),
    )


@bp.route("/vacancies/<int:vacancy_id>/duplicate", methods=["POST"])
@roles("employer")
def duplicate_vacancy(vacancy_id: int):
    form = DuplicateForm()
    return _state_change(
        vacancy_id,
        form,
        lambda item: lifecycle.duplicate(db.session(), current_user, item, form.nonce.data),
        _("A copy is made as a draft. Change what is different and publish it."),
    )
