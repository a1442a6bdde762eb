"""One seeded world for the authorisation matrix, the canary test and the hostile-form test:
two employers of different organisations, two mentors of one WISE and one of another, two
participants with their own sign-in, a coordinator, and objects each of them owns (built
through the real services, as a user would leave them). The test modules hold the tables;
this module builds the world and turns a table cell into a request and an observed outcome."""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask.testing import FlaskClient
from sqlmodel import Session, select

from portal import clock, demo
from portal import db as portal_db
from portal.mentors.forms import SECTION_FORMS
from portal.models import (
    Notification,
    Organisation,
    OrganisationKind,
    Participant,
    ParticipantSkill,
    Stage,
    User,
)
from portal.services import accounts, data_requests, notification_choices
from portal.services.participants import login_codes
from portal.services.proposals import workflow
from portal.services.vacancies import lifecycle

from .conftest import PASSWORD, csrf_token, login, make_app
from .participant_factory import endorse, make_participant
from .proposal_factory import vacancy_data

ACTORS = ("anon", "emp_A", "emp_B", "men_A", "men_A2", "men_B", "par_A", "par_B", "coord")
LOGIN = "login"  # a redirect to the sign-in page
# A form field holding this placeholder is sent with the actor's CSRF token.
TOKEN = object()


def matrix_app(database_url, tmp_path):
    """The app of one test module: sign-in limits out of the way (the world signs in
    many accounts from one address; the limits have their own tests)."""
    return make_app(database_url, tmp_path, RATELIMIT_AUTH="100000 per minute")


@contextmanager
def module_world(database_url, folder):
    """The world of one test module, in an app and database session of its own, emptied
    afterwards."""
    app = matrix_app(database_url, folder)
    db = Session(app.extensions["portal_engine"], expire_on_commit=False)
    try:
        yield build(app, db)
    finally:
        db.close()
        close_app(app)


def close_app(app) -> None:
    """Empty the database once the index applier is idle (it would sync into a closed one)."""
    applier = app.extensions.get("portal_index_applier")
    if applier is not None:
        applier.wait(10)
    with app.app_context():
        demo.reset(portal_db.session())
    app.extensions["portal_engine"].dispose()


@dataclass
class World:
    """Users by actor name, and targets by name: the URL values (and form fields) that
    put a row of a table on a real object."""

    app: object
    users: dict[str, User] = field(default_factory=dict)
    targets: dict[str, tuple[dict, dict]] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    cards: dict[str, tuple[str, date]] = field(default_factory=dict)  # code, date of birth
    _clients: dict[str, FlaskClient] = field(default_factory=dict)
    _tokens: dict[str, str] = field(default_factory=dict)

    def sign_in(self, actor: str) -> FlaskClient:
        """A new client signed in as the actor (a card sign-in for participants)."""
        client = self.app.test_client()
        if actor in self.cards:
            code, birth = self.cards[actor]
            data = {"code": code, "date_of_birth": birth.isoformat()}
            data["csrf_token"] = csrf_token(client, "/start")
            client.post("/start", data=data)
        elif actor != "anon":
            login(client, self.users[actor].email)
        return client

    def client(self, actor: str) -> FlaskClient:
        if actor not in self._clients:
            self._clients[actor] = self.sign_in(actor)
        return self._clients[actor]

    def token(self, actor: str) -> str:
        if actor not in self._tokens:
            self._tokens[actor] = csrf_token(
                self.client(actor), "/login" if actor == "anon" else "/"
            )
        return self._tokens[actor]

    def url(self, endpoint: str, target: str) -> str:
        values, _form = self.targets[target]
        with self.app.test_request_context():
            from flask import url_for

            return url_for(endpoint, **values)

    def send(self, actor, endpoint, method, target, fresh=False, form: dict | None = None):
        """The response to one cell. POSTs carry the actor's CSRF token and `form`, by
        default the target's harmless form (empty unless the target names fields)."""
        client = self.sign_in(actor) if fresh else self.client(actor)
        url = self.url(endpoint, target)
        if method == "GET":
            return client.get(url)
        token = csrf_token(client, "/login" if actor == "anon" else "/") if fresh else None
        token = token or self.token(actor)
        if form is None:
            form = self.targets[target][1]
        data = {"csrf_token": token} | {k: token if v is TOKEN else v for k, v in form.items()}
        response = client.open(url, method=method, data=data)
        if fresh:  # signing out may end every session of the account: sign in anew next time
            self._clients.pop(actor, None)
            self._tokens.pop(actor, None)
        return response


