"""Languages: choice order, right-to-left Arabic, and catalogs that stay complete."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sqlmodel import select

from portal.config import LANGUAGES
from portal.models import User

from .conftest import login, post

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.get_data(as_text=True)).group(0)


@pytest.mark.parametrize(
    ("lang", "direction", "word"),
    [
        ("nl", "ltr", "Aanmelden"),
        ("fr", "ltr", "Se connecter"),
        ("en", "ltr", "Sign in"),
        ("ar", "rtl", "تسجيل الدخول"),
    ],
)
def test_login_page_in_each_language(client, lang, direction, word):
    response = client.get(f"/login?lang={lang}")
    assert _html_tag(response) == f'<html lang="{lang}" dir="{direction}">'
    assert word in response.get_data(as_text=True)


def test_dutch_is_the_default(client):
    assert 'lang="nl"' in _html_tag(client.get("/login"))


def test_browser_language_is_used_when_nothing_else_is_chosen(client):
    assert 'lang="fr"' in _html_tag(
        client.get("/login", headers={"Accept-Language": "fr-BE,fr;q=0.9"})
    )
    assert 'lang="nl"' in _html_tag(client.get("/login", headers={"Accept-Language": "de-DE"}))


def test_switcher_beats_the_browser_and_stays(client):
    response = post(client, "/language", {"lang": "ar", "next": "/login?lang=fr"})
    assert response.headers["Location"] == "/login"
    page = client.get("/login", headers={"Accept-Language": "fr"})
    assert _html_tag(page) == '<html lang="ar" dir="rtl">'


def test_user_setting_beats_switcher_and_browser(client, db, make_user):
    user = make_user("mentor", locale="fr")
    login(client, user.email)
    with client.session_transaction() as session:
        session["lang"] = "en"
    page = client.get("/mentor/", headers={"Accept-Language": "ar"})
    assert 'lang="fr"' in _html_tag(page)


def test_switcher_saves_the_setting_of_a_signed_in_user(client, db, make_user):
    user = make_user("mentor")
    login(client, user.email)
    post(client, "/language", {"lang": "ar", "next": "/mentor/"}, token_from="/mentor/")
    assert db.exec(select(User.locale).where(User.id == user.id)).one() == "ar"


def test_unknown_language_code_gets_a_message(client):
    response = post(
        client, "/language?lang=en", {"lang": "xx", "next": "/login?lang=en"}, follow_redirects=True
    )
    assert response.status_code == 200
    assert "This language is not available." in response.get_data(as_text=True)
    assert 'lang="nl"' in _html_tag(client.get("/login?lang=xx"))


def test_arabic_pages_mirror_through_logical_css(client):
    css = client.get("/static/portal.css").get_data(as_text=True)
    assert "inline-start" in css
    assert not re.search(r"(margin|padding)-(left|right)\s*:", css), "use logical properties"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_complete(lang):
    """Fails on any untranslated or fuzzy message, or a lost placeholder."""
    if not (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").exists():
        pytest.skip(f"no catalog for {lang} yet (its translators deliver it)")
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    problems = []
    for source in template:
        if not source.id:
            continue
        message = catalog.get(source.id, source.context)
        if message is None:
            problems.append(f"missing: {source.id!r}")
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {source.id!r}")
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(f"untranslated: {source.id!r}")
            continue
        expected = set(
            PLACEHOLDER.findall(source.id if isinstance(source.id, str) else source.id[0])
        )
        for text in strings:
            if set(PLACEHOLDER.findall(text)) != expected:
                problems.append(f"placeholders differ: {source.id!r}")
    assert problems == [], (
        f"{lang}: {len(problems)} problems, run `portal translations update`: {problems[:10]}"
    )


def test_no_translation_inside_an_f_string():
    """pybabel does not look inside f-strings: a `_()` there never reaches the catalogs (the
    HTML written in Python once lost three messages that way)."""
    import ast
    from pathlib import Path

    import portal

    hidden = []
    for path in Path(portal.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FormattedValue):
                for inner in ast.walk(node.value):
                    called = getattr(getattr(inner, "func", None), "id", None)
                    if isinstance(inner, ast.Call) and called in {"_", "_l", "ngettext"}:
                        hidden.append(f"{path.name}:{inner.lineno}")
    assert hidden == []


def test_template_is_up_to_date_with_the_code(tmp_path):
    """Every marked string in the code is in messages.pot (run `portal translations extract`)."""
    from babel.messages.frontend import CommandLineInterface

    root = TRANSLATIONS.parent
    out = tmp_path / "fresh.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(root / "babel.cfg"),
            "-k",
            "_l",
            "--no-location",
            "-o",
            str(out),
            str(root),
        ]
    )
    with out.open("rb") as handle:
        fresh = {m.id for m in read_po(handle) if m.id}
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        known = {m.id for m in read_po(handle) if m.id}
    assert sorted(map(str, fresh - known)) == []
