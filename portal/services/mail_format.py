"""E-mail bodies: the plain text every mail client shows, the same words as HTML
(multipart/alternative), and an iCalendar file when the mail brings a meeting.

The HTML comes from templates/mail/message.html with autoescape, in the recipient's language
and direction (lang and dir also on the block itself: webmail drops <html>), typed names and
titles in <bdi>, inline CSS only and nothing loaded from elsewhere: mail clients block remote
images, fonts and style sheets, and they would tell a third party when a mail is read."""

import re
from email.message import EmailMessage
from functools import lru_cache

from flask import current_app
from flask_babel import force_locale
from markupsafe import Markup, escape

from ..config import RTL_LANGUAGES
from ..i18n import bdi
from . import settings
from .calendar_files import CalendarFile

# a character of an address in escaped text: no space, markup, quote, other entity than
# &amp; or isolate mark
_URL_CHAR = r"(?:[^\s<>\"'&\u2066-\u2069]|&amp;)"
# after the portal's address: a path, query or fragment, then the end of the address (so
# "https://portal.example.evil.com" is not the portal's)
_REST_OF_URL = rf"(?:[/?#]{_URL_CHAR}*)?(?!{_URL_CHAR})"
_AFTER_URL = ".,;:!?)"  # punctuation of the sentence, not of the address
_ANCHOR = Markup('<a href="{url}" dir="ltr" style="color:#1d4ed8;">{url}</a>')


def fill_html(text: str, params: dict) -> Markup:
    """A translated sentence with %(name)s placeholders as HTML: the sentence escaped, each
    typed value (a name, a title) escaped and isolated in <bdi>."""
    return escape(text) % {k: bdi(v) if isinstance(v, str) else v for k, v in params.items()}


def paragraphs_of(text: str) -> list[str]:
    return [part.strip() for part in text.split("\n\n") if part.strip()]


def linked(text) -> Markup:
    """Text as HTML (escaped, unless it is Markup already) with each address of the portal
    an <a href>: the link to act on and the unsubscribe link must be clickable in every
    mail program. Only the portal's own addresses: one typed into a title stays text."""
    escaped, parts, at = escape(text), [], 0
    for found in _portal_url(settings.base_url()).finditer(escaped):
        end = found.start() + len(found.group(0).rstrip(_AFTER_URL))
        url = escaped[found.start() : end].unescape()  # the anchor escapes it again
        parts += [escaped[at : found.start()], _ANCHOR.format(url=url)]
        at = end
    return Markup("").join([*parts, escaped[at:]])


@lru_cache(maxsize=4)
def _portal_url(base: str) -> re.Pattern:
    return re.compile(re.escape(str(escape(base))) + _REST_OF_URL)


def html_page(subject, paragraphs: list, language: str, footer: str = "") -> str:
    """The HTML part, rendered in `language` (strings of the template included), the
    portal's addresses linked. Straight from the Jinja environment: mails also leave from
    commands, without a request, so the page context processors (current user, CSRF) have
    nothing to read."""
    with force_locale(language):
        return current_app.jinja_env.get_template("mail/message.html").render(
            subject=subject,
            paragraphs=[linked(paragraph) for paragraph in paragraphs],
            footer=linked(footer),
            language=language,
            direction="rtl" if language in RTL_LANGUAGES else "ltr",
        )


def fill_body(mail: EmailMessage, text: str, html: str, calendar: CalendarFile | None) -> None:
    """multipart/alternative of text and HTML; with a calendar file also a text/calendar
    alternative (what Outlook and Gmail show as an invitation) and the same file as an
    attachment for the other programs, in a multipart/mixed around them."""
    mail.set_content(text)
    mail.add_alternative(html, subtype="html")
    if calendar is None:
        return
    mail.add_alternative(
        calendar.data.decode(), subtype="calendar", params={"method": calendar.method}
    )
    mail.add_attachment(calendar.data, maintype="application", subtype="ics", filename="invite.ics")
