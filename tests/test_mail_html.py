"""Issue 16: every mail is plain text with an HTML alternative in the recipient's language
and direction; typed values are escaped and isolated, nothing is loaded from elsewhere, the
portal's own addresses (and only they) are links, and no subject carries a personal field
of a participant."""

import re
from datetime import timedelta

from portal import clock

from .mail_files import html_links, html_text, mails_to, plain_text, read_mails
from .proposal_factory import (
    client_for,
    interested_employer,
    post_form,
    proposals_of,
    propose,
    step,
    world,
)

TITLE = "<script>alert('x')</script> Magazijn"


def test_html_part_escapes_markup_in_a_vacancy_title(app, db, make_user):
    w = world(app, db, make_user, title=TITLE)  # the employer reads French
    propose(client_for(app, w.mentor), w)
    [mail] = mails_to(app, w.employer.email)
    assert mail.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in mail.iter_parts()] == ["text/plain", "text/html"]
    assert mail["Content-Language"] == "fr"
    assert TITLE in plain_text(mail)
    html = html_text(mail)
    assert "<script>" not in html
    assert "<bdi>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Magazijn</bdi>" in html
    assert '<html lang="fr" dir="ltr">' in html and "Nouveau candidat" in html
    # No image, style sheet, font or script from elsewhere: inline CSS only.
    assert not re.search(r"<(img|link|script|style)\b|src=|url\(|@import", html)


def test_html_is_right_to_left_for_arabic_with_names_isolated(app, db, make_user):
    coordinator = make_user("coordinator", locale="ar")
    soon = (clock.today() + timedelta(days=3)).isoformat()
    meeting = {"meeting_on": soon, "meeting_place": "Dok"}
    w, proposal, employer = interested_employer(app, db, make_user, meeting)
    step(employer, proposal.id, "hired", {"contract_type": "open-ended", "hire_start": soon})
    [mail] = mails_to(app, coordinator.email)
    html = html_text(mail)
    assert '<html lang="ar" dir="rtl">' in html and 'dir="rtl"' in html.split("<body")[1]
    assert "تم التوظيف" in html
    assert f"<bdi>{w.vacancy.title}</bdi>" in html
    assert "\u2068" not in html  # <bdi> in HTML, the isolate marks only in plain text
    assert f"\u2068{w.vacancy.title}\u2069" in plain_text(mail)


def test_no_personal_field_of_a_participant_in_any_subject(app, db, make_user):
    w = world(app, db, make_user)
    mentor, employer = client_for(app, w.mentor), client_for(app, w.employer)
    propose(mentor, w, share_contact="y")  # name and contact shared from the start
    [proposal] = proposals_of(db, w)
    step(employer, proposal.id, "employer_interested")
    soon = clock.today() + timedelta(days=4)
    meeting = {"meeting_on": soon.isoformat(), "meeting_time": "14:00", "meeting_place": "Poort"}
    step(employer, proposal.id, "intro_meeting", meeting)
    post_form(
        mentor, f"/proposals/{proposal.id}/withdraw", {"note": ""}, f"/proposals/{proposal.id}"
    )
    mails = read_mails(app)
    assert {"meeting_planned", "meeting_cancelled"} <= {_kind(m) for m in mails}
    personal = ("Samir", "Noori", "samir@example.org", w.participant.phone or "Samir")
    for mail in mails:
        assert not any(value in mail["Subject"] for value in personal), mail["Subject"]


def _kind(mail) -> str:
    subject = mail["Subject"]
    if "annulé" in subject or "geannuleerd" in subject:
        return "meeting_cancelled"
    if "Entretien" in subject or "Kennismakingsgesprek" in subject:
        return "meeting_planned"
    return "other"


def test_a_mail_without_its_own_html_gets_its_text_as_html_paragraphs(app):
    from portal.services import notifications

    with app.app_context():
        mail = notifications._email(
            "els@atelier.example", "Samenvatting", "Eén <b>\n\nTwee", "fa", 7, None
        )
    html = html_text(mail)
    assert '<html lang="fa" dir="rtl">' in html
    assert "<p" in html and "Eén &lt;b&gt;</p>" in html and ">Twee</p>" in html
    assert plain_text(mail) == "Eén <b>\n\nTwee\n"


def test_the_footer_links_unsubscribe_but_no_address_someone_typed(app, db, make_user):
    """The footer's addresses are <a href> links in the HTML part; an address typed into a
    vacancy title stays text (only the portal's own addresses become links)."""
    w = world(app, db, make_user, title="Magazijn, zie https://evil.example/login")
    propose(client_for(app, w.mentor), w)
    [mail] = mails_to(app, w.employer.email)
    unsubscribe = mail["List-Unsubscribe"].strip("<>")
    links = html_links(mail)
    assert (unsubscribe, unsubscribe) in links
    settings = f"{app.config['BASE_URL']}/notifications/settings"
    assert (settings, settings) in links
    footer = html_text(mail).split("border-top")[1]  # the footer's paragraph and after
    assert f'<a href="{unsubscribe}"' in footer
    assert all(href.startswith(app.config["BASE_URL"] + "/") for href, _text in links)
    assert "https://evil.example/login" in html_text(mail)
