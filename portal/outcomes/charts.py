"""Bar charts drawn on the server as inline SVG (no chart library, no script): each has a
title and a description for screen readers, and the page shows a table that says the same."""

from markupsafe import Markup, escape

from ..i18n import current_direction

BAR_HEIGHT = 26
GAP = 10
LABEL_WIDTH = 230
BAR_WIDTH = 360
VALUE_WIDTH = 90
COLOURS = ("#1d5fa8", "#2e7d32", "#b45309", "#6b4fa0")
LABEL_CHARACTERS = 28  # what fits in LABEL_WIDTH at 14px; longer labels end in an ellipsis


def _fit(label: str) -> str:
    """A label that fits left of the bar (the full text is in the <title> and the table)."""
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def bar_chart(chart_id: str, title: str, bars: list[tuple[str, float, str]], maximum=None):
    """Horizontal bars: (label, value, value as text). `maximum` fixes the scale (1.0 for
    rates); the default is the largest value. Right-to-left pages get the mirror image: label
    on the right, bars growing to the left."""
    mirror = current_direction() == "rtl"
    maximum = maximum or max((value for _label, value, _text in bars), default=0) or 1
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH

    def x(start: float, length: float = 0.0) -> str:
        return f"{width - start - length if mirror else start:.1f}"

    label_anchor, value_anchor = ("start", "end") if mirror else ("end", "start")
    described = "; ".join(f"{label}: {text}" for label, _value, text in bars)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" direction="ltr" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>',
    ]
    for index, (label, value, text) in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(0.0, min(1.0, value / maximum)) * BAR_WIDTH
        colour = COLOURS[index % len(COLOURS)]
        middle = y + BAR_HEIGHT / 2 + 5
        parts += [
            f'<text x="{x(LABEL_WIDTH - 8)}" y="{middle}" text-anchor="{label_anchor}" '
            f'font-size="14" fill="#1f2933"><title>{escape(label)}</title>'
            f"{escape(_fit(label))}</text>",
            f'<rect x="{x(LABEL_WIDTH, BAR_WIDTH)}" y="{y}" width="{BAR_WIDTH}" '
            f'height="{BAR_HEIGHT}" fill="#eef2f6"/>',
            f'<rect x="{x(LABEL_WIDTH, length)}" y="{y}" width="{length:.1f}" '
            f'height="{BAR_HEIGHT}" fill="{colour}"/>',
            f'<text x="{x(LABEL_WIDTH + BAR_WIDTH + 8)}" y="{middle}" '
            f'text-anchor="{value_anchor}" font-size="14" fill="#1f2933">{escape(text)}</text>',
        ]
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every piece of text is escaped above
