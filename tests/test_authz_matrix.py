"""The authorisation matrix: every route x every actor, on objects the actors own and on
objects of others, with the expected answer of every cell in the one table below. A route
without a row fails the build (see test_every_route_has_a_row for the line to add).

One row per (endpoint, method, target); the last column holds one code per actor, in the
order of authz_world.ACTORS: anon emp_A emp_B men_A men_A2 men_B par_A par_B coord.
Codes: lg = a redirect to the sign-in page; rd = a redirect elsewhere (the action ran, or
was refused with a message, on the user's own side); ok 200, mv 301, bd 400, no 403, nf 404.
POSTs send the actor's CSRF token and the target's harmless form (tests/authz_world.py); an
allowed user's empty form is answered ok (the form again, with its errors), bd or rd.

Targets are objects of side A: employer A's vacancy, mentor A's participant (whom mentor A2
of the same WISE does not follow), participant A's proposal, and so on; the B actors are the
strangers. GET rows run first, then POST rows; in a row the refusals run before the allowed
cells, so an allowed action cannot hide a refusal that should have happened."""

import pytest

from . import authz_world
from .authz_world import ACTORS, LOGIN

CODES = {"lg": LOGIN, "rd": 302, "ok": 200, "mv": 301, "bd": 400, "no": 403, "nf": 404}

