"""A match explanation as HTML, written in Python: a ranked page shows twenty matches of
about fifteen criteria each, and a Jinja macro call per line cost more than the whole match
query. The status labels are translated once per list; every message is escaped."""

from markupsafe import Markup, escape

from ..i18n import _

# status -> the mark beside the line (the word says the same for screen readers)
MARKS = {"met": "✓", "coachable": "~", "check": "?"}
MISSING_MARK = "✗"


def _labels() -> dict[str, str]:
    return {"met": _("Met"), "coachable": _("Coachable"), "check": _("Check this yourself")}


def criteria_html(criteria, hide=()) -> Markup:
    """The criteria (portal.matching.rules.Criterion) as one list, those in `hide` left out."""
    labels, missing = _labels(), escape(_("Missing"))
    lines = [
        f'<li class="criterion criterion--{escape(c.status)}">'
        f'<span aria-hidden="true">{MARKS.get(c.status, MISSING_MARK)}</span> '
        f"<strong>{escape(labels[c.status]) if c.status in labels else missing}:</strong> "
        f"{escape(c.message)}</li>"
        for c in criteria
        if c.code not in hide
    ]
    return Markup('<ul class="criteria">\n' + "\n".join(lines) + "\n</ul>")  # noqa: S704
