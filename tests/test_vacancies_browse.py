"""Mentors and coordinators list published vacancies with filters, sorting and paging."""

from datetime import timedelta

from sqlmodel import select

from portal.models import Vacancy

from .conftest import login
from .test_employers_vacancies import TODAY, new_vacancy


def _employer(app, make_user):
    client = app.test_client()
    login(client, make_user("employer").email)
    return client


def _mentor(app, make_user):
    client = app.test_client()
    login(client, make_user("mentor").email)
    return client


def test_only_published_unexpired_vacancies_are_listed(app, db, make_user):
    employer = _employer(app, make_user)
    new_vacancy(employer, db, publish=True, title="Open in Gent")
    new_vacancy(employer, db, title="Nog een ontwerp")
    closed = new_vacancy(employer, db, publish=True, title="Al gesloten")
    closed.status = "closed"
    db.add(closed)
    db.commit()
    body = _mentor(app, make_user).get("/vacancies/?lang=en").get_data(as_text=True)
    assert "Open in Gent" in body
    assert "Nog een ontwerp" not in body and "Al gesloten" not in body
    assert "1 vacancy found." in body


def test_filters_distance_hours_dutch_shift_occupation(app, db, make_user):
    employer = _employer(app, make_user)
    new_vacancy(employer, db, publish=True, title="Gent dag", postcode="9000")
    new_vacancy(
        employer,
        db,
        publish=True,
        title="Antwerpen nacht",
        postcode="2000",
        shifts=["night"],
        hours_per_week="20",
        dutch_level_code="B1",
        occupation_code="dishwasher",
    )
    mentor = _mentor(app, make_user)

    def titles(query):
        body = mentor.get(f"/vacancies/?lang=en&{query}").get_data(as_text=True)
        return {t for t in ("Gent dag", "Antwerpen nacht") if t in body}, body

    found, body = titles("postcode=9050&radius_km=10")
    assert found == {"Gent dag"} and "straight-line" in body
    found, _body = titles("postcode=Antwerpen&radius_km=10")
    assert found == {"Antwerpen nacht"}
    assert titles("hours_max=25")[0] == {"Antwerpen nacht"}
    assert titles("hours_min=30")[0] == {"Gent dag"}
    assert titles("dutch_level=A2")[0] == {"Gent dag"}
    assert titles("shift=night")[0] == {"Antwerpen nacht"}
    assert titles("occupation=dishwasher")[0] == {"Antwerpen nacht"}
    found, body = titles("postcode=9999")
    assert "This is not a Belgian postcode or town." in body
    # Sorted by distance from Antwerpen, the Antwerp vacancy comes first.
    body = titles("postcode=2000&sort=distance")[1]
    assert body.index("Antwerpen nacht") < body.index("Gent dag")


def test_paging(app, db, make_user):
    employer = _employer(app, make_user)
    first = new_vacancy(employer, db, publish=True, title="Vacature 0")
    ids = [first.id]
    for number in range(1, 21):
        vacancy = new_vacancy(employer, db, publish=True, title=f"Vacature {number}")
        ids.append(vacancy.id)
    # Closing dates differ, so the default order (closing date) is known.
    for offset, vacancy_id in enumerate(ids):
        vacancy = db.get(Vacancy, vacancy_id)
        vacancy.closing_date = TODAY + timedelta(days=30 + offset)
        db.add(vacancy)
    db.commit()
    mentor = _mentor(app, make_user)
    page1 = mentor.get("/vacancies/?lang=en").get_data(as_text=True)
    page2 = mentor.get("/vacancies/?lang=en&page=2").get_data(as_text=True)
    assert "Vacature 0<" in page1 and "Vacature 20<" not in page1 and "Next page" in page1
    assert "Vacature 20<" in page2 and "Previous page" in page2
    assert len(db.exec(select(Vacancy)).all()) == 21


def test_detail_shows_the_commitment_to_mentors(app, db, make_user):
    employer = _employer(app, make_user)
    vacancy = new_vacancy(employer, db, publish=True)
    body = _mentor(app, make_user).get(f"/vacancies/{vacancy.id}?lang=en").get_data(as_text=True)
    assert "Mentoring commitment" in body
    assert "4 hours a week for 3 months" in body
    assert "Ploegleider" in body and "the employer trains for it" in body
    assert "own words of the employer" in body  # the free skill is marked


def test_the_list_shows_each_commitment_in_short(app, db, make_user):
    employer = _employer(app, make_user)
    new_vacancy(employer, db, publish=True)
    body = _mentor(app, make_user).get("/vacancies/?lang=en").get_data(as_text=True)
    assert "Ploegleider: 4 hours a week for 3 months" in body
    assert "Ploegleider: 4 hours a week for 3 months" in employer.get(
        "/employer/?lang=en"
    ).get_data(as_text=True)
