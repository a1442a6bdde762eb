"""Employers post vacancies with a mentoring commitment; every rule through the Flask test
client and the database."""

import re
from datetime import timedelta

import pytest
from sqlmodel import func, select

from portal import clock
from portal.models import (
    MentoringCommitment,
    Organisation,
    Vacancy,
    VacancyCertificate,
    VacancySkill,
)

from .conftest import csrf_token, login, post

TODAY = clock.today()
PROFILE = {
    "name": "Bakkerij Maes",
    "sector": "food-production",
    "street": "Markt 1",
    "postcode": "3000",
    "contact_name": "Katrien",
    "size": "1-9",
}
COMMITMENT = {
    "buddy_role": "Chef van de afwas",
    "buddy_hours_per_week": "3",
    "months": "2",
    "onboarding_plan": "Eerste week naast een collega.",
    "trial_weeks": "0",
    "aftercare_rhythm": "2-weeks",
}


def vacancy_form(**changes):
    form = {
        "title": "Magazijnmedewerker",
        "occupation_code": "warehouse-worker",
        "tasks": "Je neemt bestellingen uit de rekken.",
        "must_have": "order-picking, hand-scanner, werken met een weegschaal",
        "nice_to_have": "forklift",
        "dutch_level_code": "A2",
        "language_coaching": "y",
        "postcode": "9000",
        "hours_per_week": "38",
        "shifts": ["day", "evening"],
        "contract_type": "temp-to-perm",
        "positions": "2",
        "start_date": (TODAY + timedelta(days=40)).isoformat(),
        "closing_date": (TODAY + timedelta(days=10)).isoformat(),
        "licence_category": "B",
        "certificates": ["vca-basic", "forklift"],
        "certificates_trained": ["forklift"],
        "buddy_role": "Ploegleider",
        "buddy_hours_per_week": "4",
        "months": "3",
        "onboarding_plan": "Dag 1: rondleiding.",
        "language_coach": "y",
        "visual_instructions": "y",
        "colleague_languages": "Arabisch",
        "trial_weeks": "4",
        "aftercare_rhythm": "monthly",
    }
    form.update(changes)
    return {key: value for key, value in form.items() if value is not None}


@pytest.fixture()
def employer(app, make_user):
    user = make_user("employer")
    client = app.test_client()
    login(client, user.email)
    client.user = user
    return client


def create(client, **changes):
    return post(
        client,
        "/employer/vacancies/new?lang=en",
        vacancy_form(**changes),
        token_from="/employer/vacancies/new",
    )


def new_vacancy(client, db, publish=False, **changes) -> Vacancy:
    response = create(client, **changes)
    assert response.status_code == 302, response.get_data(as_text=True)
    vacancy_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    if publish:
        response = post(
            client, f"/employer/vacancies/{vacancy_id}/publish", token_from="/employer/"
        )
        assert response.status_code == 302
    db.expire_all()
    return db.get(Vacancy, vacancy_id)


