"""Finding 1 of issue 12: withdrawing consent hides name and contact at once on every page
the employer reaches, with an audit line; one share can be taken back on its own; the
employer is told the candidate withdrew, never why."""

from sqlmodel import select

from portal.models import AuditEvent, Consent, Notification, Participant
from portal.services.participants import login_codes

from .proposal_factory import client_for, events_of, post_form, proposals_of, propose, world

SECRETS = ("Samir", "Noori", "samir@example.org", "0470 12 34 56")


def _person(app, db, w):
    with app.app_context():
        code = login_codes.issue_login_code(db, w.mentor, db.get(Participant, w.participant.id))
    person = app.test_client()
    post_form(person, "/start", {"code": code, "date_of_birth": "1995-05-04"}, "/start")
    return person


def _employer_pages(employer, proposal_id) -> str:
    return "".join(
        employer.get(url).get_data(as_text=True)
        for url in (
            f"/proposals/{proposal_id}/employer?lang=en",
            "/proposals/inbox?lang=en",
            "/notifications/?lang=en",
        )
    )


def _shared(app, db, make_user):
    w = world(app, db, make_user)
    with app.app_context():
        p = db.get(Participant, w.participant.id)
        p.phone = "0470 12 34 56"
        db.add(p)
        db.commit()
    mentor, employer = client_for(app, w.mentor), client_for(app, w.employer)
    propose(mentor, w, share_contact="y")
    [proposal] = proposals_of(db, w)
    assert all(s in _employer_pages(employer, proposal.id) for s in SECRETS)
    return w, mentor, employer, proposal


def test_withdrawing_consent_hides_contact_everywhere_with_audit_and_notice(app, db, make_user):
    w, _mentor, employer, proposal = _shared(app, db, make_user)
    person = _person(app, db, w)
    assert post_form(person, "/me/consent/withdraw", {}, "/me/").status_code == 302

    pages = _employer_pages(employer, proposal.id)
    assert not [s for s in SECRETS if s in pages]
    assert f"Candidate K{proposal.id:04d}" in pages  # told: the candidate withdrew ...
    db.expire_all()
    told = db.exec(select(Notification).where(Notification.kind == "share_withdrawn")).one()
    assert told.user_id == w.employer.id and "stop" not in told.body.lower()  # ... not why
    assert db.exec(select(Consent).where(Consent.withdrawn_at == None)).all() == []  # noqa: E711
    audit = db.exec(select(AuditEvent).where(AuditEvent.action == "consent.withdrawn")).all()
    assert sorted(a.detail for a in audit) == ["matching", f"share_contact proposal={proposal.id}"]
    assert events_of(db, proposal.id)[-1].kind == "share_withdrawn"


def test_one_share_is_taken_back_alone_by_the_mentor(app, db, make_user):
    w, mentor, employer, proposal = _shared(app, db, make_user)
    page = f"/proposals/{proposal.id}"
    assert "stops sharing" in mentor.get(page + "?lang=en").get_data(as_text=True)
    assert post_form(mentor, f"/proposals/{proposal.id}/unshare", {}, page).status_code == 302

    pages = _employer_pages(employer, proposal.id)
    assert not [s for s in SECRETS if s in pages]
    db.expire_all()
    matching = db.exec(select(Consent).where(Consent.scope == "matching")).one()
    assert matching.withdrawn_at is None  # still matched: only this share ended
    again = post_form(mentor, f"/proposals/{proposal.id}/unshare?lang=en", {}, page)
    assert "not shared" in mentor.get(again.location).get_data(as_text=True)


def test_an_employer_cannot_take_back_a_share(app, db, make_user):
    w, _mentor, employer, proposal = _shared(app, db, make_user)
    response = post_form(employer, f"/proposals/{proposal.id}/unshare", {}, "/proposals/inbox")
    assert response.status_code == 403
    assert "Samir Noori" in _employer_pages(employer, proposal.id)
