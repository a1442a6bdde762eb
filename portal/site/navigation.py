"""The main menu of each role: the same links on every page of a role, drawn once per role,
language and script root instead of twenty-odd link lookups and translations on every page
(the phone menu and the header show it twice)."""

from functools import lru_cache

from flask import request, url_for
from flask_login import current_user
from markupsafe import Markup, escape

from ..i18n import _l, current_language

MENUS = {
    "employer": (
        ("employers.dashboard", _l("My vacancies")),
        ("proposals.inbox", _l("Proposed candidates")),
        ("employers.profile", _l("Organisation profile")),
        ("checkins.index", _l("Check-ins")),
        ("outcomes.mine", _l("Our figures")),
    ),
    "mentor": (
        ("mentors.dashboard", _l("My participants")),
        ("vacancies.index", _l("Vacancies")),
        ("proposals.board", _l("Proposals")),
        ("mentors.new_participant", _l("Add a participant")),
        ("front.lead_list", _l("Employer requests")),
        ("checkins.index", _l("Check-ins")),
        ("outcomes.mine", _l("Our figures")),
    ),
    "participant": (
        ("participants.home", _l("My page")),
        ("data_rights.mine", _l("My data")),
    ),
    "coordinator": (
        ("coordinators.dashboard", _l("Overview")),
        ("coordinators.users", _l("Accounts")),
        ("vacancies.index", _l("Vacancies")),
        ("coordinators.participants", _l("Participants")),
        ("checkins.index", _l("Check-ins")),
        ("outcomes.dashboard", _l("Outcomes")),
        ("data_rights.queue", _l("Data requests")),
    ),
}


def main_nav() -> Markup:
    """The signed-in user's menu items (<li>s)."""
    return _drawn(str(current_user.role), current_language(), request.script_root)


@lru_cache(maxsize=64)
def _drawn(role: str, _language: str, _root: str) -> Markup:
    """Drawn inside a request in `_language` (the current one), so the labels are in it."""
    return Markup(  # noqa: S704 - fixed links, escaped labels
        "".join(
            f'<li><a href="{escape(url_for(endpoint))}">{escape(label)}</a></li>'
            for endpoint, label in MENUS.get(role, ())
        )
    )
