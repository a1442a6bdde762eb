"""Hostile input on every form (hypothesis): huge strings, control characters, NUL, RTL
overrides, 30-digit and negative numbers, dates at the ends of the calendar, markup, formula
prefixes, missing fields and lists where one value is expected, posted by a signed-in user
who may use the form, with a valid CSRF token. Never a 500; and when the answer does not say
"saved" (a redirect, or the page that shows what was made), the database is as it was.

FORMS maps every POST route to the actor who may use it, the object it is posted on (a
target of tests/authz_world.py) and its WTForms class; a POST route without an entry fails."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlmodel import SQLModel
from wtforms.fields.core import UnboundField

from portal.auth.forms import LoginForm, PasswordChangeForm, RegisterForm, StartForm
from portal.checkins.forms import CheckInForm, EmployerViewForm
from portal.coordinators.forms import DecisionForm, EraseForm, ReassignCaseloadForm, ReassignForm
from portal.data_rights.forms import DataRequestForm, RequestDecisionForm
from portal.employers.forms import (
    CloseForm,
    CommitmentForm,
    DuplicateForm,
    ProfileForm,
    VacancyForm,
)
from portal.forms import ActionForm, LanguageForm
from portal.front.forms import LeadForm, PlaceForm, SwitchForm
from portal.matches.forms import ReactionForm
from portal.mentors.forms import (
    SECTION_FORMS,
    CertificateForm,
    ConsentWithMentorForm,
    EndorseForm,
    PersonForm,
    SkillForm,
)
from portal.notifications.forms import ChoicesForm
from portal.proposals.forms import MeetingForm, NoteForm, ProposeForm

from . import authz_world

# endpoint -> [(actor, target, form class, field prefix)]; the prefix may name ids of the
# world ("v{vacancy_A}-"). Erasure comes last: it takes participant B out of the world.
FORMS = {
    "auth.accept_colleague": [("emp_A", "joiner", ActionForm, "")],
    "auth.change_password": [("men_A2", "-", PasswordChangeForm, "")],
    "auth.login": [("anon", "-", LoginForm, "")],
    "auth.logout": [("men_A2", "-", ActionForm, "")],
    "auth.register": [("anon", "-", RegisterForm, "")],
    "auth.start": [("anon", "-", StartForm, "")],
    "checkins.employer_view": [("emp_A", "hire_A_month", EmployerViewForm, "")],
    "checkins.record": [("men_A", "hire_A_month", CheckInForm, "")],
    "checkins.reopen": [("men_A", "participant_A", ActionForm, "")],
    "coordinators.decide": [("coord", "joiner", DecisionForm, "")],
    "coordinators.reassign_caseload": [("coord", "-", ReassignCaseloadForm, "")],
    "coordinators.reassign_participant": [("coord", "participant_A", ReassignForm, "")],
    "coordinators.reset_password": [("coord", "spare_user", ActionForm, "")],
    "data_rights.ask": [("par_A", "participant_A", DataRequestForm, "")],
    "data_rights.decide": [("coord", "request_A", RequestDecisionForm, "r{request_A}-")],
    "employers.close_vacancy": [("emp_A", "vacancy_A", CloseForm, "")],
    "employers.commitment": [("emp_A", "-", CommitmentForm, "")],
    "employers.duplicate_vacancy": [("emp_A", "vacancy_A", DuplicateForm, "")],
    "employers.edit_vacancy": [("emp_A", "vacancy_A", VacancyForm, "")],
    "employers.new_vacancy": [("emp_A", "-", VacancyForm, "")],
    "employers.profile": [("emp_A", "-", ProfileForm, "")],
    "employers.publish_vacancy": [("emp_A", "draft_A", ActionForm, "")],
    "front.ask": [("anon", "-", LeadForm, "")],
    # Only for an employer whose new organisation waits: the world has none, so refused.
    "front.draft": [("emp_A", "-", VacancyForm, "")],
    "front.place_wise": [("men_A", "-", PlaceForm, "")],
    "front.switch": [("coord", "-", SwitchForm, "")],
    "matches.react": [("par_A", "opening_A", ReactionForm, "v{vacancy_A}-")],
    "mentors.certificates": [("men_A", "participant_A", CertificateForm, "")],
    "mentors.consent": [("men_A", "participant_A", ConsentWithMentorForm, "")],
    "mentors.edit_section": [
        ("men_A", f"section_{name}_A", form, "") for name, form in SECTION_FORMS.items()
    ],
    "mentors.endorse": [("men_A", "participant_A", EndorseForm, "")],
    "mentors.login_card": [("men_A", "participant_A", ActionForm, "")],
    "mentors.new_participant": [("men_A", "-", PersonForm, "")],
    "mentors.remove_row": [("men_A", "skill_A", ActionForm, "")],
    "mentors.revoke": [("men_A", "participant_A", ActionForm, "")],
    "mentors.skills": [("men_A", "participant_A", SkillForm, "")],
    "mentors.withdraw_consent": [("men_A", "participant_A", ActionForm, "")],
    "notifications.read": [("emp_A", "notification_A", ActionForm, "")],
    "notifications.read_all": [("emp_A", "-", ActionForm, "")],
    "notifications.settings": [("men_A", "-", ChoicesForm, "")],
    "notifications.unsubscribe_confirm": [("anon", "unsubscribe_A", ActionForm, "")],
    "participants.give_consent": [("par_A", "-", ActionForm, "")],
    "participants.withdraw_consent": [("par_A", "-", ActionForm, "")],
    "proposals.new": [("men_A", "-", ProposeForm, "")],
    "proposals.participant_action": [("par_A", "proposal_A_share", ActionForm, "")],
    "proposals.step": [("emp_A", "proposal_A_step", MeetingForm, "intro_meeting-")],
    "proposals.withdraw": [("men_A", "proposal_A", NoteForm, "")],
    "site.set_language": [("men_B", "-", LanguageForm, "")],
    "coordinators.erase_participant": [("coord", "participant_B", EraseForm, "")],
}
# A page (not a redirect) that says the action was done: the sign-in card, the temporary
# password, "you get no more of these e-mails".
SAVED_WITH_A_PAGE = {
    "mentors.login_card",
    "coordinators.reset_password",
    "notifications.unsubscribe_confirm",
}
# Rows any request may write: who looked at what (audit), sign-in failures, the index feed.
BOOKKEEPING = {"audit_event", "login_failure", "index_change"}
SESSION_ENDING = {"auth.logout"}

HOSTILE = [
    "", " ", "\x00", "a\x00b", "\x07\x1b[31m", "\r\n\t", "\u202eevil\u202c", "\u200f", "٣٤",
    "x" * 5_000, "9" * 30, "-" + "9" * 30, "-1", "0", "1e309", "NaN", "0001-01-01",
    "9999-12-31", "2024-02-30", "31/12/9999", "25:99", "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>', "=HYPERLINK(\"http://x\")", "+1+1", "@SUM(A1)",
    "-2+3", "../../etc/passwd", "on", "y", "true", "None", "[]", "{}", "%00", "１２３",
]  # fmt: skip
SCALAR = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
)
VALUE = st.one_of(SCALAR, st.lists(SCALAR, min_size=2, max_size=3))


def field_names(form_class) -> list[str]:
    return sorted(
        name
        for name in dir(form_class)
        if isinstance(getattr(form_class, name), UnboundField) and name != "csrf_token"
    )


def _cases():
    for endpoint, uses in FORMS.items():
        for actor, target, form_class, prefix in uses:
            yield pytest.param(
                endpoint, actor, target, form_class, prefix, id=f"{endpoint}-{target}"
            )


@pytest.fixture(scope="module")
def world(database_url, tmp_path_factory):
    with authz_world.module_world(database_url, tmp_path_factory.mktemp("hostile")) as w:
        yield w


def _snapshot(world) -> dict[str, str]:
    """Every row of every table but the bookkeeping ones, as text."""
    with world.app.extensions["portal_engine"].connect() as connection:
        return {
            table.name: json.dumps(sorted(map(repr, connection.execute(select(table)))))
            for table in SQLModel.metadata.sorted_tables
            if table.name not in BOOKKEEPING
        }


def test_every_post_route_has_a_form_entry(world):
    posts = {rule.endpoint for rule in world.app.url_map.iter_rules() if "POST" in rule.methods}
    missing, stale = sorted(posts - set(FORMS)), sorted(set(FORMS) - posts)
    assert not missing, f"POST routes without an entry in FORMS: {', '.join(missing)}"
    assert not stale, f"FORMS entries whose route no longer exists: {', '.join(stale)}"
    for endpoint, uses in FORMS.items():
        for _actor, target, form_class, _prefix in uses:
            assert target in world.targets, f"{endpoint}: no target {target!r} in the world"
            assert form_class is ActionForm or field_names(form_class), endpoint


@pytest.mark.parametrize(("endpoint", "actor", "target", "form_class", "prefix"), list(_cases()))
@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_hostile_values_never_break_a_form(world, endpoint, actor, target, form_class, prefix,
                                           data):  # fmt: skip
    prefix = prefix.format(**world.ids)
    names = [prefix + name for name in field_names(form_class)] + ["unexpected"]
    values = data.draw(st.fixed_dictionaries({}, optional=dict.fromkeys(names, VALUE)))
    fresh = endpoint in SESSION_ENDING
    if not fresh:
        world.token(actor)  # signed in before the snapshot: signing in writes last_login_at
    before = _snapshot(world)
    form = values | ({f"{prefix}csrf_token": authz_world.TOKEN} if prefix else {})
    response = world.send(actor, endpoint, "POST", target, fresh=fresh, form=form)
    status = response.status_code
    assert status < 500, f"{status} on {endpoint} with {values!r}"
    saved = status in (301, 302, 303) or (status == 200 and endpoint in SAVED_WITH_A_PAGE)
    if not saved:
        after = _snapshot(world)
        changed = [name for name in before if before[name] != after.get(name)]
        assert not changed, f"{endpoint} answered {status} but changed {changed}: {values!r}"


def test_a_nul_character_is_dropped_not_a_500_on_postgresql(app, db, make_user):
    """Found by the test above: PostgreSQL refuses NUL in a text (HTTP 500 there)."""
    from portal.models import Participant

    from .participant_factory import make_participant
    from .proposal_factory import client_for, post_form

    mentor = make_user("mentor")
    p = make_participant(app, db, mentor)
    url = f"/mentor/participants/{p.id}/edit/placement"
    data = {"placement_job": ["\x00", ""], "placement_kind": "art60"}
    answer = post_form(client_for(app, mentor), url, data, url)
    assert answer.status_code == 302
    data = {"placement_job": "Kitchen\x00 help", "placement_kind": "art60"}
    assert post_form(client_for(app, mentor), url, data, url).status_code == 302
    db.expire_all()
    assert db.get(Participant, p.id).placement_job == "Kitchen help"
