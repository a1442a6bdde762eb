"""The "my data" page and its readable download as short plain-language lines, second
person, built in the current locale (the page builds them again in Dutch to show beside)."""

from flask_babel import format_date

from ..i18n import _, isolate
from ..models import RequestKind, RequestOutcome, Role
from ..services import data_requests
from ..services.participants import viewers


def _day(value) -> str:
    """A date, or a stored UTC timestamp shown as its day in Brussels (flask-babel rebases)."""
    return format_date(value, "long")


def viewer_line(view: viewers.ProfileView) -> str:
    day, organisation = _day(view.day), isolate(view.organisation or "—")
    if view.role == Role.EMPLOYER:
        return _(
            "Employer %(organisation)s looked at your information on %(date)s.",
            organisation=organisation,
            date=day,
        )
    if view.role == Role.MENTOR:
        return _(
            "A mentor of %(organisation)s looked at your information on %(date)s.",
            organisation=organisation,
            date=day,
        )
    return _("A coordinator looked at your information on %(date)s.", date=day)


def request_line(request) -> str:
    asked_on = request.created_at
    asked = (
        _("On %(date)s you asked us to delete all your data.", date=_day(asked_on))
        if request.kind == RequestKind.ERASURE
        else _("On %(date)s you asked us to change something.", date=_day(asked_on))
    )
    if request.handled_at is None:
        answer = _("We answer by %(date)s.", date=_day(request.due_on))
    elif request.outcome == RequestOutcome.REFUSED:
        answer = _(
            "We said no on %(date)s. Why: %(reason)s",
            date=_day(request.handled_at),
            reason=isolate(request.reason),
        )
    else:
        answer = _("Done on %(date)s.", date=_day(request.handled_at))
    return f"{asked} {answer}"


def data_blocks(session, p) -> list[dict]:
    """What we keep, who looked, how to ask for a change, and the requests so far."""
    looked = [viewer_line(view) for view in viewers.profile_views(session, p)]
    blocks = [
        {
            "icon": "person",
            "title": _("What we keep about you"),
            "lines": [
                _("We keep your profile, your skills, your yes and your job proposals."),
                _("You can download all of it."),
            ],
        },
        {
            "icon": "eye",
            "title": _("Who looked at your information"),
            "lines": looked or [_("Nobody else looked at your information yet.")],
        },
        {
            "icon": "tools",
            "title": _("Change or delete your data"),
            "lines": [
                _("Is something wrong? Ask us to change it."),
                _("You can also ask us to delete all your data."),
                _("We answer within one month."),
            ],
        },
    ]
    asked = [request_line(r) for r in data_requests.requests_of(session, p)]
    if asked:
        blocks.append({"icon": "mail", "title": _("Your requests"), "lines": asked})
    return blocks
