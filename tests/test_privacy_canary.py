"""The canary: unique strings in every personal field of participant A and in every text the
mentor and the participant write about them; then no page, CSV or e-mail an employer can
reach shows a personal one before the participant shares name and contact, none does after
they withdraw consent, and after erasure none is ANYWHERE: database, index folder, mail
folder, log output, coordinator exports.

The mentor's texts (skill evidence, endorsement evidence and strengths, the motivation) are
for the employer by design: pseudonymised, on the employer's own proposal only, and the
mentor is warned to keep names out (issue 12 finding 12). The test says where they may be."""

import json
import logging
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date
from sqlalchemy import MetaData, select
from sqlmodel import Session

from portal import clock
from portal.matching.index import get_store
from portal.models import AuditEvent, Participant, User
from search_index.sync import sync

from . import authz_world
from .test_authz_matrix import TABLE

BIRTH, ALLOWED_UNTIL = date(1987, 11, 23), date(2031, 7, 19)
PERSON = {
    "first_name": "Qzfirstcanary",
    "last_name": "Qzlastcanary",
    "email": "qzmailcanary@example.org",
    "phone": "0471 93 86 52",
    "date_of_birth": BIRTH,
}
RIGHT_TO_WORK = {"right_to_work": "limited", "right_to_work_until": ALLOWED_UNTIL}
PLACEMENT = {"placement_job": "Qzplacementcanary", "placement_kind": "art60"}
SKILL_EVIDENCE = "Qzskillcanary sorts returns alone."
EVIDENCE = "Qzevidencecanary: on time for months."
STRENGTHS = "Qzstrengthcanary with customers."
MOTIVATION = "Qzmotivationcanary: fast with the scanner."
OWN_NOTE = "Qzownnotecanary: the hours do not fit my course."
MENTOR_TEXTS = (SKILL_EVIDENCE, EVIDENCE, STRENGTHS, MOTIVATION)


def _dates(day: date) -> set[str]:
    written = {day.isoformat(), day.strftime("%d/%m/%Y"), day.strftime("%d-%m-%Y")}
    for locale in ("nl", "fr", "en"):
        for style in ("short", "medium", "long", "full"):
            written.add(format_date(day, style, locale=locale))
    return written


def _canaries(texts) -> set[str]:
    """Each canary as it might be written: as typed, lowercased (index terms), digits only."""
    found = set()
    for text in texts:
        word = text.split(":")[0].split()[0]
        found |= {text, word, word.lower()}
    return found


PERSONAL = (
    _canaries(PERSON[k] for k in ("first_name", "last_name", "email"))
    | {PERSON["phone"], PERSON["phone"].replace(" ", "")}
    | _dates(BIRTH)
    | _dates(ALLOWED_UNTIL)
    | _canaries([PLACEMENT["placement_job"], OWN_NOTE])
)
EVERYTHING = PERSONAL | _canaries(MENTOR_TEXTS)


def _leaks(text: str, canaries) -> list[str]:
    return sorted(c for c in canaries if c in text)


