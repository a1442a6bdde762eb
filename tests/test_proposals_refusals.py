"""Every refusal: a clear message, nothing changed, no 500."""

from datetime import timedelta

from sqlmodel import func, select

from portal import clock
from portal.models import Participant, Proposal, ProposalEvent
from portal.services.participants import profiles

from .proposal_factory import client_for, post_form, proposals_of, propose, step, world


def _count(db, model) -> int:
    db.expire_all()
    return db.exec(select(func.count()).select_from(model)).one()


def _refused(response, text):
    assert response.status_code == 200
    assert text in response.get_data(as_text=True)


def test_not_endorsed_is_refused(app, db, make_user):
    w = world(app, db, make_user, endorsed=False)
    mentor = client_for(app, w.mentor)
    _refused(propose(mentor, w), "Deze deelnemer heeft geen geldige aanbeveling.")
    assert _count(db, Proposal) == 0


def test_no_consent_is_refused(app, db, make_user):
    w = world(app, db, make_user, consent=False)
    _refused(propose(client_for(app, w.mentor), w), "niet akkoord gegeven om gematcht")
    assert _count(db, Proposal) == 0


def test_no_right_to_work_on_the_start_date_is_refused_even_with_a_reason(app, db, make_user):
    w = world(app, db, make_user)
    with app.app_context():
        p = db.get(Participant, w.participant.id)
        until = w.vacancy.start_date - timedelta(days=1)
        profiles.save_section(
            db, w.mentor, p, "right_to_work",
            {"right_to_work": "limited", "right_to_work_until": until},
        )  # fmt: skip
    response = propose(client_for(app, w.mentor), w, override_reason="Het komt wel goed.")
    _refused(response, "geen recht om te werken op de startdatum")
    assert _count(db, Proposal) == 0


def test_soft_criterion_needs_a_written_reason_which_is_stored(app, db, make_user):
    w = world(app, db, make_user)
    with app.app_context():
        p = db.get(Participant, w.participant.id)
        later = {"hours_per_week": 38, "shifts": ["day"]}
        later["available_from"] = w.vacancy.start_date + timedelta(days=7)
        profiles.save_section(db, w.mentor, p, "availability", later)
    mentor = client_for(app, w.mentor)
    _refused(propose(mentor, w), "Schrijf waarom je deze deelnemer toch voorstelt.")
    assert _count(db, Proposal) == 0
    response = propose(mentor, w, override_reason="Het OCMW laat de plaatsing vroeger stoppen.")
    assert response.status_code == 302
    [proposal] = proposals_of(db, w)
    assert proposal.override_codes == "available"
    assert proposal.override_reason == "Het OCMW laat de plaatsing vroeger stoppen."


def test_motivation_is_required(app, db, make_user):
    w = world(app, db, make_user)
    _refused(propose(client_for(app, w.mentor), w, motivation="  "), "Schrijf waarom")
    assert _count(db, Proposal) == 0


def test_already_proposed_is_refused_and_allowed_again_after_withdrawal(app, db, make_user):
    w = world(app, db, make_user)
    mentor = client_for(app, w.mentor)
    assert propose(mentor, w).status_code == 302
    _refused(propose(mentor, w), "al voorgesteld voor deze vacature")
    assert _count(db, Proposal) == 1
    [proposal] = proposals_of(db, w)
    post_form(mentor, f"/proposals/{proposal.id}/withdraw", {"note": "Even wachten."})
    assert propose(mentor, w).status_code == 302
    assert _count(db, Proposal) == 2


def test_closed_vacancy_is_refused(app, db, make_user):
    w = world(app, db, make_user, publish=False)
    _refused(propose(client_for(app, w.mentor), w), "niet open voor voorstellen")
    assert _count(db, Proposal) == 0


def test_another_mentors_participant_is_403(app, db, make_user):
    w = world(app, db, make_user)
    other = client_for(app, make_user("mentor"))
    assert propose(other, w).status_code == 403
    assert _count(db, Proposal) == 0


def test_another_organisations_proposal_is_403_and_nothing_changes(app, db, make_user):
    w = world(app, db, make_user)
    propose(client_for(app, w.mentor), w)
    [proposal] = proposals_of(db, w)
    stranger = client_for(app, make_user("employer"))
    events = _count(db, ProposalEvent)
    assert stranger.get(f"/proposals/{proposal.id}/employer").status_code == 403
    assert step(stranger, proposal.id, "declined", {"reason": "profile"}).status_code == 403
    assert step(stranger, proposal.id, "employer_interested").status_code == 403
    assert proposals_of(db, w)[0].stage == "proposed"
    assert _count(db, ProposalEvent) == events
    # Nor may another mentor or participant look at it or withdraw it.
    other_mentor = client_for(app, make_user("mentor"))
    assert other_mentor.get(f"/proposals/{proposal.id}").status_code == 403
    assert post_form(other_mentor, f"/proposals/{proposal.id}/withdraw", {}).status_code == 403
    other_person = client_for(app, make_user("participant"))
    assert post_form(other_person, f"/proposals/{proposal.id}/share", {}).status_code == 403
    assert proposals_of(db, w)[0].stage == "proposed"


def test_stage_out_of_order_is_refused_with_a_message(app, db, make_user):
    w = world(app, db, make_user)
    propose(client_for(app, w.mentor), w)
    [proposal] = proposals_of(db, w)
    employer = client_for(app, w.employer)
    hire = {"contract_type": "open-ended", "hire_start": clock.today().isoformat()}
    response = step(employer, proposal.id, "hired", hire)
    assert response.status_code == 302
    page = employer.get(response.headers["Location"]).get_data(as_text=True)
    assert "pas possible maintenant" in page  # the employer reads French
    assert proposals_of(db, w)[0].stage == "proposed"
    assert [e.kind for e in db.exec(select(ProposalEvent))] == ["proposed", "interest"]
    # A closed proposal takes no more steps.
    step(employer, proposal.id, "declined", {"reason": "profile"})
    assert step(employer, proposal.id, "employer_interested").status_code == 302
    assert proposals_of(db, w)[0].stage == "declined"


def test_bad_step_values_are_shown_next_to_the_field_and_kept(app, db, make_user):
    w = world(app, db, make_user)
    propose(client_for(app, w.mentor), w)
    [proposal] = proposals_of(db, w)
    employer = client_for(app, w.employer)
    step(employer, proposal.id, "employer_interested")
    past = (clock.today() - timedelta(days=1)).isoformat()
    response = step(
        employer, proposal.id, "intro_meeting", {"meeting_on": past, "meeting_place": "Poort 3"}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "ne peut pas être dans le passé." in body and 'value="Poort 3"' in body
    response = step(employer, proposal.id, "declined", {"reason": "other"})
    assert "Expliquez la raison en quelques mots." in response.get_data(as_text=True)
    assert proposals_of(db, w)[0].stage == "employer_interested"


def test_wrong_role_cannot_take_employer_or_participant_steps(app, db, make_user):
    w = world(app, db, make_user)
    mentor = client_for(app, w.mentor)
    propose(mentor, w)
    [proposal] = proposals_of(db, w)
    assert step(mentor, proposal.id, "declined", {"reason": "profile"}).status_code == 403
    employer = client_for(app, w.employer)
    assert post_form(employer, f"/proposals/{proposal.id}/withdraw", {}).status_code == 403
    assert proposals_of(db, w)[0].stage == "proposed"
