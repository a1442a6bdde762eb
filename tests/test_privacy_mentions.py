"""Issue 12 finding 12: every mentor text the employer reads before consent says so, and a
text that names the participant (or gives their e-mail or phone) is flagged, not blocked."""

from sqlmodel import select

from portal.models import Endorsement, Participant, ParticipantSkill
from portal.services.participants import consents

from .participant_factory import make_participant
from .proposal_factory import client_for, post_form, proposals_of, propose, world

WARNING = "names the participant"


def test_every_text_for_the_employer_warns(app, db, make_user):
    w = world(app, db, make_user)
    mentor = client_for(app, w.mentor)
    pid = w.participant.id
    for url, count in (
        (f"/mentor/participants/{pid}/skills?lang=en", 1),
        (f"/mentor/participants/{pid}/endorse?lang=en", 2),
        ("/proposals/new?lang=en", 1),
    ):
        page = mentor.get(url).get_data(as_text=True)
        assert page.count("The employer reads this: no name, phone or e-mail.") == count, url


def test_a_skill_note_with_the_name_is_flagged_then_saved_when_confirmed(app, db, make_user):
    mentor_user = make_user("mentor")
    p = make_participant(app, db, mentor_user, phone="0470 12 34 56")
    mentor = client_for(app, mentor_user)
    url = f"/mentor/participants/{p.id}/skills"
    data = {"skill": "forklift", "level": "3", "evidence": "samir drives the forklift alone."}
    answer = post_form(mentor, url + "?lang=en", data, url)
    assert answer.status_code == 200 and WARNING in answer.get_data(as_text=True)
    assert 'name="personal_ok"' in answer.get_data(as_text=True)
    query = select(ParticipantSkill).where(ParticipantSkill.skill == "forklift")
    assert db.exec(query).first() is None
    assert post_form(mentor, url, data | {"personal_ok": "y"}, url).status_code == 302
    assert db.exec(query).one().evidence == "samir drives the forklift alone."
    clean = {"skill": "hand-scanner", "level": "2", "evidence": "Scans every box right."}
    assert post_form(mentor, url, clean, url).status_code == 302  # nothing to flag


def test_endorsement_and_motivation_with_phone_or_email_are_flagged(app, db, make_user):
    w = world(app, db, make_user, endorsed=False)
    with app.app_context():
        p = db.get(Participant, w.participant.id)
        p.phone = "0470 12 34 56"
        db.add(p)
        db.commit()
    mentor = client_for(app, w.mentor)
    url = f"/mentor/participants/{p.id}/endorse"
    data = {"evidence": "Ready for a regular job.", "strengths": "Call 0470/12.34.56 any time."}
    answer = post_form(mentor, url + "?lang=en", data, url)
    assert WARNING in answer.get_data(as_text=True)
    assert db.exec(select(Endorsement)).first() is None
    assert post_form(mentor, url, data | {"personal_ok": "y"}, url).status_code == 302
    with app.app_context():
        consents.give_consent(db, w.mentor, db.get(Participant, p.id), with_mentor=True)

    answer = propose(mentor, w, motivation="Mail samir@example.org for the rest.")
    assert answer.status_code == 200 and proposals_of(db, w) == []
    assert propose(mentor, w, motivation="Works fast and with care.").status_code == 302
