"""Mentors and coordinators list and read published vacancies; coordinators may also
read vacancies that are not (or no longer) published, mentors may not."""

from flask import abort, render_template, request
from flask_login import current_user

from .. import db, paging
from ..access import roles
from ..i18n import _, current_language
from ..models import Organisation, OrganisationKind, Vacancy
from ..services import catalogues, organisations, postcodes
from ..services import vocabulary as vocab
from ..services.vacancies import browse, lifecycle
from . import bp
from .forms import FilterForm

PAGE_SIZE = 20


def _place(text: str) -> str:
    """A postcode as typed, or the first postcode of a town typed by name."""
    text = (text or "").strip()
    if not text or postcodes.normalise(text):
        return text
    wanted = text.casefold()
    for code in postcodes.all_postcodes():
        place = postcodes.lookup(code)
        if wanted in {place.name.casefold(), place.name_fr.casefold()}:
            return code
    return text


@bp.route("/")
@roles("mentor", "coordinator")
def index():
    session = db.session()
    form = FilterForm(
        request.args, occupations=vocab.occupation_choices(session, current_language())
    )
    filters = browse.Filters()
    if form.validate():
        origin = _place(form.postcode.data)
        if origin and not postcodes.is_valid(origin):
            form.postcode.errors.append(_("This is not a Belgian postcode or town."))
            origin = ""
        filters = browse.Filters(
            occupation=form.occupation.data or "",
            postcode=origin,
            radius_km=int(form.radius_km.data) if (form.radius_km.data or "").isdigit() else None,
            hours_min=form.hours_min.data,
            hours_max=form.hours_max.data,
            dutch_level=form.dutch_level.data or "",
            shift=form.shift.data or "",
            sort=form.sort.data or "closing",
        )
    pages = paging.requested(PAGE_SIZE)
    result = browse.search(session, filters, page=pages.number, page_size=PAGE_SIZE)
    labels = {
        vacancy.occupation_code: vocab.occupation_label(
            session, vacancy.occupation_code, current_language()
        )
        for vacancy, _km in result.rows
    }
    args = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template(
        "vacancies/index.html",
        form=form,
        result=result,
        labels=labels,
        args=args,
        pages=pages.counted(result.total),
    )


@bp.route("/<int:vacancy_id>")
@roles("mentor", "coordinator")
def detail(vacancy_id: int):
    session = db.session()
    lifecycle.expire_due(session)
    vacancy = session.get(Vacancy, vacancy_id) or abort(404)
    if current_user.role != "coordinator" and not lifecycle.is_open(vacancy):
        abort(404)
    return render_template(
        "vacancies/detail.html", view=browse.view(session, vacancy, current_language())
    )


@bp.route("/organisations/<int:organisation_id>")
@roles("mentor", "coordinator")
def organisation(organisation_id: int):
    session = db.session()
    item = session.get(Organisation, organisation_id) or abort(404)
    if item.kind != OrganisationKind.EMPLOYER:
        abort(404)
    result = browse.search(session, browse.Filters(organisation_id=item.id), page_size=100)
    return render_template(
        "vacancies/organisation.html",
        organisation=item,
        vacancies=[vacancy for vacancy, _km in result.rows],
    )


# The fixed lists and the sector names, for the shared vacancy and profile partials, as
# template globals (a context processor ran on every page).
bp.add_app_template_global(catalogues, "catalogues")


@bp.app_template_global()
def sector_label(code: str) -> str:
    return organisations.sector_label(code, current_language())
