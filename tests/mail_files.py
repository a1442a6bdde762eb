"""The mails the portal wrote to its mail folder (the embedded default), read back the way
a mail client reads them: the plain text, the HTML part and its links, the calendar entry."""

from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from html.parser import HTMLParser
from pathlib import Path


def read_mails(app) -> list[EmailMessage]:
    """In the order they were written (the file names start with the time)."""
    folder = Path(app.config["MAIL_DIR"])
    files = sorted(folder.glob("*.eml")) if folder.exists() else []
    return [message_from_bytes(f.read_bytes(), policy=default) for f in files]


def mails_to(app, address: str) -> list[EmailMessage]:
    return [m for m in read_mails(app) if m["To"] == address]


def plain_text(mail: EmailMessage) -> str:
    return mail.get_body(("plain",)).get_content()


def html_text(mail: EmailMessage) -> str:
    return mail.get_body(("html",)).get_content()


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self._open: list | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = [dict(attrs).get("href"), ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.found.append(tuple(self._open))
            self._open = None


def html_links(mail: EmailMessage) -> list[tuple[str, str]]:
    """(href, text) of every <a> of the HTML part, as a mail program sees them (unescaped)."""
    parser = _Anchors()
    parser.feed(html_text(mail))
    return parser.found


def calendar_part(mail: EmailMessage) -> EmailMessage | None:
    """The text/calendar alternative (what Outlook and Gmail show as an invitation)."""
    return next((p for p in mail.walk() if p.get_content_type() == "text/calendar"), None)


def every_text(mail: EmailMessage) -> str:
    """Every part decoded, attachments included: what could leak from this mail."""
    parts = [p for p in mail.walk() if not p.is_multipart()]
    return "\n".join(
        p.get_content() if p.get_content_maintype() == "text" else p.get_content().decode()
        for p in parts
    )