class LogCapture(logging.Handler):
    """Every record of the portal's own loggers (logging_setup.OWN_LOGGERS), formatted."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture(scope="module")
def logs():
    capture = LogCapture()
    loggers = [logging.getLogger(name) for name in ("portal", "search_index")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(capture)
        logger.setLevel(logging.DEBUG)
    yield capture
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(capture)
        logger.setLevel(level)


@pytest.fixture(scope="module")
def world(database_url, tmp_path_factory, logs):
    app = authz_world.matrix_app(database_url, tmp_path_factory.mktemp("canary"))
    for name in ("portal", "search_index"):  # create_app configured them anew
        logging.getLogger(name).addHandler(logs)
        logging.getLogger(name).setLevel(logging.DEBUG)
    db = Session(app.extensions["portal_engine"], expire_on_commit=False)
    try:
        w = authz_world.build(app, db, motivation_A=MOTIVATION, **PERSON)
        _write_about_A(w, app, db)
        yield w
    finally:
        db.close()
        authz_world.close_app(app)


def _post(w, actor, url, data):
    client = w.client(actor)
    response = client.post(url, data={"csrf_token": w.token(actor)} | data)
    assert response.status_code in (200, 302), (url, response.status_code)
    return response


def _write_about_A(w, app, db):
    """What mentor A and participant A write, through the pages they use."""
    pid = w.ids["participant_A"]
    base = f"/mentor/participants/{pid}"
    _post(w, "men_A", f"{base}/edit/right_to_work", RIGHT_TO_WORK)
    _post(w, "men_A", f"{base}/edit/placement", PLACEMENT)
    skill = {"skill": "hand-scanner", "level": "3", "evidence": SKILL_EVIDENCE, "personal_ok": "y"}
    _post(w, "men_A", f"{base}/skills", skill)
    endorsement = {"evidence": EVIDENCE, "strengths": STRENGTHS, "personal_ok": "y"}
    _post(w, "men_A", f"{base}/endorse", endorsement)
    # The participant's own words: a second proposal they withdraw with a note.
    with app.app_context():
        second = authz_world.published_vacancy(db, w.users["emp_A"], title="Second opening A")
        participant = db.get(Participant, pid)
        proposal = authz_world.proposal_with_interest(db, w.users["men_A"], participant, second)
    _post(w, "par_A", f"/proposals/{proposal.id}/withdraw", {"note": OWN_NOTE})


def _crawl(w, actor) -> dict[str, str]:
    """Every GET of the matrix for this actor, allowed or not, plus the e-mails to them."""
    seen = {}
    for endpoint, method, target, _codes in TABLE:
        if method == "GET" and endpoint != "static":
            url = w.url(endpoint, target)
            seen[url] = w.client(actor).get(url).get_data(as_text=True)
    address = w.users[actor].email
    for path in Path(w.app.config["MAIL_DIR"]).glob("*.eml"):
        text = path.read_text(errors="replace")
        if address in text:
            seen[str(path)] = text
    return seen


def _employer_leaks(w, canaries) -> dict[str, list[str]]:
    return {
        f"{actor} {where}": found
        for actor in ("emp_A", "emp_B")
        for where, text in _crawl(w, actor).items()
        if (found := _leaks(text, canaries))
    }


def _database_text(w) -> dict[str, str]:
    """Every row of every table, as text (strings, JSON and dates alike)."""
    engine = w.app.extensions["portal_engine"]
    tables = MetaData()
    dump = {}
    with engine.connect() as connection:
        tables.reflect(connection)
        for name, table in tables.tables.items():
            rows = connection.execute(select(table)).all()
            dump[name] = json.dumps([list(row) for row in rows], default=str, ensure_ascii=False)
    return dump


def _folder_bytes(folder) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in Path(folder).rglob("*") if p.is_file()}


def _byte_leaks(files: dict[str, bytes], canaries) -> dict[str, list[str]]:
    return {
        path: found
        for path, data in files.items()
        if (found := sorted(c for c in canaries if c.encode() in data))
    }


def _index_document(w):
    with w.app.app_context():
        store = get_store(w.app)
        sync(store, w.app.extensions["portal_engine"])
        return store.engine().document("participant", w.ids["participant_A"])


def test_canaries_stay_from_employers_and_erasure_leaves_none_anywhere(world, logs):
    w = world
    pid, proposal_id = w.ids["participant_A"], w.ids["proposal_A"]

    # 1. Before the participant shares name and contact: nothing personal, and the mentor's
    #    texts only on employer A's own proposal page, where they belong.
    assert _employer_leaks(w, PERSONAL) == {}
    texts = _employer_leaks(w, _canaries(MENTOR_TEXTS))
    own_proposal = f"emp_A {w.url('proposals.employer_detail', 'proposal_A')}"
    assert set(texts) == {own_proposal}, texts
    assert _index_document(w) is not None  # matched, so indexed: the erasure must reach it

    # The crawl does see a canary once it is allowed: the participant shares for proposal A.
    _post(w, "par_A", f"/proposals/{proposal_id}/share", {})
    shared = _employer_leaks(w, PERSONAL)
    assert PERSON["first_name"] in shared.get(own_proposal, []), shared
    assert not [where for where in shared if where.startswith("emp_B")], shared

    # The employer invites them: the participant gets an e-mail at the canary address.
    soon = (clock.today() + timedelta(days=3)).isoformat()
    meeting = {"meeting_on": soon, "meeting_time": "10:30", "meeting_place": "Reception"}
    for stage, values in (("employer_interested", {}), ("intro_meeting", meeting)):
        data = {f"{stage}-{k}": v for k, v in values.items()}
        data[f"{stage}-csrf_token"] = w.token("emp_A")
        _post(w, "emp_A", f"/proposals/{proposal_id}/step/{stage}", data)
    mails = _byte_leaks(_folder_bytes(w.app.config["MAIL_DIR"]), PERSONAL)
    assert [PERSON["email"]] in mails.values(), mails  # so the erasure has mails to remove

    # 2. The participant withdraws consent: nothing personal anywhere an employer reaches,
    #    but for the mails delivered while they shared (a sent mail cannot be recalled; the
    #    withdrawal notice asks the employer to delete copies). The calendar entry is sent
    #    again without the name.
    before = set(_folder_bytes(w.app.config["MAIL_DIR"]))
    delivered = {f"{actor} {path}" for actor in ("emp_A", "emp_B") for path in before}
    _post(w, "par_A", "/me/consent/withdraw", {})
    after = _employer_leaks(w, PERSONAL)
    assert {where: found for where, found in after.items() if where not in delivered} == {}
    assert set(_folder_bytes(w.app.config["MAIL_DIR"])) > before  # the notice and the update

    # 3. Erasure by a coordinator.
    coordinator_url = f"/coordinator/participants/{pid}/erase"
    assert _post(w, "coord", coordinator_url, {"confirm": "y"}).status_code == 302
    assert _index_document(w) is None
    leaks = {
        "database": {t: f for t, text in _database_text(w).items()
                     if (f := _leaks(text, EVERYTHING))},
        "index folder": _byte_leaks(_folder_bytes(w.app.config["INDEX_DIR"]), EVERYTHING),
        "mail folder": _byte_leaks(_folder_bytes(w.app.config["MAIL_DIR"]), EVERYTHING),
        "log": _leaks("\n".join(logs.lines), EVERYTHING),
        "coordinator pages and CSVs": {where: f for where, text in _crawl(w, "coord").items()
                                       if (f := _leaks(text, EVERYTHING))},
        "employer pages": _employer_leaks(w, EVERYTHING),
    }  # fmt: skip
    assert not any(leaks.values()), {k: v for k, v in leaks.items() if v}

    # What the portal keeps on purpose: audit lines with ids and action names (who viewed,
    # shared, withdrew, erased), and the participant's login, disabled under a made-up address.
    with Session(w.app.extensions["portal_engine"]) as db:
        kept = db.exec(select(AuditEvent.action).where(AuditEvent.subject_id == pid)).all()
        login = db.get(User, w.users["par_A"].id)
    assert "participant.erased" in {row[0] for row in kept}
    assert login.email.endswith("@erased.invalid") and login.status == "disabled"
    assert len(logs.lines) > 0  # the portal did log while all this happened
