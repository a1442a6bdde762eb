"""Issue 12 finding 7: hostile numbers and lengths get a clear answer, never an HTTP 500
(run on PostgreSQL too: PORTAL_TEST_DATABASE_URL)."""

from sqlmodel import select

from portal.models import Notification, Organisation, Participant, Vacancy

from .conftest import post
from .proposal_factory import client_for, post_form, proposals_of, propose, world
from .test_employers_vacancies import new_vacancy, vacancy_form

BIG = "9" * 23


def test_23_digit_ids_and_page_numbers_are_refused_not_a_500(app, db, make_user):
    w = world(app, db, make_user)
    mentor, employer = client_for(app, w.mentor), client_for(app, w.employer)
    coordinator = client_for(app, make_user("coordinator"))
    for client, url in (
        (employer, f"/proposals/inbox?vacancy={BIG}"),
        (employer, f"/proposals/{BIG}/employer"),
        (employer, f"/employer/vacancies/{BIG}/edit"),
        (mentor, f"/proposals/new?participant_id={BIG}&vacancy_id={BIG}"),
        (mentor, f"/mentor/participants/{BIG}"),
        (coordinator, f"/coordinator/participants/{BIG}"),
        (coordinator, f"/coordinator/users?page={BIG}"),
        (coordinator, f"/coordinator/participants?page={BIG}"),
    ):
        assert client.get(url).status_code in (200, 302, 400, 403, 404), url
    answer = propose(mentor, w, participant_id=BIG, vacancy_id=BIG)
    assert answer.status_code == 200 and proposals_of(db, w) == []
    for url, data in (
        ("/coordinator/participants/reassign", {"from_mentor": BIG, "to_mentor": BIG}),
        (f"/coordinator/participants/{w.participant.id}/reassign", {"mentor_id": BIG}),
        (f"/coordinator/participants/{BIG}/reassign", {"mentor_id": "1"}),
    ):
        status = post_form(coordinator, url, data, "/coordinator/participants").status_code
        assert status in (302, 400, 404), url
    db.expire_all()
    assert db.get(Participant, w.participant.id).mentor_id == w.mentor.id


def test_names_up_to_the_column_and_a_longer_one_refused(app, db, make_user):
    mentor_user = make_user("mentor")
    mentor = client_for(app, mentor_user)
    url = "/mentor/participants/new?lang=en"
    long = {"first_name": "A" * 81, "last_name": "B" * 120}
    answer = post(mentor, url, long, token_from="/mentor/participants/new")
    assert answer.status_code == 200 and "Use at most 80 characters." in answer.get_data(True)
    fits = post(mentor, url, {"first_name": "A" * 80, "last_name": "B" * 80},
                token_from="/mentor/participants/new")  # fmt: skip
    assert fits.status_code == 302
    assert db.exec(select(Participant).where(Participant.first_name == "A" * 80)).one()


def test_vacancy_edit_without_colleague_languages(app, db, make_user):
    employer = client_for(app, make_user("employer"))
    vacancy = new_vacancy(employer, db)
    form = vacancy_form(title="Zonder talen")
    form.pop("colleague_languages", None)
    url = f"/employer/vacancies/{vacancy.id}/edit"
    assert post(employer, url, form, token_from=url).status_code == 302
    db.expire_all()
    assert db.get(Vacancy, vacancy.id).title == "Zonder talen"


def test_a_subject_over_200_characters_is_cut_to_fit(app, db, make_user):
    w = world(app, db, make_user, title="V" * 160)
    with app.app_context():
        organisation = db.get(Organisation, w.employer.organisation_id)
        organisation.name = "O" * 200
        db.add(organisation)
        db.commit()
    mentor, employer = client_for(app, w.mentor), client_for(app, w.employer)
    propose(mentor, w)
    [proposal] = proposals_of(db, w)
    url = f"/proposals/{proposal.id}/step/employer_interested"
    data = {"employer_interested-note": ""}
    answer = post_form(employer, url, data, prefix="employer_interested-")
    assert answer.status_code == 302
    db.expire_all()
    subjects = [n.subject for n in db.exec(select(Notification)).all()]
    assert subjects and max(len(s) for s in subjects) <= 200
    assert any(s.endswith("…") for s in subjects)