# fmt: off
TABLE = [
    # endpoint                          method  target              an eA eB mA m2 mB pA pB co
    ("auth.accept_colleague",             "POST", "joiner",           "lg rd no no no no no no no"),
    ("auth.change_password",              "GET",  "-",                "lg ok ok ok ok ok ok ok ok"),
    ("auth.change_password",              "POST", "-",                "lg ok ok ok ok ok ok ok ok"),
    ("auth.colleagues",                   "GET",  "-",                "lg ok ok ok ok ok no no no"),
    ("auth.login",                        "GET",  "-",                "ok rd rd rd rd rd rd rd rd"),
    ("auth.login",                        "POST", "-",                "ok rd rd rd rd rd rd rd rd"),
    ("auth.logout",                       "POST", "-",                "lg lg lg lg lg lg lg lg lg"),
    ("auth.pending",                      "GET",  "-",                "lg rd rd rd rd rd rd rd rd"),
    ("auth.register",                     "GET",  "-",                "ok rd rd rd rd rd rd rd rd"),
    ("auth.register",                     "POST", "-",                "ok rd rd rd rd rd rd rd rd"),
    ("auth.start",                        "GET",  "-",                "ok rd rd rd rd rd rd rd rd"),
    ("auth.start",                        "POST", "-",                "ok rd rd rd rd rd rd rd rd"),
    ("checkins.employer_view",            "GET",  "hire_A_month",     "lg ok no no no no no no no"),
    ("checkins.employer_view",            "POST", "hire_A_month",     "lg ok no no no no no no no"),
    ("checkins.hire",                     "GET",  "hire_A",           "lg ok no ok no no no no ok"),
    ("checkins.index",                    "GET",  "-",                "lg ok ok ok ok ok no no ok"),
    ("checkins.record",                   "GET",  "hire_A_month",     "lg no no ok no no no no no"),
    ("checkins.record",                   "POST", "hire_A_month",     "lg no no ok no no no no no"),
    ("checkins.reopen",                   "POST", "participant_A",    "lg no no rd no no no no no"),
    ("coordinators.dashboard",            "GET",  "-",                "lg no no no no no no no ok"),
    ("coordinators.decide",               "POST", "joiner",           "lg no no no no no no no rd"),
    ("coordinators.erase_participant",    "POST", "participant_A",    "lg no no no no no no no rd"),
    ("coordinators.export_participant",   "GET",  "participant_A",    "lg no no no no no no no ok"),
    ("coordinators.participant",          "GET",  "participant_A",    "lg no no no no no no no ok"),
    ("coordinators.participants",         "GET",  "-",                "lg no no no no no no no ok"),
    ("coordinators.reassign_caseload",    "POST", "-",                "lg no no no no no no no rd"),
    ("coordinators.reassign_participant", "POST", "participant_A",    "lg no no no no no no no rd"),
    ("coordinators.reset_password",       "POST", "spare_user",       "lg no no no no no no no ok"),
    ("coordinators.translations",         "GET",  "-",                "lg no no no no no no no ok"),
    ("coordinators.users",                "GET",  "-",                "lg no no no no no no no ok"),
    ("data_rights.ask",                   "POST", "participant_A",    "lg no no ok no no ok no ok"),
    ("data_rights.decide",                "POST", "request_A",        "lg no no no no no no no ok"),
    ("data_rights.export_html",           "GET",  "participant_A",    "lg no no ok no no ok no ok"),
    ("data_rights.export_json",           "GET",  "participant_A",    "lg no no ok no no ok no ok"),
    ("data_rights.mine",                  "GET",  "-",                "lg no no no no no rd rd no"),
    ("data_rights.page",                  "GET",  "participant_A",    "lg no no ok no no ok no ok"),
    ("data_rights.queue",                 "GET",  "-",                "lg no no no no no no no ok"),
    ("employers.close_vacancy",           "POST", "vacancy_A",        "lg bd no no no no no no no"),
    ("employers.commitment",              "GET",  "-",                "lg ok ok no no no no no no"),
    ("employers.commitment",              "POST", "-",                "lg ok ok no no no no no no"),
    ("employers.dashboard",               "GET",  "-",                "lg ok ok no no no no no no"),
    ("employers.duplicate_vacancy",       "POST", "vacancy_A",        "lg rd no no no no no no no"),
    ("employers.edit_vacancy",            "GET",  "vacancy_A",        "lg ok no no no no no no no"),
    ("employers.edit_vacancy",            "POST", "vacancy_A",        "lg ok no no no no no no no"),
    ("employers.new_vacancy",             "GET",  "-",                "lg ok ok no no no no no no"),
    ("employers.new_vacancy",             "POST", "-",                "lg ok ok no no no no no no"),
    ("employers.profile",                 "GET",  "-",                "lg ok ok no no no no no no"),
    ("employers.profile",                 "POST", "-",                "lg ok ok no no no no no no"),
    ("employers.publish_vacancy",         "POST", "draft_A",          "lg rd no no no no no no no"),
    ("employers.vacancy",                 "GET",  "vacancy_A",        "lg ok no no no no no no no"),
    ("front.ask",                         "GET",  "-",                "ok ok ok ok ok ok ok ok ok"),
    ("front.ask",                         "POST", "-",                "ok ok ok ok ok ok ok ok ok"),
    ("front.commitment",                  "GET",  "-",                "ok ok ok ok ok ok ok ok ok"),
    # The draft editor is only for an employer whose new organisation waits for approval.
    ("front.draft",                       "GET",  "-",                "lg no no no no no no no no"),
    ("front.draft",                       "POST", "-",                "lg no no no no no no no no"),
    ("front.index",                       "GET",  "-",                "ok ok ok ok ok ok ok ok ok"),
    ("front.lead_list",                   "GET",  "-",                "lg no no ok ok ok no no ok"),
    ("front.place_wise",                  "POST", "-",                "lg no no rd rd rd no no no"),
    ("front.ready_talent",                "GET",  "-",                "ok ok ok ok ok ok ok ok ok"),
    ("front.start",                       "GET",  "-",                "rd rd rd no no no no no no"),
    ("front.status",                      "GET",  "-",                "lg ok ok no no no no no no"),
    ("front.switch",                      "POST", "-",                "lg no no no no no no no rd"),
    # Without a signed text the allowed roles get 400 ("not a text from this portal").
    ("listen.audio",                      "GET",  "-",                "lg no no bd bd bd bd bd no"),
    ("lookup.suggest",                    "GET",  "skill_kind",       "lg ok ok ok ok ok no no ok"),
    ("matches.employer_candidates",       "GET",  "vacancy_A",        "lg ok no no no no no no no"),
    ("matches.mentor_candidates",         "GET",  "vacancy_A",        "lg no no ok ok ok no no no"),
    ("matches.mentor_opening_cards",      "GET",  "participant_A",    "lg no no ok no no no no no"),
    ("matches.mentor_openings",           "GET",  "participant_A",    "lg no no ok no no no no no"),
    ("matches.my_openings",               "GET",  "-",                "lg no no no no no ok ok no"),
    ("matches.react",                     "POST", "opening_A",        "lg no no rd no no rd no no"),
    ("matches.search",                    "GET",  "-",                "lg no no ok ok ok no no no"),
    ("mentors.certificates",              "GET",  "participant_A",    "lg no no ok no no no no no"),
    ("mentors.certificates",              "POST", "participant_A",    "lg no no ok no no no no no"),
    ("mentors.consent",                   "GET",  "participant_A",    "lg no no ok no no no no no"),
    ("mentors.consent",                   "POST", "participant_A",    "lg no no ok no no no no no"),
    ("mentors.dashboard",                 "GET",  "-",                "lg no no ok ok ok no no no"),
    ("mentors.edit_section",              "GET",  "section_A",        "lg no no ok no no no no no"),
    ("mentors.edit_section",              "POST", "section_A",        "lg no no ok no no no no no"),
    ("mentors.endorse",                   "GET",  "participant_A",    "lg no no ok no no no no no"),
    ("mentors.endorse",                   "POST", "participant_A",    "lg no no ok no no no no no"),
    ("mentors.export",                    "GET",  "participant_A",    "lg no no ok no no no no no"),
    ("mentors.login_card",                "POST", "participant_A",    "lg no no ok no no no no no"),
    ("mentors.new_participant",           "GET",  "-",                "lg no no ok ok ok no no no"),
    ("mentors.new_participant",           "POST", "-",                "lg no no ok ok ok no no no"),
    ("mentors.participant",               "GET",  "participant_A",    "lg no no ok no no no no no"),
    ("mentors.remove_row",                "POST", "skill_A",          "lg no no rd no no no no no"),
    ("mentors.revoke",                    "POST", "participant_A",    "lg no no rd no no no no no"),
    ("mentors.skills",                    "GET",  "participant_A",    "lg no no ok no no no no no"),
    ("mentors.skills",                    "POST", "participant_A",    "lg no no ok no no no no no"),
    ("mentors.withdraw_consent",          "POST", "participant_A",    "lg no no rd no no no no no"),
    ("notifications.index",               "GET",  "-",                "lg ok ok ok ok ok ok ok ok"),
    ("notifications.read",                "POST", "notification_A",   "lg rd no no no no no no no"),
    ("notifications.read_all",            "POST", "-",                "lg rd rd rd rd rd rd rd rd"),
    ("outcomes.dashboard",                "GET",  "-",                "lg no no no no no no no ok"),
    ("outcomes.export",                   "GET",  "-",                "lg no no no no no no no ok"),
    ("outcomes.mine",                     "GET",  "-",                "lg ok ok ok ok ok no no no"),
    ("outcomes.mine_export",              "GET",  "-",                "lg ok ok ok ok ok no no no"),
    ("notifications.settings",            "GET",  "-",                "lg ok ok ok ok ok ok ok ok"),
    ("notifications.settings",            "POST", "-",                "lg ok ok ok ok ok ok ok ok"),
    ("notifications.unsubscribe",         "GET",  "unsubscribe_A",    "ok ok ok ok ok ok ok ok ok"),
    ("notifications.unsubscribe_confirm", "POST", "unsubscribe_A",    "ok ok ok ok ok ok ok ok ok"),
    ("participants.give_consent",         "POST", "-",                "lg no no no no no rd rd no"),
    ("participants.home",                 "GET",  "-",                "lg no no no no no ok ok no"),
    ("participants.withdraw_consent",     "POST", "-",                "lg no no no no no rd rd no"),
    ("proposals.board",                   "GET",  "-",                "lg no no ok ok ok no no no"),
    ("proposals.employer_detail",         "GET",  "proposal_A",       "lg ok no no no no no no no"),
    ("proposals.inbox",                   "GET",  "-",                "lg ok ok no no no no no no"),
    ("proposals.meeting_file",            "GET",  "meeting_A",        "lg ok no ok no no no no no"),
    ("proposals.mentor_detail",           "GET",  "proposal_A",       "lg no no ok no no no no ok"),
    ("proposals.new",                     "GET",  "-",                "lg no no ok ok ok no no no"),
    ("proposals.new",                     "POST", "-",                "lg no no ok ok ok no no no"),
    ("proposals.participant_action",      "POST", "proposal_A_share", "lg no no rd no no rd no no"),
    ("proposals.step",                    "POST", "proposal_A_step",  "lg rd no no no no no no no"),
    ("proposals.withdraw",                "POST", "proposal_A",       "lg no no rd no no rd no no"),
    ("site.favicon",                      "GET",  "-",                "mv mv mv mv mv mv mv mv mv"),
    ("site.healthz",                      "GET",  "-",                "ok ok ok ok ok ok ok ok ok"),
    ("site.home",                         "GET",  "-",                "ok rd rd rd rd rd rd rd rd"),
    ("site.set_language",                 "POST", "-",                "rd rd rd rd rd rd rd rd rd"),
    # The skills card carries the name: only once the participant shared it (the hire did).
    ("skillcards.for_proposal",           "GET",  "hire_A",           "lg ok no no no no no no no"),
    ("skillcards.for_proposal",           "GET",  "proposal_A",       "lg no no no no no no no no"),
    ("skillcards.mine",                   "GET",  "-",                "lg no no no no no ok ok no"),
    ("skillcards.of_participant",         "GET",  "participant_A",    "lg no no ok no no no no ok"),
    ("static",                            "GET",  "static_css",       "ok ok ok ok ok ok ok ok ok"),
    ("vacancies.detail",                  "GET",  "vacancy_A",        "lg no no ok ok ok no no ok"),
    ("vacancies.index",                   "GET",  "-",                "lg no no ok ok ok no no ok"),
    ("vacancies.organisation",            "GET",  "organisation_A",   "lg no no ok ok ok no no ok"),
]
# fmt: on
REFUSALS = {LOGIN, 403, 404}
# Rows whose allowed cells end the session: each cell gets a client of its own.
SESSION_ENDING = {"auth.logout"}


