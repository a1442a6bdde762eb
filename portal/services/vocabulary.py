"""One vocabulary for people and the matcher: the built-in entries plus the ESCO concepts
imported into the database. An ESCO concept that names a built-in entry (same ESCO URI, or
a preferred/alternative label equal to one of the entry's names) is *linked*: it counts as
that entry everywhere (forms, type-ahead, matching). Others stand on their own as `esco:<id>`.

The ESCO part (about 13,000 skills) is read once per import into an in-memory catalogue
keyed by the table's row count and newest import time, so type-ahead and explanations do
not query thousands of rows per request."""

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock

from sqlalchemy import func
from sqlmodel import Session, select

from .. import vocabulary as builtin
from ..models import EscoOccupation, EscoSkill, utcnow
from ..vocabulary import esco

ESCO_PREFIX = "esco:"
KINDS = ("skill", "occupation")
SUGGESTIONS = 20


def esco_code(uri: str) -> str:
    """Portal code of an ESCO concept: its URI's last segment (an id unique in ESCO)."""
    return ESCO_PREFIX + uri.rstrip("/").rsplit("/", 1)[-1]


def normalized(text: str) -> str:
    """Case-, accent- and space-insensitive form of a name, for matching typed text."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


@dataclass(frozen=True)
class Entry:
    """One pickable item: its code, labels per language and every name it is known by."""

    code: str
    labels: Mapping[str, str]
    names: tuple[str, ...] = field(default=(), hash=False)  # normalized, all languages
    builtin: bool = True


def display(entry: Entry | None, locale) -> str:
    """The entry's label in `locale` (then Dutch, English, any language it has)."""
    if entry is None:
        return ""
    text = builtin.label({"code": "", "labels": entry.labels}, locale)
    return text or next((t for t in entry.labels.values() if t), entry.code)


def _names(labels: Mapping, alt_labels: Mapping) -> tuple[str, ...]:
    found = [normalized(t) for t in labels.values() if t]
    found += [normalized(t) for names in (alt_labels or {}).values() for t in names]
    return tuple(dict.fromkeys(n for n in found if n))


def _builtin_items(kind: str):
    return builtin.skills() if kind == "skill" else builtin.occupations()


def _table(kind: str):
    return EscoSkill if kind == "skill" else EscoOccupation


@dataclass
class Catalogue:
    """One kind's entries as of the last import; fetch it once for a batch of documents."""

    entries: dict[str, Entry]  # built-in and unlinked ESCO entries, by code
    links: dict[str, str]  # linked ESCO code -> built-in code
    # (code, locale) -> label: an explanation page asks for the same labels many times
    _labels: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def find(self, code: str) -> Entry | None:
        return self.entries.get(self.links.get(code, code)) if code else None

    def label(self, code: str, locale) -> str:
        """`display` of the code's entry ("" for a code in no list), remembered."""
        key = (code, str(locale))
        found = self._labels.get(key)
        if found is None:
            found = self._labels[key] = display(self.find(code), locale)
        return found

    def name(self, code: str, locale) -> str:
        """The label in the reader's language; the code itself only when it is in no list."""
        return self.label(code, locale) or (code or "")


_CACHE: dict[tuple, Catalogue] = {}
_LOCK = Lock()
VERSIONS = "vocabulary_versions"  # key in Session.info: kind -> catalogue of this session


def catalogue(db: Session, kind: str) -> Catalogue:
    """The entries of a kind. The import version is read once per session (a request): a page
    of twenty rows asks for labels hundreds of times; an import forgets it (import_esco)."""
    kept = db.info.get(VERSIONS)  # kind -> this session's catalogue
    if kept is None:
        versions = _versions(db)
        kept = db.info[VERSIONS] = {k: _current(db, k, versions[k]) for k in KINDS}
    return kept[kind]


