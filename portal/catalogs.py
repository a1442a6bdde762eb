"""The message catalogs: extract, update, compile, and how far each language is, including
whether a native speaker reviewed it (the `X-Native-Review: yes|no` header of its .po file,
which pybabel drops on update, so `update` puts it back)."""

import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import click
from babel.messages.pofile import read_po, write_po

from .config import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
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
    return TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"


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


# -- commands ------------------------------------------------------------------------------
@click.group("translations", help="Extract, update, compile and report the message catalogs.")
def translations_group():
    pass


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


@translations_group.command("extract", help="Collect every marked string into messages.pot.")
def translations_extract():
    pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "--no-location",
        "--sort-output",
        "--width",
        "100",
        "-o",
        "translations/messages.pot",
        ".",
    )


@translations_group.command("update", help="Extract, then merge new strings into every catalog.")
@click.pass_context
def translations_update(ctx):
    ctx.invoke(translations_extract)
    for language in LANGUAGES:
        mark = review_mark(language) or "no"
        verb = "update" if po_path(language).exists() else "init"
        extra = ["--no-fuzzy-matching"] if verb == "update" else []
        pybabel(
            verb,
            "-i",
            "translations/messages.pot",
            "-d",
            "translations",
            "-l",
            language,
            "--width",
            "100",
            *extra,
        )
        if language != SOURCE_LANGUAGE:
            _set_review_mark(language, mark)
    _fill_source_catalog()
    click.echo(
        "Catalogs updated. Translate the new empty messages, then run: portal translations compile"
    )


def _set_review_mark(language: str, mark: str) -> None:
    """Put `X-Native-Review` back at the end of the header (pybabel does not keep it)."""
    path = po_path(language)
    text = path.read_text(encoding="utf-8")
    if REVIEW_HEADER.search(text):
        return
    head, sep, rest = text.partition("\n\n")
    path.write_text(f'{head}\n"X-Native-Review: {mark}\\n"{sep}{rest}', encoding="utf-8")


def _fill_source_catalog() -> None:
    """The English catalog says what the msgid says; fill it so it is complete."""
    path = po_path(SOURCE_LANGUAGE)
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.pluralizable and not all(message.string):
            message.string = tuple(message.id)  # singular, plural: English has two forms
        elif message.id and not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False)


@translations_group.command("compile", help="Compile the catalogs into .mo files.")
def translations_compile():
    pybabel("compile", "-d", "translations", "--statistics")


@translations_group.command(
    "status", help="Per language: messages, translated, reviewed by a native speaker, last update."
)
def translations_status():
    click.echo(f"{'language':<9}{'messages':>9}{'translated':>11}  {'reviewed':<9}last update")
    for row in states():
        review = "source" if row.reviewed is None else ("yes" if row.reviewed else "no")
        if row.messages == 0 and row.language != SOURCE_LANGUAGE:
            review = "missing"
        click.echo(
            f"{row.language:<9}{row.messages:>9}{row.translated:>11}  {review:<9}"
            f"{row.updated or '-'}"
        )
