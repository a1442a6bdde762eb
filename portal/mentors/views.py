"""Mentor pages: the caseload, the participant profile in sections, endorsement, consent
with the participant at the mentor's side, the sign-in card and the data export."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from .. import db
from ..access import roles
from ..forms import ActionForm, flag_personal
from ..i18n import _, _l, current_language
from ..models import Organisation, ParticipantCertificate, ParticipantSkill
from ..services import caseload
from ..services import participant_catalogues as cat
from ..services import vocabulary as vocab
from ..services.checkins import follow_up
from ..services.errors import ServiceError
from ..services.participants import consents, endorsements, login_codes, opening, profiles
from ..services.proposals import sharing
from . import bp
from .forms import (
    SECTION_FORMS,
    SECTION_TITLES,
    CertificateForm,
    ConsentWithMentorForm,
    EndorseForm,
    PersonForm,
    SkillForm,
)
from .profile import case_labels, export_response, profile_context, refuse


@bp.route("/")
@roles("mentor")
def dashboard():
    session = db.session()
    organisation = session.get(Organisation, current_user.organisation_id)
    return render_template(
        "mentors/dashboard.html",
        organisation=organisation,
        cases=caseload.caseload(session, current_user),
        profile_endpoint="mentors.participant",
        due=follow_up.due_for(session, current_user),
        name_of=follow_up.names_for(session, current_user),
        **case_labels(),
    )


@bp.route("/participants/new", methods=["GET", "POST"])
@roles("mentor")
def new_participant():
    form = PersonForm()
    if form.validate_on_submit():
        try:
            participant = profiles.create_participant(db.session(), current_user, form.data)
        except ServiceError as error:
            refuse(form, error)
        else:
            flash(_("The participant is added. Fill in the other parts of the profile."), "success")
            return redirect(url_for("mentors.participant", participant_id=participant.id))
    return render_template(
        "mentors/section.html", participant=None, form=form, title=_("Add a participant")
    )


def _mine(participant_id: int, view: bool = True):
    return opening.open_participant(db.session(), current_user, participant_id, view=view)


@bp.route("/participants/<int:participant_id>")
@roles("mentor")
def participant(participant_id: int):
    p = _mine(participant_id)
    return render_template(
        "mentors/participant.html",
        **profile_context(db.session(), p),
        action_form=ActionForm(),
        editable=True,
    )


@bp.route("/participants/<int:participant_id>/edit/<section>", methods=["GET", "POST"])
@roles("mentor")
def edit_section(participant_id: int, section: str):
    if section not in SECTION_FORMS:
        abort(404)
    p = _mine(participant_id)
    session = db.session()
    form_class = SECTION_FORMS[section]
    if request.method == "POST":
        form = form_class()
    else:
        form = form_class(data=profiles.section_values(session, p, section))
    if form.validate_on_submit():
        values = {k: v for k, v in form.data.items() if k != "csrf_token"}
        try:
            profiles.save_section(session, current_user, p, section, values)
        except ServiceError as error:
            refuse(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("mentors.participant", participant_id=p.id))
    return render_template(
        "mentors/section.html", participant=p, form=form, title=SECTION_TITLES[section]
    )


@bp.route("/participants/<int:participant_id>/skills", methods=["GET", "POST"])
@roles("mentor")
def skills(participant_id: int):
    p = _mine(participant_id)
    session = db.session()
    form = SkillForm()
    if form.validate_on_submit() and not flag_personal(form, p, "evidence"):
        try:
            skill = form.skill_text.data or form.skill.data  # typed text wins: it was chosen last
            profiles.add_skill(session, current_user, p, skill, form.level.data, form.evidence.data)
        except ServiceError as error:
            refuse(form, error)
        else:
            flash(_("The skill is saved."), "success")
            return redirect(url_for("mentors.skills", participant_id=p.id))
    return render_template(
        "mentors/skills.html",
        participant=p,
        form=form,
        rows=profiles.skills_of(session, p),
        action_form=ActionForm(),
        levels=cat.SKILL_LEVELS,
        skill_label=lambda code: vocab.skill_label(session, code, current_language()),
    )


@bp.route("/participants/<int:participant_id>/certificates", methods=["GET", "POST"])
@roles("mentor")
def certificates(participant_id: int):
    p = _mine(participant_id)
    session = db.session()
    form = CertificateForm()
    if form.validate_on_submit():
        try:
            profiles.add_certificate(
                session, current_user, p, form.certificate.data, form.expires_on.data
            )
        except ServiceError as error:
            refuse(form, error)
        else:
            flash(_("The certificate is saved."), "success")
            return redirect(url_for("mentors.certificates", participant_id=p.id))
    return render_template(
        "mentors/certificates.html",
        participant=p,
        form=form,
        rows=profiles.certificates_of(session, p),
        action_form=ActionForm(),
        certificates=cat.CERTIFICATES,
    )


ROW_KINDS = {
    "skills": (ParticipantSkill, "mentors.skills", _l("The skill is removed.")),
    "certificates": (
        ParticipantCertificate,
        "mentors.certificates",
        _l("The certificate is removed."),
    ),
}


@bp.route("/participants/<int:participant_id>/<kind>/<int:row_id>/remove", methods=["POST"])
@roles("mentor")
def remove_row(participant_id: int, kind: str, row_id: int):
    """Remove one skill or certificate of the mentor's own participant."""
    if kind not in ROW_KINDS:
        abort(404)
    model, page, message = ROW_KINDS[kind]
    p = _mine(participant_id, view=False)
    if not ActionForm().validate_on_submit():
        abort(400)
    profiles.remove_row(db.session(), current_user, p, model, row_id)
    flash(str(message), "success")
    return redirect(url_for(page, participant_id=p.id))


