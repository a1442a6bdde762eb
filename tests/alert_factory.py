"""Arrange match alerts: a far-away participant who fits nothing, the alert pass run as the
`portal alerts send` command does, and the rows and mails it leaves."""

from sqlmodel import col, select

from portal.models import Notification
from portal.services import alerts

from .participant_factory import endorse, make_participant


def send(app, db) -> alerts.Summary:
    """One alert pass with a session of its own, like the command."""
    with app.app_context():
        from portal import db as portal_db

        return alerts.send(portal_db.session())


def alerts_of(db, user, kind=None) -> list[Notification]:
    db.expire_all()
    query = select(Notification).where(Notification.user_id == user.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return list(db.exec(query.order_by(col(Notification.id))))


def far_participant(app, db, mentor, **person):
    """Endorsed and consenting, but living in Ostend with a 5 km limit: fits no Ghent job."""
    from portal.services.participants import profiles

    p = make_participant(app, db, mentor, complete=True, **({"first_name": "Lotte"} | person))
    with app.app_context():
        section = {"home_postcode": "8400", "max_travel_km": 5, "transport": ["bike"]}
        profiles.save_section(db, mentor, p, "mobility", section)
    endorse(app, db, mentor, p)
    return p