# kind by kind: the rows of its table and its newest import time, in one query per request
_VERSIONS_QUERY = select(
    *(
        select(aggregate).select_from(_table(kind)).scalar_subquery()
        for kind in KINDS
        for aggregate in (func.count(), func.max(_table(kind).imported_at))
    )
)


def _versions(db: Session) -> dict[str, tuple]:
    """kind -> (rows, newest import time) of its table."""
    row = db.exec(_VERSIONS_QUERY).one()
    return {kind: tuple(row[2 * i : 2 * i + 2]) for i, kind in enumerate(KINDS)}


def _current(db: Session, kind: str, version: tuple) -> Catalogue:
    key = (str(db.get_bind().url), kind, *version)
    with _LOCK:
        found = _CACHE.get(key)
    if found is None:
        found = _build(db, kind)
        with _LOCK:
            if len(_CACHE) > 16:  # one entry per database and import; tests make many
                _CACHE.clear()
            _CACHE[key] = found
    return found


def _build(db: Session, kind: str) -> Catalogue:
    entries: dict[str, Entry] = {}
    extra: dict[str, list[str]] = {}
    for item in _builtin_items(kind):
        entries[item.code] = Entry(item.code, item.labels, _names(item.labels, item.alt_labels))
    links: dict[str, str] = {}
    table = _table(kind)
    rows = db.exec(select(table.code, table.labels, table.alt_labels, table.builtin_code))
    for code, labels, alt_labels, linked in rows:
        names = _names(labels or {}, alt_labels or {})
        if linked and linked in entries:
            links[code] = linked
            extra.setdefault(linked, []).extend(names)
        else:
            entries[code] = Entry(code, dict(labels or {}), names, builtin=False)
    for code, names in extra.items():  # a linked concept's names find the built-in entry
        entry = entries[code]
        entries[code] = Entry(code, entry.labels, tuple(dict.fromkeys(entry.names + tuple(names))))
    return Catalogue(entries, links)


def find(db: Session, kind: str, code: str) -> Entry | None:
    """The entry of a code (a linked ESCO code gives the built-in one); None when the code
    is in no list (typed text, or an entry removed since)."""
    return catalogue(db, kind).find(code)


def resolve(db: Session, kind: str, text: str) -> str | None:
    """The code that typed text or a code names, or None: a code, or an exact name in any
    language (built-in entries win over ESCO ones, 'heftruck' -> 'forklift')."""
    entry = find(db, kind, (text or "").strip())
    if entry is not None:
        return entry.code
    wanted = normalized(text)
    if not wanted:
        return None
    matches = [e for e in catalogue(db, kind).entries.values() if wanted in e.names]
    return min(matches, key=lambda e: not e.builtin).code if matches else None


def suggest(db: Session, kind: str, query: str, locale, limit: int = SUGGESTIONS) -> list[dict]:
    """The best `limit` entries for typed text in any language: a name that starts with it
    first, then a word that starts with it, then a name containing it; built-in first."""
    wanted = normalized(query)
    if not wanted:
        return []
    ranked = []
    for entry in catalogue(db, kind).entries.values():
        rank = min((_rank(name, wanted) for name in entry.names), default=9)
        if rank < 9:
            ranked.append(
                (rank, not entry.builtin, builtin._sort_key(display(entry, locale)), entry)
            )
    ranked.sort(key=lambda row: row[:3])
    return [{"code": row[3].code, "label": display(row[3], locale)} for row in ranked[:limit]]


def _rank(name: str, wanted: str) -> int:
    if name.startswith(wanted):
        return 0
    if f" {wanted}" in f" {name}":
        return 1
    return 2 if wanted in name else 9


def label(db: Session, kind: str, code: str, locale) -> str:
    """Label in the reader's language; the code itself only when it is in no list."""
    return catalogue(db, kind).name(code, locale)


def occupation_label(db: Session, code: str, locale) -> str:
    return label(db, "occupation", code, locale)


def skill_label(db: Session, code: str, locale) -> str:
    return label(db, "skill", code, locale)


