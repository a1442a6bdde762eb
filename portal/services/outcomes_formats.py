"""The outcome figures as text: the CSV export (the dashboard's figures, long format) and the
lines the `portal outcomes` command prints for scripts."""

import io

from .checkins.recording import COMMITMENT_ANSWERS
from .csv_cells import SafeWriter
from .outcomes import Figures


def rate_text(value: float | None) -> str:
    """For scripts: three decimals, or "na" when there is nothing to divide by."""
    return "na" if value is None else f"{value:.3f}"


def summary_line(figures: Figures) -> str:
    r = {x.months: rate_text(x.rate) for x in figures.retention}
    return (
        f"outcomes endorsed={figures.endorsed or 0} proposed={figures.proposed} "
        f"hired={figures.hired} transition_rate={rate_text(figures.transition_rate)} "
        f"retention_3m={r[3]} retention_6m={r[6]} retention_12m={r[12]}"
    )


def csv_text(figures: Figures) -> str:
    """The same figures as the dashboard, long format: section, item, measure, value.
    Aggregates only (organisation names and codes, never a person)."""
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow(["section", "item", "measure", "value"])
    f = figures.filters
    for name, value in (
        ("period_start", f.start),
        ("period_end", f.end),
        ("wise_id", f.wise_id),
        ("sector", f.sector),
        ("region", f.region),
        ("employer_id", f.employer_id),
        ("computed_on", figures.today),
    ):
        writer.writerow(["filter", name, "value", "" if value is None else value])
    headline = (
        ("endorsed", "" if figures.endorsed is None else figures.endorsed),
        ("proposed", figures.proposed),
        ("hires_agreed", figures.agreed),
        ("hired", figures.hired),  # started: the first working day has come
        ("hires", figures.hires),
        ("transition_rate", rate_text(figures.transition_rate)),
        (
            "median_days_endorsement_to_hire",
            "na" if figures.median_days_to_hire is None else figures.median_days_to_hire,
        ),
    )
    for name, value in headline:
        writer.writerow(["headline", name, "value", value])
    for r in figures.retention:
        item = f"{r.months}_months"
        writer.writerow(["retention", item, "cohort", r.cohort])
        writer.writerow(["retention", item, "retained", r.retained])
        writer.writerow(["retention", item, "rate", rate_text(r.rate)])
    for c in figures.commitments:
        writer.writerow(["commitments", c.employer_name, "checkins", c.checkins])
        for answer in COMMITMENT_ANSWERS:
            writer.writerow(["commitments", c.employer_name, answer, c.answers[answer]])
        writer.writerow(["commitments", c.employer_name, "kept_rate", rate_text(c.kept_rate)])
    for reason, count in figures.declined:
        writer.writerow(["declined", reason, "proposals", count])
    return out.getvalue()
