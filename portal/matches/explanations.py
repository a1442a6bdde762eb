"""A match explanation as HTML, written in Python: a ranked page shows twenty matches of
about fifteen criteria each, and a Jinja macro call per line cost more than the whole match
query. The status labels are translated once per list; every message is escaped."""

from markupsafe import Markup, escape

from ..i18n import _

# status -> the mark beside the line (the word says the same for screen readers)
MARKS = {"met": "✓", "coachable": "~", "check": "?"}
MISSING_MARK = "✗"


def criteria_html(criteria, hide=()) -> Markup:
    """The criteria (portal.matching.results.Criterion) as one list, those in `hide` left out.
    The start of a line depends only on its status: written once per status and list."""
    labels = {"met": _("Met"), "coachable": _("Coachable"), "check": _("Check this yourself")}
    missing = _("Missing")
    starts: dict[str, str] = {}
    lines = []
    for c in criteria:
        if c.code in hide:
            continue
        start = starts.get(c.status)
        if start is None:
            label = escape(labels.get(c.status, missing))
            start = starts[c.status] = (
                f'<li class="criterion criterion--{escape(c.status)}">'
                f'<span aria-hidden="true">{MARKS.get(c.status, MISSING_MARK)}</span> '
                f"<strong>{label}:</strong> "
            )
        lines.append(f"{start}{escape(c.message)}</li>")
    return Markup('<ul class="criteria">\n' + "\n".join(lines) + "\n</ul>")  # noqa: S704
