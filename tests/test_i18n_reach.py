"""Ten languages: names in their own script, right to left for ar/fa/ps, Babel's plural
rules, dates by locale, a missing catalog that falls back instead of failing, and honesty
about review: the line on unreviewed pages, `portal translations status` and the
coordinator's table."""

import re
import shutil
from datetime import date

import pytest
from babel.support import Translations
from flask_babel import force_locale, format_date, ngettext

from portal import catalogs
from portal.config import LANGUAGES, RTL_LANGUAGES

from .conftest import login, make_app
from .test_i18n import TRANSLATIONS

OWN_NAMES = {
    "uk": "Українська",
    "fa": "فارسی (دری)",
    "ps": "پښتو",
    "ti": "ትግርኛ",
    "so": "Soomaali",
    "tr": "Türkçe",
}


def test_switcher_offers_ten_languages_each_in_its_own_script(client):
    page = client.get("/login").get_data(as_text=True)
    options = re.findall(r'<option value="(\w+)" lang="\w+"[^>]*>([^<]+)</option>', page)
    assert [code for code, _name in options] == list(LANGUAGES) and len(LANGUAGES) == 10
    for code, name in OWN_NAMES.items():
        assert (code, name) in options


@pytest.mark.parametrize("lang", ["ar", "fa", "ps", "uk", "ti", "so", "tr"])
def test_each_language_renders_with_its_direction(client, lang):
    """Also where no catalog exists yet: the page falls back to the source text, no 500."""
    response = client.get(f"/login?lang={lang}")
    assert response.status_code == 200
    direction = "rtl" if lang in RTL_LANGUAGES else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in response.get_data(as_text=True)
    assert {"ar", "fa", "ps"} == RTL_LANGUAGES


def test_a_listed_language_without_compiled_catalog_falls_back(database_url, tmp_path):
    only_dutch = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS / "nl", only_dutch / "nl")
    app = make_app(database_url, tmp_path, TRANSLATIONS_DIR=only_dutch)
    # Flask-Babel keeps loaded catalogs per locale for every app of the process: start and
    # end with an empty cache so no other test sees this app's missing French.
    cache = app.extensions["babel"].instance.domain_instance.cache
    cache.clear()
    try:
        client = app.test_client()
        assert "Aanmelden" in client.get("/login?lang=nl").get_data(as_text=True)
        french = client.get("/login?lang=fr")
        assert french.status_code == 200 and "Sign in" in french.get_data(as_text=True)
    finally:
        cache.clear()
        app.extensions["portal_engine"].dispose()


def test_plural_forms_follow_three_different_rules(app):
    """Dutch: one / other (0 is plural); French: 0 and 1 singular; Arabic: six forms."""
    forms = {
        lang: Translations.load(str(TRANSLATIONS), [lang]).plural for lang in ("nl", "fr", "ar")
    }
    assert [forms["nl"](n) for n in (0, 1, 2)] == [1, 0, 1]
    assert [forms["fr"](n) for n in (0, 1, 2)] == [0, 0, 1]
    assert [forms["ar"](n) for n in (0, 1, 2, 3, 11, 100)] == [0, 1, 2, 3, 4, 5]
    with app.test_request_context():
        said = {}
        for lang, n in (("nl", 0), ("nl", 1), ("fr", 0), ("ar", 2), ("ar", 3)):
            with force_locale(lang):
                said[lang, n] = ngettext(
                    "This help lasts %(num)d month.", "This help lasts %(num)d months.", n
                )
    assert said["nl", 0] == "Deze hulp duurt 0 maanden."
    assert said["nl", 1] == "Deze hulp duurt 1 maand."
    assert said["fr", 0] == "Cette aide dure 0 mois."
    assert "شهرين" in said["ar", 2] and "أشهر" in said["ar", 3]


def test_dates_follow_each_locale(app):
    day = date(2026, 3, 5)
    with app.test_request_context():
        written = {}
        for lang in ("nl", "uk", "tr", "fa", "so"):
            with force_locale(lang):
                written[lang] = format_date(day, "long")
    assert written["nl"] == "5 maart 2026"
    assert "березня" in written["uk"]
    assert "Mart" in written["tr"]
    assert "مارس" in written["fa"]
    assert "2026" in written["so"]


def test_unreviewed_language_says_so_and_offers_dutch(client):
    page = client.get("/login?lang=fr&next=/me/").get_data(as_text=True)
    assert "pas encore relu cette traduction" in page
    link = re.search(r'<a href="([^"]+)" lang="nl" hreflang="nl">Nederlands</a>', page)
    assert link and "lang=nl" in link.group(1) and "next=" in link.group(1)
    assert "Aanmelden" in client.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    english = client.get("/login?lang=en").get_data(as_text=True)  # the source language
    assert "native speaker" not in english


def test_a_reviewed_catalog_drops_the_line(client, tmp_path, monkeypatch):
    reviewed = tmp_path / "fr" / "LC_MESSAGES"
    reviewed.mkdir(parents=True)
    text = catalogs.po_path("fr").read_text(encoding="utf-8")
    (reviewed / "messages.po").write_text(
        text.replace("X-Native-Review: no", "X-Native-Review: yes"), encoding="utf-8"
    )
    monkeypatch.setattr(catalogs, "TRANSLATIONS_DIR", tmp_path)
    catalogs.reviewed.cache_clear()
    try:
        assert "relu" not in client.get("/login?lang=fr").get_data(as_text=True)
        assert catalogs.state("fr").reviewed is True
    finally:
        catalogs.reviewed.cache_clear()


def test_status_command_prints_each_language(app):
    result = app.test_cli_runner().invoke(args=["translations", "status"])
    assert result.exit_code == 0
    rows = {line.split()[0]: line.split() for line in result.output.splitlines()[1:]}
    assert list(rows) == list(LANGUAGES)
    assert rows["en"][3] == "source"
    for lang in ("nl", "fr", "ar"):
        messages, translated, review = rows[lang][1:4]
        assert int(messages) > 900 and translated == messages and review == "no"
        assert re.match(r"\d{4}-\d\d-\d\d", rows[lang][4])


def test_coordinator_sees_the_table_and_others_are_refused(app, make_user):
    coordinator = app.test_client()
    login(coordinator, make_user("coordinator").email)
    page = coordinator.get("/coordinator/translations?lang=en").get_data(as_text=True)
    assert "Checked by a native speaker" in page
    for code in LANGUAGES:
        assert f"({code})" in page
    for role in ("mentor", "employer", "participant"):
        other = app.test_client()
        login(other, make_user(role).email)
        assert other.get("/coordinator/translations").status_code == 403
    assert app.test_client().get("/coordinator/translations").status_code == 302
