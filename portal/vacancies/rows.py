"""The rows of the vacancy list, written in Python like the match rows (portal/matches/rows.py):
twenty rows ran a commitment macro and seven cells of lookups each, a third of the page's time.
Every value is escaped."""

from markupsafe import Markup, escape

from ..i18n import _, day_text, ngettext
from ..row_links import ROW, row_link
from ..services.vacancies import browse


def commitment_summary(c) -> str:
    """A mentoring commitment in short: who helps, how many hours a week, for how long."""
    if c is None:
        return _("No mentoring commitment yet.")
    hours = ngettext("%(num)d hour a week", "%(num)d hours a week", c.buddy_hours_per_week)
    months = ngettext("%(num)d month", "%(num)d months", c.months)
    return f"{c.buddy_role}: " + _("%(hours)s for %(months)s", hours=hours, months=months)


def vacancy_rows(rows, labels: dict) -> Markup:
    """`<tr>`s of (summary row, km or None) rows, as browse.search returns them."""
    coaching = escape(_("coaching"))
    coaching = f' <span class="tag">{coaching}</span>'
    html = []
    detail = row_link("vacancies.detail", vacancy_id=ROW)
    for v, km in rows:
        link = escape(detail(v.id))
        distance = ""
        if km is not None:
            words = escape(_("%(km)s km straight-line", km=km))
            distance = f'<br><span class="hint">{words}</span>'
        closing = escape(day_text(v.closing_date, "medium"))
        html.append(
            f'<tr>\n<td><a href="{link}">{escape(v.title)}</a><br>'
            f'<span class="hint">{escape(labels[v.occupation_code])}</span></td>\n'
            f"<td>{escape(v.employer)}</td>\n"
            f"<td>{escape(v.postcode)} {escape(v.town)}{distance}</td>\n"
            f"<td>{escape(v.hours_per_week)}</td>\n"
            f"<td>{escape(v.dutch_level_code)}{coaching if v.language_coaching else ''}</td>\n"
            f"<td>{escape(commitment_summary(browse.commitment_in(v)))}</td>\n"
            f"<td>{closing}</td>\n</tr>"
        )
    return Markup("\n".join(html))  # noqa: S704 - every value escaped