def is_occupation(db: Session, code: str) -> bool:
    return find(db, "occupation", code) is not None


def is_skill(db: Session, code: str) -> bool:
    return find(db, "skill", code) is not None


def choices(db: Session, kind: str, locale, keep=()) -> list[tuple[str, str]]:
    """(code, label) for a plain select: the built-in list, then the ESCO entries already
    chosen (`keep`), so a form without JavaScript works and never offers 13,000 options."""
    items = list(_builtin_items(kind))
    pairs = builtin._choices(items, locale)
    known = {code for code, _label in pairs}
    for code in dict.fromkeys(keep or ()):
        entry = find(db, kind, code)
        if entry is not None and entry.code not in known:
            pairs.append((entry.code, display(entry, locale)))
            known.add(entry.code)
    return pairs


def occupation_choices(db: Session, locale) -> list[tuple[str, str]]:
    """Every occupation (built-in, then imported ones on their own): one select, short list."""
    found = catalogue(db, "occupation").entries.values()
    imported = sorted(
        ((e.code, display(e, locale)) for e in found if not e.builtin),
        key=lambda pair: builtin._sort_key(pair[1]),
    )
    return builtin.occupation_choices(locale) + imported


def skill_choices(db: Session, locale, keep=()) -> list[tuple[str, str]]:
    return choices(db, "skill", locale, keep)


# -- import ------------------------------------------------------------------------------------


def _link_index(kind: str) -> tuple[dict[str, str], dict[str, str]]:
    """(ESCO URI -> built-in code, normalized name -> built-in code) of the built-in list."""
    by_uri, by_name = {}, {}
    for item in _builtin_items(kind):
        if item.esco_uri:
            by_uri[item.esco_uri] = item.code
        for name in _names(item.labels, item.alt_labels):
            by_name.setdefault(name, item.code)
    return by_uri, by_name


def _linked(item, index: tuple[dict[str, str], dict[str, str]]) -> str | None:
    by_uri, by_name = index
    if item.uri in by_uri:
        return by_uri[item.uri]
    for name in _names(item.labels, item.alt_labels):
        if name in by_name:
            return by_name[name]
    return None


def import_esco(
    db: Session, folder: str | Path, progress: Callable[[str, int, int], None] | None = None
) -> dict[str, int]:
    """Store every occupation and skill of an ESCO download, linked to its built-in
    counterpart where one exists; re-running updates the rows in place (keyed by URI), so
    it is safe to repeat. `progress(kind, done, total)` is called as rows are written.
    Returns counts of added, updated and linked rows."""
    data = esco.read_esco(folder)
    counts = {"occupations_added": 0, "occupations_updated": 0, "occupations_linked": 0}
    counts |= {"skills_added": 0, "skills_updated": 0, "skills_linked": 0}
    batches = (
        ("occupations", EscoOccupation, data.occupations.values(), _link_index("occupation")),
        ("skills", EscoSkill, data.skills.values(), _link_index("skill")),
    )
    for kind, table, items, index in batches:
        items = list(items)
        existing = {row.uri: row for row in db.exec(select(table)).all()}
        for done, item in enumerate(items, start=1):
            row = existing.get(item.uri)
            counts[f"{kind}_{'updated' if row else 'added'}"] += 1
            if row is None:
                row = table(code=esco_code(item.uri), uri=item.uri)
            row.labels = dict(item.labels)
            row.alt_labels = {lang: list(names) for lang, names in item.alt_labels.items()}
            row.builtin_code = _linked(item, index)
            counts[f"{kind}_linked"] += row.builtin_code is not None
            row.imported_at = utcnow()
            if kind == "occupations":
                row.esco_code, row.isco_group = item.code, item.isco_group
            else:
                row.skill_type = item.skill_type
            db.add(row)
            if progress and (done % 500 == 0 or done == len(items)):
                progress(kind, done, len(items))
        db.flush()
    db.commit()
    db.info.pop(VERSIONS, None)
    return counts
