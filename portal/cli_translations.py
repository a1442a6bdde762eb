"""`portal translations …`: collect, merge and compile the message catalogs. Extracting and
merging read the source, so they run in a checkout; compiling also works in an installed
package (its catalogs sit inside it, see portal.paths)."""

import subprocess
import sys

import click

from .catalogs import SOURCE_LANGUAGE, po_path, review_mark, set_review_mark, states
from .config import LANGUAGES
from .paths import SOURCE_ROOT, TRANSLATIONS_DIR


@click.group("translations", help="Extract, update and compile the message catalogs.")
def translations_group():
    pass


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True)


def compile_catalogs(statistics: bool = False) -> None:
    """The .mo files the app reads, next to the .po catalogs."""
    _pybabel("compile", "-d", str(TRANSLATIONS_DIR), *(["--statistics"] if statistics else []))


def _source_root():
    if SOURCE_ROOT is None:
        raise click.ClickException(
            "extracting strings needs the source: run this in a checkout of the repository"
        )
    return SOURCE_ROOT


@translations_group.command("extract", help="Collect every marked string into messages.pot.")
def translations_extract():
    root = _source_root()
    _pybabel(
        "extract",
        "-F",
        str(root / "babel.cfg"),
        "-k",
        "_l",
        "--no-location",
        "--sort-output",
        "--width",
        "100",
        "-o",
        str(TRANSLATIONS_DIR / "messages.pot"),
        str(root),
    )


@translations_group.command("update", help="Extract, then merge new strings into every catalog.")
@click.pass_context
def translations_update(ctx):
    ctx.invoke(translations_extract)
    for language in LANGUAGES:
        mark = review_mark(language) or "no"
        verb = "update" if po_path(language).exists() else "init"
        extra = ["--no-fuzzy-matching"] if verb == "update" else []
        _pybabel(
            verb,
            "-i",
            str(TRANSLATIONS_DIR / "messages.pot"),
            "-d",
            str(TRANSLATIONS_DIR),
            "-l",
            language,
            "--width",
            "100",
            *extra,
        )
        if language != SOURCE_LANGUAGE:
            set_review_mark(language, mark)
    _fill_source_catalog()
    click.echo(
        "Catalogs updated. Translate the new empty messages, then run: portal translations compile"
    )


def _fill_source_catalog() -> None:
    """The English catalog says what the msgid says; fill it so it is complete."""
    from babel.messages.pofile import read_po, write_po

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
    compile_catalogs(statistics=True)


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
