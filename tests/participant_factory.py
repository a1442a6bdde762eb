"""Arrange participants straight through the services (the tests then act through the
test client)."""

from datetime import date, timedelta

from portal import clock
from portal.models import Participant
from portal.services import caseload
from portal.services.participants import consents, endorsements, profiles

COMPLETE = {
    "mobility": {"home_postcode": "9000", "max_travel_km": 20, "transport": ["bike"]},
    "dutch": {"dutch_level": "A2"},
    "availability": {"hours_per_week": 38, "shifts": ["day"]},
    "right_to_work": {"right_to_work": "unlimited"},
    "occupations": {"occupations": ["order-picker"]},
}


def make_participant(app, db, mentor, complete=False, **person) -> Participant:
    with app.app_context():
        values = {"first_name": "Samir", "last_name": "Noori", "date_of_birth": date(1995, 5, 4)}
        p = profiles.create_participant(db, mentor, values | person)
        if complete:
            for section, section_values in COMPLETE.items():
                if section == "availability":
                    section_values = section_values | {
                        "available_from": clock.today() + timedelta(days=7)
                    }
                profiles.save_section(db, mentor, p, section, section_values)
            profiles.add_skill(db, mentor, p, "order-picking", 3, "Picks orders alone.")
        return p


def endorse(app, db, mentor, p, consent=True) -> None:
    with app.app_context():
        endorsements.endorse(db, mentor, p, "Ready: works alone and on time for months.", "", None)
        if consent:
            consents.give_consent(db, mentor, p, with_mentor=True)


def matchable(app, db, p) -> bool:
    with app.app_context():
        db.expire_all()
        return caseload.is_matchable(db, db.get(Participant, p.id))


def state(app, db, p) -> str:
    with app.app_context():
        db.expire_all()
        return caseload.cases(db, [db.get(Participant, p.id)])[0].state