def _row_id(row) -> str:
    endpoint, method, target, _codes = row
    return f"{endpoint}-{method}-{target}"


def _routes(app) -> set[tuple[str, str]]:
    return {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


@pytest.fixture(scope="module")
def world(database_url, tmp_path_factory):
    with authz_world.module_world(database_url, tmp_path_factory.mktemp("matrix")) as w:
        yield w


def _expected(row) -> dict[str, int | str]:
    return dict(zip(ACTORS, (CODES[code] for code in row[3].split()), strict=True))


def test_the_table_is_well_formed():
    for row in TABLE:
        assert len(row[3].split()) == len(ACTORS), f"{_row_id(row)}: one code per actor"
        assert set(row[3].split()) <= set(CODES), f"{_row_id(row)}: codes are {sorted(CODES)}"
    assert len({_row_id(row) for row in TABLE}) == len(TABLE), "a row appears twice"


def test_every_route_has_a_row(world):
    routes = _routes(world.app)
    covered = {(endpoint, method) for endpoint, method, _target, _codes in TABLE}
    missing = sorted(routes - covered)
    stale = sorted(covered - routes)
    unknown = sorted({row[2] for row in TABLE} - set(world.targets))
    codes = " ".join(ACTORS)
    message = []
    if missing:
        message.append("Routes without a row in TABLE (add one each):")
        message += [f'    ("{endpoint}", "{method}", "<target>", "<codes: {codes}>"),'
                    for endpoint, method in missing]  # fmt: skip
    if stale:
        message.append("Rows whose route no longer exists (remove them):")
        message += [f"    {endpoint} {method}" for endpoint, method in stale]
    if unknown:
        message.append(f"Targets not built by tests/authz_world.py: {', '.join(unknown)}")
    assert not message, "\n".join(message)


@pytest.mark.parametrize("row", sorted(TABLE, key=lambda row: row[1] == "POST"), ids=_row_id)
def test_cell(world, row):
    endpoint, method, target, _codes = row
    expected = _expected(row)
    order = sorted(ACTORS, key=lambda actor: expected[actor] not in REFUSALS)
    wrong = []
    for actor in order:
        response = world.send(actor, endpoint, method, target, fresh=endpoint in SESSION_ENDING)
        seen = authz_world.outcome(response)
        if seen != expected[actor]:
            where = response.headers.get("Location", "")
            wrong.append(f"{actor}: expected {expected[actor]}, got {seen} {where}".rstrip())
    url = world.url(endpoint, target)
    assert not wrong, f"{method} {url} ({endpoint} on {target}):\n  " + "\n  ".join(wrong)
