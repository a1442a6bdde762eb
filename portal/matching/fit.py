"""A fit the reader understands instead of a raw score: one of a few fit levels and a line
of words ("fits 5 of 6 must-haves, Dutch coachable, 12 km"), built from the same rules as
the ranking (rules.band), so every page and both directions use the same words. Numbers
are formatted for the reader's locale."""

from dataclasses import dataclass

from .. import vocabulary
from ..i18n import _, _l, current_language, decimal_text, ngettext
from .rules import CLOSE, GOOD, LEARNING, STRONG, WITH_GAP, band, must_levels, needs_met

# band -> (css code, words): two bands share "good fit", the reader needs no finer grain.
LEVELS = {
    STRONG: ("strong", _l("Strong fit")),
    GOOD: ("good", _l("Good fit")),
    LEARNING: ("good", _l("Good fit")),
    WITH_GAP: ("gap", _l("Fit with a gap")),
    CLOSE: ("close", _l("Close, with a gap")),
}


@dataclass(frozen=True)
class Fit:
    level: str  # strong | good | gap | close
    label: str
    words: str
    gap: tuple[str, ...]  # labels of the must-haves not in the profile

    @property
    def main(self) -> bool:
        """In the main list; "close" ones go under their own heading."""
        return self.level != "close"


def km_text(km: float) -> str:
    """A distance for the reader's locale: "12", "0,4" in Dutch, never "0.0"."""
    return decimal_text(round(km, 1), "#,##0.#")


def fit_of(v, p, km: float | None) -> Fit:
    code, label = LEVELS[band(v, p)]
    levels = must_levels(v, p)
    gap = tuple(
        vocabulary.label(vocabulary.skill(c), current_language()) or c
        for c, level in zip(v.must, levels, strict=True)
        if not level
    )
    words = []
    if levels:
        present = len(levels) - levels.count(0)
        words.append(
            ngettext(
                "fits %(present)d of %(num)d must-have",
                "fits %(present)d of %(num)d must-haves",
                len(levels),
                present=present,
            )
        )
        learning = sum(1 for level in levels if level == 1)
        if learning:
            words.append(ngettext("%(num)d still learning", "%(num)d still learning", learning))
    else:
        words.append(_("no must-have skills asked"))
    if p.dutch < v.dutch:
        words.append(_("Dutch coachable"))
    if p.needs and 2 * len(needs_met(v, p)) < len(p.needs):
        words.append(_("support needs partly met"))
    if km is not None:
        words.append(_("%(km)s km", km=km_text(km)))
    return Fit(code, str(label), ", ".join(str(w) for w in words), gap)
