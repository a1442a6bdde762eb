"""Does a mentor's free text (skill evidence, endorsement, motivation) name the participant?
The employer reads those texts before the participant shares name and contact, so the page
asks the mentor to look again; it flags, it never blocks (a street called after a first
name is not a leak)."""

import re

from ...models import Participant


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def mentions(p: Participant, text: str) -> bool:
    """The participant's first or last name as a word, their e-mail, or their phone number
    (compared on digits, so spaces and dots do not hide it)."""
    text = text or ""
    lowered = text.lower()
    for name in (p.first_name, p.last_name):
        for part in (name or "").split():
            if len(part) >= 3 and re.search(rf"(?<!\w){re.escape(part.lower())}(?!\w)", lowered):
                return True
    if p.email and p.email.lower() in lowered:
        return True
    phone = _digits(p.phone)
    return len(phone) >= 8 and phone[-8:] in _digits(text)
