"""The vocabulary as forms and pages use it: the built-in list first, then any ESCO
occupations and skills imported into the database; and the ESCO importer itself."""

from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session, select

from .. import vocabulary as builtin
from ..models import EscoOccupation, EscoSkill, utcnow
from ..vocabulary import esco

ESCO_PREFIX = "esco:"


def esco_code(uri: str) -> str:
    """Portal code of an ESCO concept: its URI's last segment (an id unique in ESCO)."""
    return ESCO_PREFIX + uri.rstrip("/").rsplit("/", 1)[-1]


def _imported_pairs(db: Session, table, builtin_items, locale) -> list[tuple[str, str]]:
    """Imported items not already in the built-in list (same ESCO URI), sorted by label."""
    known = {getattr(item, "esco_uri", None) for item in builtin_items} - {None}
    rows = db.exec(select(table.code, table.uri, table.labels)).all()
    pairs = [
        (code, builtin.label({"code": code, "labels": labels}, locale))
        for code, uri, labels in rows
        if uri not in known
    ]
    return sorted(pairs, key=lambda pair: builtin._sort_key(pair[1]))


def occupation_choices(db: Session, locale) -> list[tuple[str, str]]:
    return builtin.occupation_choices(locale) + _imported_pairs(
        db, EscoOccupation, builtin.occupations(), locale
    )


def skill_choices(db: Session, locale) -> list[tuple[str, str]]:
    return builtin.skill_choices(locale) + _imported_pairs(db, EscoSkill, (), locale)


def _label(db: Session, table, lookup, code: str, locale) -> str:
    item = lookup(code)
    if item is not None:
        return builtin.label(item, locale)
    if code and code.startswith(ESCO_PREFIX):
        labels = db.exec(select(table.labels).where(table.code == code)).first()
        if labels is not None:
            return builtin.label({"code": code, "labels": labels}, locale)
    return code or ""


def occupation_label(db: Session, code: str, locale) -> str:
    return _label(db, EscoOccupation, builtin.occupation, code, locale)


def skill_label(db: Session, code: str, locale) -> str:
    return _label(db, EscoSkill, builtin.skill, code, locale)


def _known(db: Session, table, lookup, code: str) -> bool:
    if lookup(code) is not None:
        return True
    return bool(code) and db.exec(select(table.id).where(table.code == code)).first() is not None


def is_occupation(db: Session, code: str) -> bool:
    return _known(db, EscoOccupation, builtin.occupation, code)


def is_skill(db: Session, code: str) -> bool:
    return _known(db, EscoSkill, builtin.skill, code)


def import_esco(
    db: Session, folder: str | Path, progress: Callable[[str, int, int], None] | None = None
) -> dict[str, int]:
    """Store every occupation and skill of an ESCO download; re-running updates the rows
    in place (keyed by URI), so it is safe to repeat. `progress(kind, done, total)` is
    called as rows are written. Returns counts of added and updated rows."""
    data = esco.read_esco(folder)
    counts = {"occupations_added": 0, "occupations_updated": 0}
    counts |= {"skills_added": 0, "skills_updated": 0}
    batches = (
        ("occupations", EscoOccupation, data.occupations.values()),
        ("skills", EscoSkill, data.skills.values()),
    )
    for kind, table, items in batches:
        items = list(items)
        existing = {row.uri: row for row in db.exec(select(table)).all()}
        for done, item in enumerate(items, start=1):
            row = existing.get(item.uri)
            counts[f"{kind}_{'updated' if row else 'added'}"] += 1
            if row is None:
                row = table(code=esco_code(item.uri), uri=item.uri)
            row.labels = dict(item.labels)
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
    return counts