def outcome(response) -> int | str:
    """What a cell observed: the status code, or LOGIN for a redirect to the sign-in page."""
    location = response.headers.get("Location", "")
    if response.status_code in (301, 302, 303) and location.startswith("/login"):
        return LOGIN
    return response.status_code


def _organisation(db: Session, name: str, kind: str) -> Organisation:
    organisation = Organisation(name=name, kind=kind, status="active", postcode="9000")
    db.add(organisation)
    db.flush()
    return organisation


def _user(db, role, email, organisation=None, status="active", locale="en") -> User:
    user = accounts.create_user(
        db, email=email, password=PASSWORD, role=role, display_name=email.split("@")[0],
        organisation=organisation, status=status, locale=locale,
    )  # fmt: skip
    db.commit()
    return user


def published_vacancy(db, employer, **changes):
    vacancy, _new = lifecycle.create(db, employer, vacancy_data(**changes))
    return lifecycle.publish(db, employer, vacancy)


def proposal_with_interest(
    db, mentor, participant, vacancy, motivation="Works fast with the scanner."
):
    proposal = workflow.propose(
        db, mentor, participant.id, vacancy.id, motivation, interest_with_mentor=True
    )
    return proposal


def _meeting(db, w: World, mentor, employer, vacancy, first_name="Invited"):
    """Another participant of the mentor, who shared name and contact, with an intro meeting
    planned for tomorrow."""
    p = make_participant(w.app, db, mentor, complete=True, first_name=first_name)
    endorse(w.app, db, mentor, p)
    with w.app.app_context():
        proposal = proposal_with_interest(db, mentor, p, vacancy)
        workflow.share_contact(db, mentor, proposal.id)
        soon = clock.today() + timedelta(days=1)
        workflow.advance(db, employer, proposal.id, Stage.EMPLOYER_INTERESTED, {})
        workflow.advance(db, employer, proposal.id, Stage.INTRO_MEETING,
                         {"meeting_on": soon, "meeting_place": "Reception"})  # fmt: skip
    return proposal


def _hire(db, w: World, mentor, employer, vacancy, days_ago=40):
    """A participant of the mentor, hired on the vacancy `days_ago` days ago after the
    meeting."""
    proposal = _meeting(db, w, mentor, employer, vacancy, first_name="Hired")
    with w.app.app_context():
        start = clock.today() - timedelta(days=days_ago)
        workflow.advance(db, employer, proposal.id, Stage.HIRED,
                         {"contract_type": "open-ended", "hire_start": start})  # fmt: skip
    return proposal


