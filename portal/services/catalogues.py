"""Small fixed lists shared by vacancies, participant profiles and matching: Dutch levels
(CEFR) with a plain explanation, shifts, contract types, driving licences, certificates,
organisation sizes and aftercare rhythms. Every label is lazy (`_l`), so importing this
module is cheap and each page shows them in the reader's language.

Other areas import from here (for example `from portal.services.catalogues import
DUTCH_LEVELS, dutch_level`); the stored values are the codes, never the labels."""

from dataclasses import dataclass

from ..i18n import _l


@dataclass(frozen=True)
class Item:
    code: str
    label: object  # a lazy string
    explanation: object = ""


@dataclass(frozen=True)
class DutchLevel(Item):
    ordinal: int = 0  # A0 = 0 ... C1 = 5: compare levels with this number


DUTCH_LEVELS: tuple[DutchLevel, ...] = (
    DutchLevel("A0", "A0", _l("No Dutch yet: knows a few words."), 0),
    DutchLevel("A1", "A1", _l("Understands and says simple words and greetings."), 1),
    DutchLevel("A2", "A2", _l("Understands short, simple instructions at work."), 2),
    DutchLevel("B1", "B1", _l("Talks about work and daily life; follows a safety briefing."), 3),
    DutchLevel("B2", "B2", _l("Speaks easily with colleagues and customers."), 4),
    DutchLevel("C1", "C1", _l("Speaks and writes Dutch well, also complex texts."), 5),
)

SHIFTS: tuple[Item, ...] = (
    Item("day", _l("Day")),
    Item("evening", _l("Evening")),
    Item("night", _l("Night")),
    Item("weekend", _l("Weekend")),
)

CONTRACT_TYPES: tuple[Item, ...] = (
    Item("open-ended", _l("Open-ended contract")),
    Item("fixed-term", _l("Fixed-term contract")),
    Item("temp-to-perm", _l("Temporary work leading to a permanent job")),
    Item("temporary", _l("Temporary work (agency)")),
    Item("seasonal", _l("Seasonal work")),
)

LICENCE_CATEGORIES: tuple[Item, ...] = (
    Item("", _l("No driving licence needed")),
    Item("B", _l("B: car")),
    Item("BE", _l("BE: car with trailer")),
    Item("C", _l("C: truck")),
    Item("CE", _l("CE: truck with trailer")),
    Item("D", _l("D: bus")),
    Item("G", _l("G: tractor")),
)

# The one certificate list: vacancies ask for these codes and participants record them.
CERTIFICATES: tuple[Item, ...] = (
    Item("vca-basic", _l("VCA basic safety")),
    Item("vca-vol", _l("VCA for supervisors (VOL)")),
    Item("forklift", _l("Forklift")),
    Item("reach-truck", _l("Reach truck")),
    Item("aerial-platform", _l("Aerial work platform")),
    Item("food-hygiene", _l("Food hygiene")),
    Item("first-aid", _l("First aid")),
    Item("welding", _l("Welding")),
    Item("cleaning-machine", _l("Cleaning machine")),
)

ORGANISATION_SIZES: tuple[Item, ...] = (
    Item("1-9", _l("1 to 9 people")),
    Item("10-49", _l("10 to 49 people")),
    Item("50-249", _l("50 to 249 people")),
    Item("250+", _l("250 people or more")),
)

AFTERCARE_RHYTHMS: tuple[Item, ...] = (
    Item("2-weeks", _l("Every two weeks")),
    Item("monthly", _l("Every month")),
    Item("milestones", _l("After 1, 3, 6 and 12 months")),
)


def codes(items) -> tuple[str, ...]:
    return tuple(item.code for item in items)


def find(items, code) -> Item | None:
    return next((item for item in items if item.code == code), None)


def label(items, code) -> str:
    """The label of a code in the current language; the code itself when it is unknown."""
    item = find(items, code)
    return str(item.label) if item else str(code or "")


def dutch_level(code: str | None) -> DutchLevel | None:
    return find(DUTCH_LEVELS, code)


def pairs(items) -> list[tuple[str, object]]:
    """(code, label) pairs for a select field."""
    return [(item.code, item.label) for item in items]


def dutch_level_pairs() -> list[tuple[str, str]]:
    return [(level.code, f"{level.code}: {level.explanation}") for level in DUTCH_LEVELS]
