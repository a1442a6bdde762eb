"""Match alerts in the demo: the real alert pass over the changes the demo made, so the
mentors and employers find unread alerts (new openings for their people, new candidates
for their vacancies) beside the proposals."""

from sqlmodel import Session

from ..services import alerts


def add_demo_alerts(db: Session, world: dict) -> None:
    db.commit()
    world["progress"]("Finding match alerts ...")
    world["progress"](alerts.send(db).line())
