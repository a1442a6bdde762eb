"""How far each language's catalog is, including whether a native speaker reviewed it (the
`X-Native-Review: yes|no` header of its .po file, which pybabel drops on update, so
`portal translations update` puts it back with set_review_mark). The commands live in
cli_translations.py."""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from .config import LANGUAGES
from .paths import TRANSLATIONS_DIR

SOURCE_LANGUAGE = "en"  # msgids are English; its catalog repeats them, no review needed
REVIEW_HEADER = re.compile(r'^"X-Native-Review: *(yes|no)\\n"$', re.MULTILINE)


@dataclass
class CatalogState:
    language: str
    messages: int
    translated: int
    reviewed: bool | None  # None: the source language, or no catalog at all
    updated: str  # PO-Revision-Date as written in the file, "" when there is none


def po_path(language: str) -> Path:
    return TRANSLATIONS_DIR / language / "LC_MESSAGES" / "messages.po"


def review_mark(language: str) -> str | None:
    """ "yes" / "no" from the catalog's header, None when the file or header is missing."""
    path = po_path(language)
    if not path.exists():
        return None
    match = REVIEW_HEADER.search(path.read_text(encoding="utf-8"))
    return match.group(1) if match else None


@cache
def reviewed(language: str) -> bool:
    """Whether pages in this language can go without the "not reviewed" line. Read once per
    process: catalogs change only with a deploy."""
    return language == SOURCE_LANGUAGE or review_mark(language) == "yes"


def state(language: str) -> CatalogState:
    path = po_path(language)
    if not path.exists():
        return CatalogState(language, 0, 0, None, "")
    with path.open("rb") as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id]
    translated = sum(
        1
        for m in messages
        if not m.fuzzy and all(m.string if isinstance(m.string, tuple) else (m.string,))
    )
    header = dict(catalog.mime_headers)
    mark = review_mark(language)
    return CatalogState(
        language,
        len(messages),
        translated,
        None if language == SOURCE_LANGUAGE else mark == "yes",
        header.get("PO-Revision-Date", ""),
    )


def states() -> list[CatalogState]:
    return [state(language) for language in LANGUAGES]


def set_review_mark(language: str, mark: str) -> None:
    """Put `X-Native-Review` back at the end of the header (pybabel does not keep it)."""
    path = po_path(language)
    text = path.read_text(encoding="utf-8")
    if REVIEW_HEADER.search(text):
        return
    head, sep, rest = text.partition("\n\n")
    path.write_text(f'{head}\n"X-Native-Review: {mark}\\n"{sep}{rest}', encoding="utf-8")