def build(app, db: Session, motivation_A="Works fast with the scanner.", **person_A) -> World:
    """The world; `person_A` overrides participant A's personal fields and `motivation_A`
    the mentor's text on A's proposal (the canary test fills them with unique strings)."""
    w = World(app)
    with app.app_context():
        org = {
            "emp_A": _organisation(db, "Bakery A", OrganisationKind.EMPLOYER),
            "emp_B": _organisation(db, "Warehouse B", OrganisationKind.EMPLOYER),
            "wise_A": _organisation(db, "Workshop A", OrganisationKind.WISE),
            "wise_B": _organisation(db, "Workshop B", OrganisationKind.WISE),
        }
        for actor, role, home in (
            ("emp_A", "employer", "emp_A"), ("emp_B", "employer", "emp_B"),
            ("men_A", "mentor", "wise_A"), ("men_A2", "mentor", "wise_A"),
            ("men_B", "mentor", "wise_B"), ("coord", "coordinator", None),
        ):  # fmt: skip
            w.users[actor] = _user(db, role, f"{actor.lower()}@example.org", org.get(home))
        # Someone asking to join employer A, and a bystander whose password may be reset.
        joiner = _user(db, "employer", "joiner@example.org", org["emp_A"], status="pending")
        spare = _user(db, "mentor", "spare@example.org", org["wise_B"])
    people = {}
    for actor, mentor, values in (("par_A", "men_A", person_A), ("par_B", "men_B", {})):
        values = {"email": f"{actor.lower()}@example.org"} | values
        p = make_participant(app, db, w.users[mentor], complete=True, **values)
        endorse(app, db, w.users[mentor], p)
        people[actor] = p
        with app.app_context():
            p = db.get(Participant, p.id)
            code = login_codes.issue_login_code(db, w.users[mentor], p)
            w.cards[actor] = (code, p.date_of_birth)
            w.users[actor] = db.get(User, p.user_id)
    with app.app_context():
        vacancy_A = published_vacancy(db, w.users["emp_A"], title="Baker's help A")
        vacancy_B = published_vacancy(db, w.users["emp_B"], title="Order picker B")
        filled_A = published_vacancy(db, w.users["emp_A"], title="Cook A")
        draft_A, _new = lifecycle.create(db, w.users["emp_A"], vacancy_data(title="Draft A"))
        proposal_A = proposal_with_interest(
            db, w.users["men_A"], people["par_A"], vacancy_A, motivation_A
        )
        proposal_B = proposal_with_interest(db, w.users["men_B"], people["par_B"], vacancy_B)
        spare_skill = ParticipantSkill(participant_id=people["par_A"].id, skill="cleaning",
                                       level=2, evidence="Cleans the canteen.")  # fmt: skip
        db.add(spare_skill)
        db.commit()
    hire_A = _hire(db, w, w.users["men_A"], w.users["emp_A"], filled_A)
    meeting_A = _meeting(db, w, w.users["men_A"], w.users["emp_A"], vacancy_A)
    with app.app_context():
        request_A = data_requests.ask(
            db, w.users["par_A"], db.get(Participant, people["par_A"].id), "correction", "My phone"
        )
    with app.app_context():
        notice = db.exec(
            select(Notification).where(Notification.user_id == w.users["emp_A"].id)
        ).first()
    w.ids = {
        "participant_A": people["par_A"].id,
        "participant_B": people["par_B"].id,
        "vacancy_A": vacancy_A.id,
        "vacancy_B": vacancy_B.id,
        "draft_A": draft_A.id,
        "proposal_A": proposal_A.id,
        "proposal_B": proposal_B.id,
        "hire_A": hire_A.id,
        "meeting_A": meeting_A.id,
        "request_A": request_A.id,
        "organisation_A": org["emp_A"].id,
        "joiner": joiner.id,
        "spare_user": spare.id,
        "notification_A": notice.id,
        "skill_A": spare_skill.id,
    }
    with app.app_context():  # the one-click unsubscribe link of mentor A's alert mails
        link = notification_choices.unsubscribe_token(
            w.users["men_A"].id, notification_choices.ALERTS
        )
    w.targets = _targets(w.ids) | {"unsubscribe_A": ({"token": link}, {})}
    return w


def _targets(ids: dict[str, int]) -> dict[str, tuple[dict, dict]]:
    """Target name -> (URL values, form fields). "-" is a route without values."""
    sections = {
        f"section_{name}_A": ({"participant_id": ids["participant_A"], "section": name}, {})
        for name in SECTION_FORMS
    }
    return sections | {
        "-": ({}, {}),
        "static_css": ({"filename": "portal.css"}, {}),
        "vacancy_A": ({"vacancy_id": ids["vacancy_A"]}, {}),
        "draft_A": ({"vacancy_id": ids["draft_A"]}, {}),
        "participant_A": ({"participant_id": ids["participant_A"]}, {}),
        "participant_B": ({"participant_id": ids["participant_B"]}, {}),
        "section_A": ({"participant_id": ids["participant_A"], "section": "person"}, {}),
        "skill_A": (
            {"participant_id": ids["participant_A"], "kind": "skills", "row_id": ids["skill_A"]},
            {},
        ),  # fmt: skip
        "opening_A": (
            {"participant_id": ids["participant_A"], "vacancy_id": ids["vacancy_A"]},
            {
                f"v{ids['vacancy_A']}-csrf_token": TOKEN,
                f"v{ids['vacancy_A']}-reaction": "interested",
            },
        ),
        "proposal_A": ({"proposal_id": ids["proposal_A"]}, {}),
        "proposal_A_share": ({"proposal_id": ids["proposal_A"], "action": "share"}, {}),
        "proposal_A_step": (
            {"proposal_id": ids["proposal_A"], "stage": "intro_meeting"},
            {"intro_meeting-csrf_token": TOKEN},
        ),
        "hire_A": ({"proposal_id": ids["hire_A"]}, {}),
        "meeting_A": ({"proposal_id": ids["meeting_A"]}, {}),
        "request_A": ({"request_id": ids["request_A"]}, {}),
        "hire_A_month": ({"proposal_id": ids["hire_A"], "month": 1}, {}),
        "organisation_A": ({"organisation_id": ids["organisation_A"]}, {}),
        "joiner": ({"user_id": ids["joiner"]}, {}),
        "spare_user": ({"user_id": ids["spare_user"]}, {}),
        "notification_A": ({"notification_id": ids["notification_A"]}, {}),
        "skill_kind": ({"kind": "skill"}, {}),
    }