@bp.route("/participants/<int:participant_id>/endorse", methods=["GET", "POST"])
@roles("mentor")
def endorse(participant_id: int):
    p = _mine(participant_id)
    session = db.session()
    form = EndorseForm()
    if form.validate_on_submit() and not flag_personal(form, p, "evidence", "strengths"):
        try:
            endorsements.endorse(
                session,
                current_user,
                p,
                form.evidence.data,
                form.strengths.data,
                form.valid_until.data,
            )
        except ServiceError as error:
            refuse(form, error)
        else:
            flash(_("The participant is endorsed."), "success")
            return redirect(url_for("mentors.participant", participant_id=p.id))
    return render_template(
        "mentors/endorse.html",
        participant=p,
        form=form,
        missing=profiles.missing_sections_of(session, p),
        section_titles=SECTION_TITLES,
        default_until=endorsements.default_valid_until(),
    )


@bp.route("/participants/<int:participant_id>/endorsement/revoke", methods=["POST"])
@roles("mentor")
def revoke(participant_id: int):
    p = _mine(participant_id, view=False)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        endorsements.revoke_endorsement(db.session(), current_user, p)
    except ServiceError as error:
        flash(error.message, "error")
    else:
        flash(_("The endorsement is revoked. The participant is no longer matched."), "success")
    return redirect(url_for("mentors.participant", participant_id=p.id))


@bp.route("/participants/<int:participant_id>/consent", methods=["GET", "POST"])
@roles("mentor")
def consent(participant_id: int):
    p = _mine(participant_id)
    session = db.session()
    form = ConsentWithMentorForm()
    if form.validate_on_submit():
        consents.give_consent(session, current_user, p, with_mentor=True)
        flash(_("The consent is recorded, given with you at the participant's side."), "success")
        return redirect(url_for("mentors.participant", participant_id=p.id))
    return render_template(
        "mentors/consent.html",
        participant=p,
        form=form,
        current=consents.current_consent(session, p),
        action_form=ActionForm(),
    )


@bp.route("/participants/<int:participant_id>/consent/withdraw", methods=["POST"])
@roles("mentor")
def withdraw_consent(participant_id: int):
    p = _mine(participant_id, view=False)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        sharing.withdraw_matching(db.session(), current_user, p)
    except ServiceError as error:
        flash(error.message, "error")
    else:
        flash(_("The consent is withdrawn. The participant is no longer matched."), "success")
    return redirect(url_for("mentors.participant", participant_id=p.id))


@bp.route("/participants/<int:participant_id>/login-card", methods=["POST"])
@roles("mentor")
def login_card(participant_id: int):
    """A new code on a card to print; the old code stops working."""
    p = _mine(participant_id, view=False)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        code = login_codes.issue_login_code(db.session(), current_user, p)
    except ServiceError as error:
        flash(error.message, "error")
        return redirect(url_for("mentors.participant", participant_id=p.id))
    return render_template("mentors/login_card.html", participant=p, code=code)


@bp.route("/participants/<int:participant_id>/export")
@roles("mentor")
def export(participant_id: int):
    p = _mine(participant_id, view=False)
    return export_response(db.session(), current_user, p)
