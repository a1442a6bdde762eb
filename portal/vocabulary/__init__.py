"""Built-in multilingual vocabulary of entry-level occupations and skills.

The portal needs one shared list of jobs and skills that participants, mentors and
employers all pick from, in Dutch, French, English and Arabic, so that a profile
and a vacancy can be matched on codes instead of free text. The list is small and
hand-written (see the "source" key in the JSON files); the full ESCO
classification can be imported separately with :mod:`portal.vocabulary.esco`.

The data lives in ``occupations.json`` and ``skills.json`` next to this module so
it ships with the package and is reviewed like code. Nothing is read at import
time: the files are parsed on first use and then kept in memory. This module is
plain Python (no Flask) so scripts, migrations and tests can use it too.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

__all__ = [
    "FALLBACK_LOCALES",
    "LOCALES",
    "SKILL_KINDS",
    "Group",
    "Occupation",
    "Skill",
    "group",
    "grouped_occupation_choices",
    "groups",
    "label",
    "occupation",
    "occupation_choices",
    "occupations",
    "related_occupations",
    "skill",
    "skill_choices",
    "skills",
]

#: Languages every label is written in: the portal's ten (portal.config.LANGUAGES), so a
#: participant reads the job and its skills in their own language.
LOCALES = ("nl", "fr", "en", "ar", "uk", "fa", "ps", "ti", "so", "tr")
#: Where :func:`label` looks when the wanted language is missing: Dutch is the
#: working language in Flanders, English the most widely understood second one.
FALLBACK_LOCALES = ("nl", "en")
#: Allowed values of :attr:`Skill.kind`.
SKILL_KINDS = ("practical", "safety", "social", "language", "digital")


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Group:
    """A family of occupations (logistics, cleaning, ...), used to browse and to
    suggest neighbouring jobs."""

    code: str
    labels: Mapping[str, str] = field(hash=False)


@dataclass(frozen=True)
class Occupation:
    """An entry-level job. ``skills`` are the typical skills asked for it;
    ``related`` are close jobs in *other* groups (same-group jobs are implied)."""

    code: str
    group: str
    labels: Mapping[str, str] = field(hash=False)
    skills: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    #: Extra names per language, for search only (never shown as the title).
    alt_labels: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: _frozen(None), hash=False
    )
    #: Indicative ISCO-08 unit group (4 digits), or None.
    isco: str | None = None
    #: ESCO concept URI, only where it was checked; None otherwise.
    esco_uri: str | None = None


@dataclass(frozen=True)
class Skill:
    """A concrete, plain-language skill; ``kind`` is one of :data:`SKILL_KINDS`."""

    code: str
    labels: Mapping[str, str] = field(hash=False)
    kind: str | None = None
    #: Extra names per language ("heftruck"), so typed text resolves to this skill.
    alt_labels: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: _frozen(None), hash=False
    )
    #: ESCO concept URI, only where it was checked; None otherwise.
    esco_uri: str | None = None


@dataclass(frozen=True)
class _Vocabulary:
    groups: Mapping[str, Group]
    occupations: Mapping[str, Occupation]
    skills: Mapping[str, Skill]


def _read_json(name: str) -> dict[str, Any]:
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)


def _index(items: list[Any], what: str) -> Mapping[str, Any]:
    """Key by code, refusing duplicates: a duplicate would silently hide an entry."""
    by_code: dict[str, Any] = {}
    for item in items:
        if item.code in by_code:
            raise ValueError(f"duplicate {what} code in vocabulary: {item.code!r}")
        by_code[item.code] = item
    return MappingProxyType(by_code)


@cache
def _load() -> _Vocabulary:
    """Parse both JSON files once; every public function reads from this."""
    occ_data = _read_json("occupations.json")
    skill_data = _read_json("skills.json")
    group_list = [Group(code=g["code"], labels=_frozen(g["labels"])) for g in occ_data["groups"]]
    occupation_list = [
        Occupation(
            code=o["code"],
            group=o["group"],
            labels=_frozen(o["labels"]),
            skills=tuple(o.get("skills", ())),
            related=tuple(o.get("related", ())),
            alt_labels=_frozen({k: tuple(v) for k, v in o.get("alt_labels", {}).items()}),
            isco=o.get("isco"),
            esco_uri=o.get("esco_uri"),
        )
        for o in occ_data["occupations"]
    ]
    skill_list = [
        Skill(
            code=s["code"],
            labels=_frozen(s["labels"]),
            kind=s.get("kind"),
            alt_labels=_frozen({k: tuple(v) for k, v in s.get("alt_labels", {}).items()}),
            esco_uri=s.get("esco_uri"),
        )
        for s in skill_data["skills"]
    ]
    return _Vocabulary(
        groups=_index(group_list, "group"),
        occupations=_index(occupation_list, "occupation"),
        skills=_index(skill_list, "skill"),
    )


def groups() -> tuple[Group, ...]:
    """All occupation groups, in the curated order of the data file."""
    return tuple(_load().groups.values())


def occupations(group: str | None = None) -> tuple[Occupation, ...]:
    """All occupations (optionally only one group), in the data file's order."""
    items = _load().occupations.values()
    return tuple(o for o in items if group is None or o.group == group)


