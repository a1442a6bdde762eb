"""What the mentor and coordinator profile pages share: the page context, the JSON export
download and showing a refusal next to its field."""

import json

from flask import Response

from ..i18n import current_language
from ..services import caseload
from ..services import participant_catalogues as cat
from ..services import vocabulary as vocab
from ..services.participants import data_export, profiles, records
from .forms import SECTION_TITLES


def refuse(form, error) -> None:
    """A service refused: the message goes next to its field (or on top of the form)."""
    from .. import db

    db.session().rollback()
    target = getattr(form, error.field, None) if error.field else None
    if target is None:
        form.form_errors.append(error.message)
    else:
        target.errors = [*target.errors, error.message]


def profile_context(session, p) -> dict:
    case = caseload.cases(session, [p])[0]
    language = current_language()
    return {
        "participant": p,
        "case": case,
        "skills": [
            (row, vocab.skill_label(session, row.skill, language))
            for row in profiles.skills_of(session, p)
        ],
        "occupations": [
            vocab.occupation_label(session, code, language)
            for code in profiles.occupations_of(session, p)
        ],
        "certificates": profiles.certificates_of(session, p),
        "needs": profiles.support_needs_of(session, p),
        "shifts": profiles.shifts_of(p),
        "split": records.split_codes,
        "cat": cat,
        "section_titles": SECTION_TITLES,
        "endorsement": case.facts.endorsement,
        "consent": case.facts.consent,
        **case_labels(),
    }


def case_labels() -> dict:
    return {"case_states": cat.CASE_STATES, "case_todos": cat.CASE_TODOS}


def export_response(session, actor, p) -> Response:
    data = data_export.export(session, actor, p)
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        mimetype="application/json",
        headers={
            "Content-Disposition": f"attachment; filename=participant-{p.id}.json",
            "Cache-Control": "no-store",
        },
    )
