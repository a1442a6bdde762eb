"""One opening card of the participant's page as HTML, written in Python like its blocks: a
page of twelve cards ran the card's part of the template twelve times, a third of the
page's time. What is the same on every card (the CSRF token, the reason list, the links' query)
is worked out once per page in CardPage. Every value is escaped."""

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import url_for
from markupsafe import Markup, escape

from ..i18n import _
from ..listen.blocks import plain_blocks
from ..pictograms import pictogram
from ..services import reactions


@dataclass
class CardPage:
    for_participant: bool  # the participant themself (a mentor sees no proposal buttons)
    token: str  # the page's CSRF token, in every card's forms
    side: bool  # Dutch beside the blocks
    back: str  # this page's path and query: where a proposal button returns to
    react_link: Callable[[int], str]  # vacancy id -> its react action (portal.row_links)
    reason_label: str
    reason_options: Markup
    answers: dict = field(default_factory=dict)  # vacancy id -> the participant's answer
    proposed: dict = field(default_factory=dict)  # vacancy id -> open proposal


def _button(icon: str, text: str, classes: str = "button button--big") -> str:
    return (
        f'<button type="submit" class="{classes}">{pictogram(icon, size=26)} '
        f"{escape(text)}</button>"
    )


def _notice(kind: str, icon: str, text) -> str:
    return f'<p class="notice notice--{kind}">{pictogram(icon, size=24)} {escape(text)}</p>'


def _form(action: str, fields: str, button: str, classes: str = "") -> str:
    attribute = f' class="{classes}"' if classes else ""
    return f'<form method="post" action="{escape(action)}"{attribute}>\n{fields}\n{button}\n</form>'


def _hidden(name: str, value) -> str:
    return f'<input name="{escape(name)}" type="hidden" value="{escape(value)}">'


def _proposal(page: CardPage, proposal, index: int) -> list[str]:
    """A proposal by the mentor: what it is, and the participant's two answers to it."""
    parts = [_notice("info", "star", _("Your mentor proposed you for this job. See My page."))]
    if proposal.interest_at:
        said = _("You said: I am interested. Your mentor knows.")
        parts.append(_notice("success", "heart", said))
    if not page.for_participant:
        return parts
    back, token = f"{page.back}#card-{index}", _hidden("csrf_token", page.token)
    parts.append('<div class="reaction-forms">')
    if not proposal.interest_at:
        action = url_for(
            "proposals.participant_action", proposal_id=proposal.id, action="interest", next=back
        )
        parts.append(_form(action, token, _button("heart", _("Yes, I am interested"))))
    action = url_for("proposals.withdraw", proposal_id=proposal.id, next=back)
    stop = _button("stop", _("Stop: not for me"), "button button--quiet button--big")
    parts += [_form(action, token, stop, "not-for-me"), "</div>"]
    return parts


def _reactions(page: CardPage, vacancy_id: int, answer) -> list[str]:
    """ "I am interested" and "Not for me" (with a reason), without the one already given."""
    prefix = f"v{vacancy_id}-"
    action = page.react_link(vacancy_id)
    token = _hidden(f"{prefix}csrf_token", page.token)
    parts = ['<div class="reaction-forms">']
    if not answer or answer.reaction != "interested":
        fields = token + _hidden(f"{prefix}reaction", "interested")
        parts.append(_form(action, fields, _button("heart", _("I am interested"))))
    if not answer or answer.reaction != "not_for_me":
        reason = (
            f'<label for="{prefix}reason">{escape(page.reason_label)}</label>\n'
            f'<select id="{prefix}reason" name="{prefix}reason">{page.reason_options}</select>'
        )
        fields = token + _hidden(f"{prefix}reaction", "not_for_me") + "\n" + reason
        stop = _button("stop", _("Not for me"), "button button--quiet button--big")
        parts.append(_form(action, fields, stop, "not-for-me"))
    parts.append("</div>")
    return parts


def card_html(page: CardPage, card: dict, index: int) -> Markup:
    """The card (portal.matches.cards.opening_cards) at position `index` (1-based)."""
    v, match = card["vacancy"], card["match"]
    answer = page.answers.get(v.id)
    side = " opening-card--side" if page.side else ""
    fit = match.fit()
    employer = escape(card["employer"])
    parts = [
        f'<article class="opening-card{side}" id="card-{index}" aria-labelledby="job-{v.id}">',
        f'<h2 id="job-{v.id}">{escape(v.title)} <span class="subtle">· {employer}</span></h2>',
        f'<p class="fit fit--{escape(fit.level)}"><strong>{escape(fit.label)}</strong></p>',
    ]
    if v.id in page.proposed:
        parts += _proposal(page, page.proposed[v.id], index)
    elif answer and answer.reaction == "interested":
        parts.append(
            _notice("success", "heart", _("You said: I am interested. Your mentor knows."))
        )
    elif answer:
        said = _("You said: not for me.") + reactions.reason_sentence(answer)
        parts.append(_notice("info", "stop", said))
    parts.append(plain_blocks(card["blocks"], page.side, heading="h3", dutch_titles=True))
    if v.id not in page.proposed:
        parts += _reactions(page, v.id, answer)
    parts.append("</article>")
    return Markup("\n".join(parts))  # noqa: S704 - built from escaped parts
