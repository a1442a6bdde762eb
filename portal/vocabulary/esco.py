"""Reader for the ESCO classification download in CSV format (v1.1 / v1.2).

Why: the built-in vocabulary is deliberately short. When the full European
occupation and skill list is wanted, the database importer reads the official
ESCO download with :func:`read_esco`. This module only parses and checks the
files and returns plain dataclasses; storing them is the importer's job. It
imports nothing from Flask or the database.

Files looked for in ``folder`` (or, if not there, in its sub-folders, because
the ESCO zip unpacks into "ESCO dataset - v1.2.0 - classification - nl - csv/"):

* ``occupations_<lang>.csv`` - conceptType, conceptUri, iscoGroup, preferredLabel,
  altLabels, hiddenLabels, status, modifiedDate, regulatedProfessionNote,
  scopeNote, definition, inScheme, description, code (v1.2 adds naceCode);
* ``skills_<lang>.csv`` - conceptType, conceptUri, skillType, reuseLevel,
  preferredLabel, altLabels, hiddenLabels, status, modifiedDate, scopeNote,
  definition, inScheme, description;
* ``occupationSkillRelations.csv`` or ``occupationSkillRelations_<lang>.csv`` -
  occupationUri, relationType (essential/optional), skillType, skillUri
  (v1.2 adds occupationLabel and skillLabel). The relations are the same in
  every language, so one file is read.

Columns are found by header name, so their order and extra columns do not
matter. A language whose files are missing is skipped (and listed in
:attr:`EscoData.missing`); a file without a required column raises a
ValueError naming the file and the column.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "OCCUPATION_COLUMNS",
    "RELATION_COLUMNS",
    "SKILL_COLUMNS",
    "EscoData",
    "EscoOccupation",
    "EscoSkill",
    "read_esco",
]

#: Columns without which a file cannot be used; all others are optional.
OCCUPATION_COLUMNS = ("conceptUri", "iscoGroup", "preferredLabel")
SKILL_COLUMNS = ("conceptUri", "skillType", "preferredLabel")
RELATION_COLUMNS = ("occupationUri", "relationType", "skillUri")

RELATION_TYPES = ("essential", "optional")


@dataclass
class EscoOccupation:
    """One ESCO occupation with its labels in every language that was read."""

    uri: str
    isco_group: str = ""
    #: ESCO's own code, e.g. "9333.1" (empty in files without a code column).
    code: str = ""
    status: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    hidden_labels: dict[str, list[str]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    essential_skills: list[str] = field(default_factory=list)
    optional_skills: list[str] = field(default_factory=list)


@dataclass
class EscoSkill:
    """One ESCO skill or knowledge concept."""

    uri: str
    #: "skill/competence" or "knowledge".
    skill_type: str = ""
    #: "transversal", "cross-sector", "sector-specific" or "occupation-specific".
    reuse_level: str = ""
    status: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    hidden_labels: dict[str, list[str]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)


@dataclass
class EscoData:
    """Everything read from one ESCO download folder."""

    occupations: dict[str, EscoOccupation] = field(default_factory=dict)
    skills: dict[str, EscoSkill] = field(default_factory=dict)
    #: Languages for which an occupations or skills file was read.
    languages: tuple[str, ...] = ()
    #: Files that were read, in order.
    files: list[Path] = field(default_factory=list)
    #: Names of expected files that were not found (e.g. "skills_ar.csv").
    missing: list[str] = field(default_factory=list)


def read_esco(folder: str | Path, languages: Iterable[str] = ("nl", "fr", "en", "ar")) -> EscoData:
    """Read the ESCO CSV files in ``folder`` for ``languages``.

    Returns occupations and skills keyed by concept URI, with ``labels``,
    ``alt_labels`` and ``descriptions`` per language and each occupation's
    essential/optional skill URIs. Relations that point to an occupation not
    found in any occupations file are ignored.

    Raises FileNotFoundError if ``folder`` is not a directory, and ValueError if
    no occupations or no skills file is found for any language, or if a file
    lacks a required column, has a row without a URI, an unknown relationType,
    or is not UTF-8 CSV.
    """
    root = Path(folder)
    if not root.is_dir():
        raise FileNotFoundError(f"ESCO folder not found: {root}")
    langs = _languages(languages)
    data = EscoData()
    read_langs: list[str] = []

    for lang in langs:
        found = False
        path = _find(root, f"occupations_{lang}.csv")
        if path is None:
            data.missing.append(f"occupations_{lang}.csv")
        else:
            _read_occupations(path, lang, data.occupations)
            data.files.append(path)
            found = True
        path = _find(root, f"skills_{lang}.csv")
        if path is None:
            data.missing.append(f"skills_{lang}.csv")
        else:
            _read_skills(path, lang, data.skills)
            data.files.append(path)
            found = True
        if found:
            read_langs.append(lang)

    wanted = ", ".join(langs)
    if not any(p.name.startswith("occupations_") for p in data.files):
        raise ValueError(
            f"no ESCO occupations file (occupations_<lang>.csv for {wanted}) found in {root}"
        )
    if not any(p.name.startswith("skills_") for p in data.files):
        raise ValueError(f"no ESCO skills file (skills_<lang>.csv for {wanted}) found in {root}")

    relations = _find_relations(root, langs)
    if relations is None:
        data.missing.append("occupationSkillRelations.csv")
    else:
        _read_relations(relations, data.occupations)
        data.files.append(relations)

    data.languages = tuple(read_langs)
    return data


def _languages(languages: Iterable[str]) -> tuple[str, ...]:
    if isinstance(languages, str):  # read_esco(folder, "nl") should mean ("nl",)
        languages = (languages,)
    result: list[str] = []
    for lang in languages:
        code = str(lang).strip().lower()
        if not re.fullmatch(r"[a-z]{2,3}", code):
            raise ValueError(f"not an ESCO language code: {lang!r}")
        if code not in result:
            result.append(code)
    if not result:
        raise ValueError("no languages given")
    return tuple(result)


def _find(root: Path, name: str) -> Path | None:
    """``root/name`` or else the shallowest ``name`` below ``root``."""
    direct = root / name
    if direct.is_file():
        return direct
    matches = [p for p in root.rglob(name) if p.is_file()]
    if not matches:
        return None
    return min(matches, key=lambda p: (len(p.relative_to(root).parts), str(p)))


def _find_relations(root: Path, langs: tuple[str, ...]) -> Path | None:
    for name in (
        "occupationSkillRelations.csv",
        *(f"occupationSkillRelations_{lang}.csv" for lang in langs),
    ):
        path = _find(root, name)
        if path is not None:
            return path
    others = sorted(p for p in root.rglob("occupationSkillRelations_*.csv") if p.is_file())
    return others[0] if others else None


def _rows(path: Path, required: tuple[str, ...], what: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) with stripped values; check the header first.

    utf-8-sig drops a byte-order mark; newline="" lets the csv module keep
    quoted newlines (ESCO puts one alt label per line inside a quoted cell).
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise ValueError(
                    f"{path}: file is empty; expected an ESCO {what} file with columns "
                    f"{', '.join(required)}"
                )
            names = [h.strip().lstrip("\ufeff") for h in header]
            missing = [col for col in required if col not in names]
            if missing:
                raise ValueError(
                    f"{path}: missing column{'s' if len(missing) > 1 else ''} "
                    f"{', '.join(missing)} (expected an ESCO {what} file; "
                    f"found columns: {', '.join(n for n in names if n) or 'none'})"
                )
            for values in reader:
                if not any(v.strip() for v in values):
                    continue
                row = {
                    name: (values[i].strip() if i < len(values) else "")
                    for i, name in enumerate(names)
                    if name
                }
                yield reader.line_num, row
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except csv.Error as exc:
        raise ValueError(f"{path}: not valid CSV ({exc})") from exc


def _uri(row: dict[str, str], column: str, path: Path, line: int) -> str:
    value = row.get(column, "")
    if not value:
        raise ValueError(f"{path} line {line}: empty {column}")
    return value


def _split_labels(cell: str) -> list[str]:
    """ESCO lists alternative labels one per line inside a single cell."""
    result: list[str] = []
    for part in cell.splitlines():
        part = part.strip()
        if part and part not in result:
            result.append(part)
    return result


def _isco_code(value: str) -> str:
    """'9333' stays '9333'; a group URI '.../isco/C9333' becomes '9333'."""
    match = re.search(r"C?(\d{1,4})$", value)
    return match.group(1) if match and "/" in value else value


def _add_texts(item: EscoOccupation | EscoSkill, row: dict[str, str], lang: str) -> None:
    if row.get("preferredLabel"):
        item.labels[lang] = row["preferredLabel"]
    alt = _split_labels(row.get("altLabels", ""))
    if alt:
        item.alt_labels[lang] = alt
    hidden = _split_labels(row.get("hiddenLabels", ""))
    if hidden:
        item.hidden_labels[lang] = hidden
    if row.get("description"):
        item.descriptions[lang] = row["description"]
    if not item.status and row.get("status"):
        item.status = row["status"]


def _read_occupations(path: Path, lang: str, into: dict[str, EscoOccupation]) -> None:
    for line, row in _rows(path, OCCUPATION_COLUMNS, "occupations"):
        uri = _uri(row, "conceptUri", path, line)
        item = into.get(uri)
        if item is None:
            item = into[uri] = EscoOccupation(uri=uri)
        if not item.isco_group and row.get("iscoGroup"):
            item.isco_group = _isco_code(row["iscoGroup"])
        if not item.code and row.get("code"):
            item.code = row["code"]
        _add_texts(item, row, lang)


def _read_skills(path: Path, lang: str, into: dict[str, EscoSkill]) -> None:
    for line, row in _rows(path, SKILL_COLUMNS, "skills"):
        uri = _uri(row, "conceptUri", path, line)
        item = into.get(uri)
        if item is None:
            item = into[uri] = EscoSkill(uri=uri)
        if not item.skill_type and row.get("skillType"):
            item.skill_type = row["skillType"]
        if not item.reuse_level and row.get("reuseLevel"):
            item.reuse_level = row["reuseLevel"]
        _add_texts(item, row, lang)


def _read_relations(path: Path, occupations: dict[str, EscoOccupation]) -> None:
    for line, row in _rows(path, RELATION_COLUMNS, "occupation-skill relations"):
        occupation_uri = _uri(row, "occupationUri", path, line)
        skill_uri = _uri(row, "skillUri", path, line)
        relation = row.get("relationType", "").lower()
        if relation not in RELATION_TYPES:
            raise ValueError(
                f"{path} line {line}: relationType {row.get('relationType')!r} "
                f"is not one of {', '.join(RELATION_TYPES)}"
            )
        occupation = occupations.get(occupation_uri)
        if occupation is None:
            continue
        target = (
            occupation.essential_skills if relation == "essential" else occupation.optional_skills
        )
        if skill_uri not in target:
            target.append(skill_uri)
