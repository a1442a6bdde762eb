"""What every participant write shares: the change row for the search index in the same
transaction, and the space-separated code lists the profile stores."""

from sqlmodel import Session, select

from ...i18n import _
from ...models import Participant, utcnow
from ..errors import ServiceError
from ..search_feed import record_change


def touched(db: Session, participant: Participant) -> None:
    """Every write: the search index's change row joins the same transaction."""
    participant.updated_at = utcnow()
    db.add(participant)
    db.flush()
    record_change(db, "participant", participant.id)


def split_codes(text: str) -> list[str]:
    return [code for code in (text or "").split() if code]


def join_codes(codes, allowed, field_name: str) -> str:
    codes = list(dict.fromkeys(codes or []))
    unknown = [code for code in codes if code not in allowed]
    if unknown:
        raise ServiceError(_("Choose from the list."), field=field_name)
    return " ".join(codes)


def rows_of(db: Session, p: Participant, model) -> list:
    query = select(model).where(model.participant_id == p.id)
    return list(db.exec(query.order_by(model.id)).all())
