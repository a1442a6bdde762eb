"""Claiming the new pairs and telling the people: a pair is claimed by exactly one process
(INSERT ... ON CONFLICT DO NOTHING RETURNING on the unique pair, or the UPDATE that turns a
stopped pair back on), so two alert passes never announce it twice. The mentor hears each
pair with the person's name and the fit in words; the employer hears, per vacancy, how
many new candidates fit, by pseudonym only (nothing personal before consent). An alert
mailed at once leads to the page to act on, like the digest: the pair's propose form, the
vacancy's candidates."""

from collections import defaultdict
from collections.abc import Iterable
from functools import partial

from flask_babel.speaklater import LazyString
from sqlalchemy import tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, delete, select, update

from ...i18n import _l, ngettext
from ...matching.fit import fit_of
from ...models import (
    AlertPair,
    Notification,
    Organisation,
    Participant,
    PendingMail,
    User,
    Vacancy,
    utcnow,
)
from .. import links, notifications, postcodes
from ..proposals.candidate_view import pseudonym
from ..proposals.notices import employer_users
from .pairs import Pair

CHUNK = 500

MENTOR_ALERT = (
    _l("New opening for one of your participants: %(vacancy)s"),  # never a name in a subject
    _l(
        "%(name)s fits the opening “%(vacancy)s” at %(organisation)s (%(fit)s). "
        "Open it to propose %(name)s."
    ),
)
CANDIDATE_ALERT = (
    lambda values: ngettext(
        "%(num)d new candidate fits %(vacancy)s",
        "%(num)d new candidates fit %(vacancy)s",
        values["num"],
        vacancy=values["vacancy"],
    ),
    lambda values: ngettext(
        "%(num)d candidate endorsed by a mentor newly fits your vacancy “%(vacancy)s”: "
        "%(codes)s. Open the candidates page to see the profile.",
        "%(num)d candidates endorsed by a mentor newly fit your vacancy “%(vacancy)s”: "
        "%(codes)s. Open the candidates page to see their profiles.",
        values["num"],
        vacancy=values["vacancy"],
        codes=values["codes"],
    ),
)


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def stop(db: Session, pairs: set[Pair]) -> None:
    """Pairs that fit no more: they may be announced again once they fit again, and the
    mentor's alerts about them that wait for a digest are dropped (no commit)."""
    for chunk in _chunks(sorted(pairs)):
        key = tuple_(col(AlertPair.vacancy_id), col(AlertPair.participant_id))
        db.exec(update(AlertPair).where(key.in_(chunk)).values(fits=False))
        about = tuple_(col(Notification.vacancy_id), col(Notification.participant_id))
        waiting = select(Notification.id).where(about.in_(chunk))
        db.exec(delete(PendingMail).where(col(PendingMail.notification_id).in_(waiting)))


def claim(db: Session, new: set[Pair], again: set[Pair] = frozenset()) -> list[Pair]:
    """The pairs this process announces (commits): new rows, and stopped rows turned back
    on; a pair another process claimed first is left to it."""
    now = utcnow()
    claimed: list[Pair] = []
    for vacancy_id, participant_id in sorted(again):
        turned = db.exec(
            update(AlertPair)
            .where(
                col(AlertPair.vacancy_id) == vacancy_id,
                col(AlertPair.participant_id) == participant_id,
                col(AlertPair.fits).is_(False),
            )
            .values(fits=True, announced_at=now)
        ).rowcount
        if turned:
            claimed.append((vacancy_id, participant_id))
    if new:
        insert = postgresql.insert if db.get_bind().dialect.name == "postgresql" else sqlite.insert
        statement = (
            insert(AlertPair)
            .on_conflict_do_nothing(index_elements=["vacancy_id", "participant_id"])
            .returning(AlertPair.vacancy_id, AlertPair.participant_id)
        )
        rows = [{"vacancy_id": v, "participant_id": p, "fits": True, "announced_at": now}
                for v, p in sorted(new)]  # fmt: skip
        # One statement, many rows (SQLAlchemy's "insertmanyvalues"): compiled once.
        claimed += [tuple(row) for row in db.connection().execute(statement, rows)]
    db.commit()
    return sorted(claimed)


def announce(db: Session, engine, pairs: Iterable[Pair]) -> notifications.Delivery:
    """One alert per pair to the participant's mentor, one per vacancy to its employer."""
    pairs = list(pairs)
    if not pairs:
        return notifications.Delivery()
    vacancies = _by_id(db, Vacancy, {v for v, _p in pairs})
    people = _by_id(db, Participant, {p for _v, p in pairs})
    organisations = _by_id(db, Organisation, {v.organisation_id for v in vacancies.values()})
    names = {o.id: o.name for o in organisations.values()}
    mentors = _by_id(db, User, {p.mentor_id for p in people.values()})
    by_vacancy: dict[int, list[int]] = defaultdict(list)
    facts = _Documents(engine)
    for_mentors = []
    for vacancy_id, participant_id in pairs:
        vacancy, person = vacancies.get(vacancy_id), people.get(participant_id)
        if vacancy is None or person is None:
            continue
        by_vacancy[vacancy_id].append(participant_id)
        values = {
            "name": person.first_name,
            "vacancy": vacancy.title,
            "organisation": names.get(vacancy.organisation_id, ""),
            "fit": facts.fit_words(vacancy_id, participant_id),
        }
        for_mentors.append(
            notifications.Item(
                [mentors.get(person.mentor_id)],
                values,
                about=participant_id,
                vacancy_id=vacancy_id,
                mail_line=partial(links.propose_line, vacancy_id, participant_id),
            )
        )
    staff = {o: employer_users(db, o) for o in organisations}
    for_employers = [
        notifications.Item(
            staff.get(vacancies[vacancy_id].organisation_id, []),
            {
                "num": len(found),
                "vacancy": vacancies[vacancy_id].title,
                "codes": ", ".join(pseudonym(p) for p in sorted(found)),
            },
            vacancy_id=vacancy_id,
            mail_line=partial(links.candidates_line, vacancy_id),
        )
        for vacancy_id, found in by_vacancy.items()
    ]
    told = notifications.deliver_each(db, "match_alert", MENTOR_ALERT, for_mentors)
    _add(told, notifications.deliver_each(db, "candidate_alert", CANDIDATE_ALERT, for_employers))
    return told


def _add(total: notifications.Delivery, one: notifications.Delivery) -> None:
    total.told += one.told
    total.mailed += one.mailed


def _by_id(db: Session, model, ids: set[int]) -> dict:
    found = {}
    for chunk in _chunks(sorted(ids)):
        found.update(
            {row.id: row for row in db.exec(select(model).where(col(model.id).in_(chunk)))}
        )
    return found


class _Documents:
    """The indexed facts of the pass's vacancies and people, each read once."""

    def __init__(self, engine):
        self.engine, self.found = engine, {}

    def get(self, kind: str, object_id: int):
        if (kind, object_id) not in self.found:
            self.found[kind, object_id] = self.engine.document(kind, object_id)
        return self.found[kind, object_id]

    def fit_words(self, vacancy_id: int, participant_id: int) -> LazyString | str:
        """The fit in words ("fits 2 of 2 must-haves, 4 km"), written in the reader's
        language."""
        v, p = self.get("vacancy", vacancy_id), self.get("participant", participant_id)
        if v is None or p is None:
            return ""
        km = postcodes.distance_km(v.postcode, p.postcode)
        return LazyString(lambda: fit_of(v, p, km).words)
