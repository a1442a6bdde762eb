"""Outcome pages: the coordinator's dashboard (filters by period, WISE, employer sector and
region), an organisation's own figures, and the CSV export of the same aggregates. Every
figure comes from portal.services.outcomes."""

from flask import Response, abort, render_template, request
from flask_login import current_user
from sqlmodel import select

from .. import db
from ..access import roles
from ..i18n import _, current_language, ngettext
from ..models import Organisation, OrganisationKind, Role
from ..services import organisations, outcomes_formats
from ..services import outcomes as svc
from ..services.checkins import recording
from ..services.proposals.stage_rules import DECLINE_REASONS
from . import bp
from .charts import bar_chart
from .forms import OutcomeFilterForm, PeriodForm


def _percent(value) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _charts(figures: svc.Figures) -> dict:
    funnel = [
        (label, value or 0, str(value if value is not None else "—"))
        for label, value in (
            (_("Endorsed"), figures.endorsed),
            (_("Proposed"), figures.proposed),
            (_("Hired"), figures.hired),
        )
        if not (value is None and label == _("Endorsed"))
    ]
    retention = [
        (
            ngettext("%(num)d month", "%(num)d months", r.months),
            r.rate or 0,
            f"{_percent(r.rate)} ({r.retained}/{r.cohort})",
        )
        for r in figures.retention
    ]
    commitments = [
        (c.employer_name, c.kept_rate or 0, _percent(c.kept_rate)) for c in figures.commitments
    ]
    declined = [(str(DECLINE_REASONS.get(code, code)), n, str(n)) for code, n in figures.declined]
    return {
        "funnel": bar_chart("chart-funnel", _("Participants endorsed, proposed and hired"), funnel),
        "retention": bar_chart(
            "chart-retention", _("Still employed after 3, 6 and 12 months"), retention, 1.0
        ),
        "commitments": bar_chart(
            "chart-commitments", _("Mentoring commitments kept, per employer"), commitments, 1.0
        )
        if commitments
        else None,
        "declined": bar_chart("chart-declined", _("Proposals declined, by reason"), declined)
        if declined
        else None,
    }


def _wises(session) -> list[Organisation]:
    query = select(Organisation).where(Organisation.kind == OrganisationKind.WISE)
    return list(session.exec(query.order_by(Organisation.name)).all())


def _filters(form: OutcomeFilterForm) -> svc.Filters:
    wise = form.wise.data or ""
    return svc.Filters(
        start=form.start.data,
        end=form.end.data,
        wise_id=int(wise) if wise.isdigit() else None,
        sector=form.sector.data or None,
        region=form.region.data or None,
    )


def _coordinator_form(session) -> OutcomeFilterForm:
    return OutcomeFilterForm(request.args, wises=_wises(session), locale=current_language())


def _render(figures, form, own=None):
    return render_template(
        "outcomes/dashboard.html",
        figures=figures,
        form=form,
        own=own,
        charts=_charts(figures) if figures else None,
        percent=_percent,
        decline_reasons=DECLINE_REASONS,
        items=recording.COMMITMENT_ITEMS,
        sector_label=lambda code: organisations.sector_label(code, current_language()),
    )


def _csv(figures: svc.Figures, name: str) -> Response:
    return Response(
        outcomes_formats.csv_text(figures),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={name}.csv"},
    )


@bp.route("/")
@roles("coordinator")
def dashboard():
    session = db.session()
    form = _coordinator_form(session)
    if request.args and not form.validate():
        return _render(None, form)
    return _render(svc.figures(session, _filters(form)), form)


@bp.route("/export.csv")
@roles("coordinator")
def export():
    session = db.session()
    form = _coordinator_form(session)
    if request.args and not form.validate():
        abort(400)
    return _csv(svc.figures(session, _filters(form)), "outcomes")


def _own_filters() -> tuple[svc.Filters, Organisation]:
    """An employer sees its own organisation's hires; a mentor its WISE's participants."""
    session = db.session()
    organisation = (
        session.get(Organisation, current_user.organisation_id)
        if current_user.organisation_id
        else None
    )
    if organisation is None:
        abort(403)
    if current_user.role == Role.EMPLOYER:
        return svc.Filters(employer_id=organisation.id), organisation
    return svc.Filters(wise_id=organisation.id), organisation


def _own_form() -> PeriodForm:
    return PeriodForm(request.args)


@bp.route("/mine")
@roles("employer", "mentor")
def mine():
    base, organisation = _own_filters()
    form = _own_form()
    if request.args and not form.validate():
        return _render(None, form, organisation)
    base.start, base.end = form.start.data, form.end.data
    return _render(svc.figures(db.session(), base), form, organisation)


@bp.route("/mine/export.csv")
@roles("employer", "mentor")
def mine_export():
    base, _organisation = _own_filters()
    form = _own_form()
    if request.args and not form.validate():
        abort(400)
    base.start, base.end = form.start.data, form.end.data
    return _csv(svc.figures(db.session(), base), "outcomes-own")
