"""The portal's pictograms: simple strokes on a 24x24 grid, in the text colour, written here
and not as a Jinja macro: a card page draws over a hundred of them, and a macro call each
cost more than the page's match query.

Each shape is written once per page, as a <symbol> in a hidden sprite at the end of the
body (`sprite()`, called by base.html), and every pictogram points at it (<use>): a
participant's card page drew 250 of them, half of its weight on a phone. pictogram(name) is
decorative (aria-hidden) and always stands next to visible words; pictogram(name, label) is
an image with an accessible name (role="img" and <title>)."""

from functools import lru_cache

from flask.globals import _cv_app
from markupsafe import Markup, escape

# How every stroke is drawn; on each <symbol>, which its <use> copies into the page.
STROKE = (
    'fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" '
    'stroke-linejoin="round"'
)

SHAPES = {
    "person": '<circle cx="12" cy="8" r="4"/><path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7"/>',
    "tools": (
        '<path d="M14.5 4.5a4 4 0 0 0 5 5L11 18a2.1 2.1 0 0 1-3-3z"/><path d="M3 21l4.5-4.5"/>'
    ),
    "work": (
        '<rect x="3" y="7" width="18" height="13" rx="2"/>'
        '<path d="M9 7V5a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v2M3 13h18"/>'
    ),
    "clock": '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3.5 2.5"/>',
    "shift": (
        '<circle cx="8" cy="9" r="3"/>'
        '<path d="M8 2.5v1.5M8 14v1.5M1.5 9H3M13 9h1.5M3.4 4.4l1 1M11.6 12.6l1 1M3.4'
        ' 13.6l1-1M11.6 5.4l1-1"/>'
        '<path d="M20.5 15.5A5 5 0 0 1 14 21.5a5 5 0 0 0 1.5-9.5 5 5 0 0 1 5 3.5z"/>'
    ),
    "place": (
        '<path d="M12 21s-6.5-6-6.5-11a6.5 6.5 0 0 1 13 0c0 5-6.5 11-6.5 11z"/>'
        '<circle cx="12" cy="10" r="2.3"/>'
    ),
    "travel": (
        '<circle cx="6" cy="16" r="3.5"/><circle cx="18" cy="16" r="3.5"/>'
        '<path d="M6 16l4-7h6l2 7M10 9l4 7h-4M14 5.5h3"/>'
    ),
    "dutch": '<path d="M4 5h16v10H10l-5 4v-4H4z"/><path d="M8 9h8M8 12h5"/>',
    "licence": (
        '<path d="M4 16v-4l2-5h12l2 5v4z"/><path d="M4 12h16"/><circle cx="8" cy="16" r="1.8"/>'
        '<circle cx="16" cy="16" r="1.8"/><path d="M4 16v3M20 16v3"/>'
    ),
    "buddy": (
        '<circle cx="8" cy="7.5" r="3"/><circle cx="16.5" cy="7.5" r="3"/>'
        '<path d="M2.5 20c0-3.6 2.5-6 5.5-6s5.5 2.4 5.5 6M11.5 14.6c1.2-.4 3-.6 5-.6 3 0'
        ' 5 2.4 5 6"/>'
    ),
    "heart": (
        '<path d="M12 20s-7.5-4.6-7.5-10A4.2 4.2 0 0 1 12 7.6 4.2 4.2 0 0 1 19.5 10c0'
        ' 5.4-7.5 10-7.5 10z"/>'
    ),
    "star": (
        '<path d="M12 3l2.7 5.6 6.1.8-4.5 4.2 1.1 6.1L12 16.8l-5.4 2.9 1.1-6.1L3.2 9.4l6.1-.8z"/>'
    ),
    "met": '<circle cx="12" cy="12" r="9"/><path d="M7.5 12.5l3 3 6-6.5"/>',
    "learn": '<path d="M3 19h5v-4h5v-4h5V7h3"/><path d="M16 4h5v5"/>',
    "missing": '<circle cx="12" cy="12" r="9"/><path d="M8.5 8.5l7 7M15.5 8.5l-7 7"/>',
    "stop": '<circle cx="12" cy="12" r="9"/><path d="M5.6 18.4L18.4 5.6"/>',
    "eye": (
        '<path d="M2 12s3.6-6 10-6 10 6 10 6-3.6 6-10 6S2 12 2 12z"/>'
        '<circle cx="12" cy="12" r="2.8"/>'
    ),
    "mail": ('<rect x="3" y="5.5" width="18" height="13" rx="2"/><path d="M3.5 6.5l8.5 7 8.5-7"/>'),
    "phone": (
        '<path d="M5 3.5h3.5l1.5 4.5-2.3 1.5a11 11 0 0 0 6.8 6.8l1.5-2.3 4.5 1.5V19a1.5'
        ' 1.5 0 0 1-1.5 1.5A16.5 16.5 0 0 1 3.5 5 1.5 1.5 0 0 1 5 3.5z"/>'
    ),
    "speaker": (
        '<path d="M4 9h4l5-4v14l-5-4H4z"/>'
        '<path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12"/>'
    ),
    "search": '<circle cx="10.5" cy="10.5" r="6"/><path d="M15 15l5.5 5.5"/>',
}


def pictogram(name: str, label: str | None = None, size: int = 32) -> Markup:
    mark_used(name)
    return _drawn(name, str(label) if label else None, int(size))


def mark_used(name: str) -> None:
    """Ask for the shape in this page's sprite; for markup that holds a pictogram and is
    remembered between requests (a read-aloud button)."""
    if name not in SHAPES:
        raise KeyError(name)
    context = _cv_app.get(None)
    if context is not None:
        context.g.__dict__.setdefault("_portal_pictograms", set()).add(name)


def sprite() -> Markup:
    """The hidden <svg> with a <symbol> for each shape this page used, nothing when none."""
    context = _cv_app.get(None)
    used = context.g.__dict__.get("_portal_pictograms") if context is not None else None
    return _sprite(frozenset(used)) if used else Markup("")


@lru_cache(maxsize=256)
def _sprite(names: frozenset) -> Markup:
    symbols = "".join(
        f'<symbol id="pg-{name}" viewBox="0 0 24 24" {STROKE}>{SHAPES[name]}</symbol>'
        for name in sorted(names)
    )
    return Markup(f'<svg class="pictogram-sprite" hidden aria-hidden="true">{symbols}</svg>')  # noqa: S704 - fixed shapes


@lru_cache(maxsize=1024)
def _drawn(name: str, label: str | None, size: int) -> Markup:
    if label:
        named = f' role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>'
    else:
        named = ' aria-hidden="true">'
    return Markup(  # noqa: S704 - fixed names; the label is escaped
        f'<svg class="pictogram pictogram--{escape(name)}" width="{size}" height="{size}" '
        f'focusable="false"{named}<use href="#pg-{escape(name)}"/></svg>'
    )
