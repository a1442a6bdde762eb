"""Absolute links for e-mails: a mail is read outside the portal, and the alert pass that
writes it runs without a request, so the link starts with the configured BASE_URL. The
lines of the alert mails that lead to the page to act on are written here once, for the
alert mailed at once and for the digest alike."""

from flask import current_app

from ..i18n import _
from . import settings


def absolute(endpoint: str, **values) -> str:
    path = current_app.url_map.bind("portal.invalid").build(endpoint, values)
    return settings.base_url() + path


def propose_line(vacancy_id: int, participant_id: int) -> str:
    """A mentor's match alert: straight to the propose form of the pair."""
    url = absolute("proposals.new", participant_id=participant_id, vacancy_id=vacancy_id)
    return _("Propose: %(url)s", url=url)


def candidates_line(vacancy_id: int) -> str:
    """An employer's candidate alert: the vacancy's candidates."""
    url = absolute("matches.employer_candidates", vacancy_id=vacancy_id)
    return _("See the candidates: %(url)s", url=url)
