"""Every list page loads what it shows in a fixed number of SQL statements: the same with
one row as with twenty (no query per row). Counted on the app's own engine, through the test
client, against a real database and index folder."""

import os
import shutil
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from portal.services.vacancies import lifecycle

from .participant_factory import endorse, make_participant
from .proposal_factory import client_for, propose, vacancy_data, world


@contextmanager
def counted(app):
    statements: list[str] = []

    def note(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = app.extensions["portal_engine"]
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", note)


def statements_of(app, client, url) -> int:
    """Statements of a second GET: the first one brings the index up to date."""
    assert client.get(url).status_code == 200
    with counted(app) as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(statements)


def grow(app, db, w, mentor_client, rows: int) -> None:
    """Up to `rows` endorsed participants of the mentor, each proposed for the vacancy, and
    published vacancies of the employer, all matching each other."""
    for k in range(rows - 1):
        p = make_participant(app, db, w.mentor, complete=True, first_name=f"Person{k}")
        endorse(app, db, w.mentor, p)
        with app.app_context():
            vacancy, _new = lifecycle.create(db, w.employer, vacancy_data(title=f"Job {k}"))
            lifecycle.publish(db, w.employer, vacancy)
        assert propose(mentor_client, w, participant_id=p.id).status_code == 302


@pytest.fixture()
def pages(app, db, make_user):
    w = world(app, db, make_user)
    urls = {
        "employer": [
            "/employer/",
            f"/employer/vacancies/{w.vacancy.id}/candidates",
            "/proposals/inbox",
        ],
        "mentor": [
            "/mentor/",
            "/vacancies/",
            f"/mentor/vacancies/{w.vacancy.id}/candidates",
            f"/mentor/participants/{w.participant.id}/openings",
            f"/mentor/participants/{w.participant.id}/openings/cards",
            "/notifications/",
            "/proposals/",
        ],
    }
    return w, urls


def test_list_pages_do_not_query_per_row(app, db, pages):
    w, urls = pages
    clients = {"employer": client_for(app, w.employer), "mentor": client_for(app, w.mentor)}
    assert propose(clients["mentor"], w).status_code == 302
    one = {url: statements_of(app, clients[role], url) for role in urls for url in urls[role]}
    grow(app, db, w, clients["mentor"], 20)
    twenty = {url: statements_of(app, clients[role], url) for role in urls for url in urls[role]}
    page = clients["mentor"].get(f"/mentor/participants/{w.participant.id}/openings")
    assert page.get_data(as_text=True).count("Job ") >= 19  # the rows are really there
    board = clients["mentor"].get("/proposals/").get_data(as_text=True)
    assert board.count("Person") >= 19
    assert twenty == one


def test_login_and_static_pages_read_no_database(app, client):
    client.get("/login")
    for url in ("/login", "/static/portal.css"):
        with counted(app) as statements:
            assert client.get(url).status_code == 200
        assert statements == [], url


# The bench commands build a throwaway SQLite world of their own whatever the test database:
# the PostgreSQL pass of the suite would only repeat them.
OWN_WORLD = pytest.mark.skipif(
    bool(os.environ.get("PORTAL_TEST_DATABASE_URL")),
    reason="builds its own SQLite world; the SQLite pass runs it",
)


@OWN_WORLD
def test_bench_pages_smoke():
    """`portal bench pages` end to end at a tiny size (no thresholds: a smoke test)."""
    from portal.matching import bench_pages

    lines: list[str] = []
    summary = bench_pages.run(300, seconds=1, connections=4, workers=2, echo=lines.append)
    assert summary.startswith("pages n=300 hello_rps=")
    assert "errors=0" in summary, "\n".join(lines)
    assert any(line.startswith("worker RSS after 3 rounds") for line in lines)


@OWN_WORLD
@pytest.mark.skipif(not shutil.which("callgrind_control"), reason="valgrind is not installed")
def test_bench_instructions_counts_the_same_twice():
    """`portal bench pages --instructions` counts exactly: the same page twice gives the same
    count (within the few branches a random CSRF token takes), and a list page costs more
    than the sign-in page."""
    from concurrent.futures import ThreadPoolExecutor

    from portal.matching import bench_instructions, bench_pages

    quiet = bench_pages.world(40, echo=lambda _line: None)
    with quiet as (_folder, env, emails, ids), ThreadPoolExecutor(2) as pool:
        login, again, candidates = pool.map(
            lambda page: bench_instructions.count_page(env, emails, ids, page, 2),
            ("login", "login", "candidates"),
        )
    assert 1e6 < login < 1e8
    assert abs(login - again) < 0.002 * login, (login, again)
    assert candidates > 1.2 * login  # (its ranking comes from the engine's result cache)


def test_kept_catalog_follows_the_locale(app):
    """portal.i18n keeps the catalog per request: a forced locale (Dutch beside, e-mails in
    the reader's language) and the way back still translate in the right language."""
    from flask_babel import force_locale

    from portal.i18n import _, get_locale, ngettext

    with app.test_request_context("/?lang=fr"):
        assert (_("Met"), str(get_locale())) == ("Rempli", "fr")
        with force_locale("ar"):
            assert (_("Met"), str(get_locale())) == ("متوفر", "ar")
            assert ngettext("%(num)d hour a week.", "%(num)d hours a week.", 3).startswith("3 ")
        with force_locale("nl"):
            assert _("Met") == "In orde"
        assert _("Met") == "Rempli"


def test_wtforms_messages_in_the_request_language(app):
    """WTForms' own messages come from a catalog read once per process, in each request's
    language."""
    from flask_wtf.i18n import translations

    for lang, expected in (("fr", "Ce champ est requis."), ("ar", "هذا الحقل مطلوب.")):
        with app.test_request_context(f"/?lang={lang}"):
            app.preprocess_request()
            assert translations.gettext("This field is required.") == expected