def test_create_stores_structured_fields_and_commitment(employer, db):
    vacancy = new_vacancy(employer, db)
    assert vacancy.status == "draft"
    assert (vacancy.dutch_level, vacancy.dutch_level_code) == (2, "A2")
    assert (vacancy.postcode, vacancy.town, vacancy.hours_per_week) == ("9000", "Gent", 38)
    assert vacancy.shifts == ["day", "evening"] and vacancy.language_coaching
    skills = {
        (s.code, s.must_have, s.free_text)
        for s in db.exec(select(VacancySkill).where(VacancySkill.vacancy_id == vacancy.id))
    }
    assert skills == {
        ("order-picking", True, False),
        ("hand-scanner", True, False),
        ("werken met een weegschaal", True, True),
        ("forklift", False, False),
    }
    certs = {
        (c.code, c.employer_trains)
        for c in db.exec(
            select(VacancyCertificate).where(VacancyCertificate.vacancy_id == vacancy.id)
        )
    }
    assert certs == {("vca-basic", False), ("forklift", True)}
    commitment = db.exec(
        select(MentoringCommitment).where(MentoringCommitment.vacancy_id == vacancy.id)
    ).one()
    assert (commitment.buddy_hours_per_week, commitment.months, commitment.trial_weeks) == (4, 3, 4)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"postcode": "9999"}, "This is not a Belgian postcode."),
        (
            {
                "closing_date": (TODAY + timedelta(days=6)).isoformat(),
                "start_date": (TODAY + timedelta(days=5)).isoformat(),
            },
            "The closing date cannot be after the start date.",
        ),
        ({"start_date": (TODAY - timedelta(days=1)).isoformat()}, "The start date has passed."),
        (
            {"closing_date": (TODAY - timedelta(days=1)).isoformat()},
            "The closing date has passed.",
        ),
        ({"hours_per_week": "0"}, "Hours per week must be between 1 and 60."),
        ({"hours_per_week": "61"}, "Hours per week must be between 1 and 60."),
        ({"dutch_level_code": "C2"}, "Choose a Dutch level from the list."),
        ({"buddy_hours_per_week": "0"}, "A buddy needs at least 1 hour a week"),
        ({"occupation_code": "astronaut"}, "Choose an occupation from the list."),
        ({"shifts": []}, "Tick at least one shift."),
        ({"buddy_role": ""}, "Say who the workplace buddy is"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_lost(employer, db, changes, message):
    response = create(employer, **changes)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in body
    assert 'value="Magazijnmedewerker"' in body  # what was typed is kept
    assert "Je neemt bestellingen uit de rekken." in body
    assert db.exec(select(func.count()).select_from(Vacancy)).one() == 0


def test_garbage_numbers_and_dates_give_messages_not_500(employer, db):
    response = create(employer, hours_per_week="abc", start_date="31-31-2020", positions="x")
    assert response.status_code == 200
    assert db.exec(select(func.count()).select_from(Vacancy)).one() == 0


def test_double_submit_makes_one_vacancy(employer, db):
    form = vacancy_form(nonce="same-form-nonce")
    first = post(employer, "/employer/vacancies/new", form, token_from="/employer/")
    second = post(employer, "/employer/vacancies/new", form, token_from="/employer/")
    assert first.headers["Location"] == second.headers["Location"]
    assert db.exec(select(func.count()).select_from(Vacancy)).one() == 1


def test_number_fields_carry_the_ranges_the_service_accepts(employer):
    body = employer.get("/employer/vacancies/new").get_data(as_text=True)
    for name, low, high in (
        ("hours_per_week", 1, 60),
        ("positions", 1, 50),
        ("buddy_hours_per_week", 1, 40),
        ("months", 1, 24),
        ("trial_weeks", 0, 26),
    ):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', body).group(0)
        assert f'min="{low}"' in tag and f'max="{high}"' in tag and 'type="number"' in tag


def test_new_form_carries_a_fresh_nonce_and_starts_from_the_usual_commitment(employer, db):
    post(
        employer,
        "/employer/organisation/commitment",
        COMMITMENT,
        token_from="/employer/",
    )
    body = employer.get("/employer/vacancies/new").get_data(as_text=True)
    assert 'value="Chef van de afwas"' in body
    assert 'id="nonce" name="nonce" type="hidden" value="' in body
    assert 'id="nonce" name="nonce" type="hidden" value=""' not in body
    assert '="None"' not in body  # no empty aria-describedby / autocomplete attributes


def test_default_commitment_refuses_zero_buddy_hours(employer, db):
    response = post(
        employer,
        "/employer/organisation/commitment?lang=en",
        COMMITMENT | {"buddy_hours_per_week": "0"},
        token_from="/employer/",
    )
    assert "A buddy needs at least 1 hour a week" in response.get_data(as_text=True)
    assert db.exec(select(func.count()).select_from(MentoringCommitment)).one() == 0


def test_lifecycle_publish_edit_close_duplicate(employer, db):
    vacancy = new_vacancy(employer, db, publish=True)
    assert vacancy.status == "published" and vacancy.published_at is not None
    # Editing a published vacancy changes it in place (same id: its proposals stay).
    response = post(
        employer,
        f"/employer/vacancies/{vacancy.id}/edit",
        vacancy_form(title="Magazijnier", hours_per_week="30"),
        token_from=f"/employer/vacancies/{vacancy.id}/edit",
    )
    assert response.status_code == 302
    db.expire_all()
    edited = db.get(Vacancy, vacancy.id)
    assert (edited.title, edited.hours_per_week, edited.status) == ("Magazijnier", 30, "published")
    assert db.exec(select(func.count()).select_from(Vacancy)).one() == 1

    page = employer.get(f"/employer/vacancies/{vacancy.id}?lang=en").get_data(as_text=True)
    assert "Mentoring commitment" in page and "Ploegleider" in page

    response = post(
        employer,
        f"/employer/vacancies/{vacancy.id}/duplicate",
        {"nonce": "dup-1"},
        token_from="/employer/",
    )
    copy_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    post(
        employer,
        f"/employer/vacancies/{vacancy.id}/duplicate",
        {"nonce": "dup-1"},
        token_from="/employer/",
    )
    assert db.exec(select(func.count()).select_from(Vacancy)).one() == 2
    copy = db.get(Vacancy, copy_id)
    assert (copy.status, copy.title) == ("draft", "Magazijnier")
    assert (
        db.exec(
            select(func.count())
            .select_from(MentoringCommitment)
            .where(MentoringCommitment.vacancy_id == copy_id)
        ).one()
        == 1
    )

    post(
        employer,
        f"/employer/vacancies/{vacancy.id}/close",
        {"outcome": "filled"},
        token_from="/employer/",
    )
    db.expire_all()
    assert db.get(Vacancy, vacancy.id).status == "filled"
    response = post(
        employer,
        f"/employer/vacancies/{vacancy.id}/edit",
        vacancy_form(title="Nope"),
        token_from="/employer/",
    )
    db.expire_all()
    assert db.get(Vacancy, vacancy.id).title == "Magazijnier"


def test_publishing_needs_a_commitment(employer, db):
    vacancy = new_vacancy(employer, db)
    db.exec(select(MentoringCommitment))  # noqa: B018
    row = db.exec(
        select(MentoringCommitment).where(MentoringCommitment.vacancy_id == vacancy.id)
    ).one()
    db.delete(row)
    db.commit()
    response = post(
        employer,
        f"/employer/vacancies/{vacancy.id}/publish?lang=en",
        token_from="/employer/",
        follow_redirects=True,
    )
    assert "Add a mentoring commitment before you publish." in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(Vacancy, vacancy.id).status == "draft"


def test_expiry_by_command_and_on_read(app, employer, db, make_user):
    first = new_vacancy(employer, db, publish=True)
    second = new_vacancy(employer, db, publish=True, title="Tweede")
    for vacancy in (first, second):
        vacancy.start_date = TODAY - timedelta(days=20)
        vacancy.closing_date = TODAY - timedelta(days=1)
        db.add(vacancy)
    db.commit()
    mentor = app.test_client()
    login(mentor, make_user("mentor").email)
    assert "Magazijnmedewerker" not in mentor.get("/vacancies/").get_data(as_text=True)
    db.expire_all()
    assert db.get(Vacancy, first.id).status == "expired"  # the read marked it

    third = new_vacancy(employer, db, publish=True, title="Derde")
    third.start_date, third.closing_date = TODAY - timedelta(days=9), TODAY - timedelta(days=3)
    db.add(third)
    db.commit()
    result = app.test_cli_runner().invoke(args=["vacancies", "expire"])
    assert result.exit_code == 0 and "1 vacancies expired" in result.output
    db.expire_all()
    assert db.get(Vacancy, third.id).status == "expired"


def test_another_employer_cannot_read_edit_or_close(app, employer, db, make_user):
    vacancy = new_vacancy(employer, db)
    other = app.test_client()
    login(other, make_user("employer").email)
    token = csrf_token(other, "/employer/")
    assert other.get(f"/employer/vacancies/{vacancy.id}").status_code == 403
    assert other.get(f"/employer/vacancies/{vacancy.id}/edit").status_code == 403
    edit = other.post(
        f"/employer/vacancies/{vacancy.id}/edit",
        data=vacancy_form(title="Hacked") | {"csrf_token": token},
    )
    assert edit.status_code == 403
    for action, data in (("close", {"outcome": "closed"}), ("publish", {}), ("duplicate", {})):
        response = other.post(
            f"/employer/vacancies/{vacancy.id}/{action}", data=data | {"csrf_token": token}
        )
        assert response.status_code == 403, action
    db.expire_all()
    unchanged = db.get(Vacancy, vacancy.id)
    assert (unchanged.title, unchanged.status) == ("Magazijnmedewerker", "draft")
    assert db.exec(select(func.count()).select_from(Vacancy)).one() == 1
    assert "Magazijnmedewerker" not in other.get("/employer/").get_data(as_text=True)


def test_mentor_cannot_read_a_draft(app, employer, db, make_user):
    vacancy = new_vacancy(employer, db)
    mentor = app.test_client()
    login(mentor, make_user("mentor").email)
    assert mentor.get(f"/vacancies/{vacancy.id}").status_code == 404
    coordinator = app.test_client()
    login(coordinator, make_user("coordinator").email)
    assert coordinator.get(f"/vacancies/{vacancy.id}").status_code == 200


def test_profile_is_edited_by_its_employer_and_shown_to_mentors(app, employer, db, make_user):
    response = post(
        employer,
        "/employer/organisation?lang=en",
        PROFILE | {"postcode": "0000"},
        token_from="/employer/organisation",
    )
    assert "This is not a Belgian postcode." in response.get_data(as_text=True)
    response = post(
        employer,
        "/employer/organisation",
        PROFILE | {"description": "Brood en koffiekoeken."},
        token_from="/employer/organisation",
    )
    assert response.status_code == 302
    organisation = db.get(Organisation, employer.user.organisation_id)
    db.refresh(organisation)
    assert (organisation.town, organisation.sector) == ("Leuven", "food-production")
    mentor = app.test_client()
    login(mentor, make_user("mentor").email)
    page = mentor.get(f"/vacancies/organisations/{organisation.id}").get_data(as_text=True)
    assert "Brood en koffiekoeken." in page and "Markt 1" in page