def skills(kind: str | None = None) -> tuple[Skill, ...]:
    """All skills (optionally only one kind), in the data file's order."""
    items = _load().skills.values()
    return tuple(s for s in items if kind is None or s.kind == kind)


def group(code: str | None) -> Group | None:
    """The group with this code, or None (codes may come from old records)."""
    return _load().groups.get(code) if code else None


def occupation(code: str | None) -> Occupation | None:
    """The occupation with this code, or None (e.g. a code from an ESCO import)."""
    return _load().occupations.get(code) if code else None


def skill(code: str | None) -> Skill | None:
    """The skill with this code, or None."""
    return _load().skills.get(code) if code else None


def _language(locale: Any) -> str:
    """'nl_BE', 'fr-BE' or a babel Locale -> 'nl' / 'fr'."""
    text = str(locale or "").strip().replace("-", "_")
    return text.split("_", 1)[0].lower()


def label(item: Any, locale: Any = None) -> str:
    """Display name of a group, occupation or skill in ``locale``.

    Falls back to Dutch, then English, then the code, so a screen never shows
    an empty cell. ``item`` may be one of the dataclasses above, a plain
    ``{"nl": ..., ...}`` mapping, a dict with a ``labels`` key, or None (-> "").
    ``locale`` may be "nl", "fr_BE", "ar" or a babel ``Locale``.
    """
    if item is None:
        return ""
    if isinstance(item, Mapping):
        labels = item.get("labels", item)
        code = item.get("code", "")
    else:
        labels = getattr(item, "labels", {}) or {}
        code = getattr(item, "code", "")
    for lang in (_language(locale), *FALLBACK_LOCALES):
        text = labels.get(lang) if isinstance(labels, Mapping) else None
        if isinstance(text, str) and text.strip():
            return text
    return str(code)


def related_occupations(code: str) -> tuple[Occupation, ...]:
    """Occupations worth suggesting next to ``code``: first the others in the same
    group, then the hand-picked ``related`` ones from other groups (links count in
    both directions). Unknown code -> empty tuple."""
    vocab = _load()
    base = vocab.occupations.get(code)
    if base is None:
        return ()
    wanted = [o.code for o in vocab.occupations.values() if o.group == base.group]
    wanted += list(base.related)
    wanted += [o.code for o in vocab.occupations.values() if code in o.related]
    seen = {code}
    result = []
    for other in wanted:
        if other not in seen and other in vocab.occupations:
            seen.add(other)
            result.append(vocab.occupations[other])
    return tuple(result)


def _sort_key(text: str) -> tuple[str, str]:
    """Case- and accent-insensitive key, so 'école' sorts with 'e' not after 'z'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.casefold(), text


def _choices(items: Any, locale: Any) -> list[tuple[str, str]]:
    pairs = [(item.code, label(item, locale)) for item in items]
    return sorted(pairs, key=lambda pair: _sort_key(pair[1]))


def occupation_choices(locale: Any = None, group: str | None = None) -> list[tuple[str, str]]:
    """(code, label) pairs sorted by label, ready for a WTForms SelectField."""
    return list(_sorted_choices("occupation", _language(locale), group))


def skill_choices(locale: Any = None, kind: str | None = None) -> list[tuple[str, str]]:
    """(code, label) pairs sorted by label, ready for a WTForms (Multi)SelectField."""
    return list(_sorted_choices("skill", _language(locale), kind))


@lru_cache(maxsize=256)
def _sorted_choices(what: str, language: str, within: str | None) -> tuple[tuple[str, str], ...]:
    """Sorted once per language and list: the built-in vocabulary is fixed for the process,
    and the vacancy list's filter sorted every occupation's label on each visit."""
    items = occupations(within) if what == "occupation" else skills(within)
    return tuple(_choices(items, language))


def grouped_occupation_choices(locale: Any = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(group label, [(code, label), ...]), ...] for a select with <optgroup>s;
    groups keep the curated order, occupations are sorted by label."""
    return [(label(g, locale), occupation_choices(locale, g.code)) for g in groups()]
