"""A document kind for the index tests built on a real table: active organisations are
"matchable", pending or disabled ones are not. Also used by the worker subprocesses."""

import pytest
from sqlmodel import Session, col, func, select

from portal.models import Organisation
from portal.services.search_feed import record_change
from search_index import TEXT, Field, register_provider, unregister_provider

KIND = "organisation"


def _document(organisation: Organisation) -> dict:
    return {"id": organisation.id, "name": organisation.name, "org_kind": organisation.kind}


def _matchable():
    return select(Organisation).where(Organisation.status == "active")


def load_documents(db: Session, ids):
    query = _matchable().where(col(Organisation.id).in_(list(ids)))
    return [_document(o) for o in db.exec(query)]


def iter_all(db: Session):
    for organisation in db.exec(_matchable().order_by(col(Organisation.id))):
        yield _document(organisation)


def count_all(db: Session) -> int:
    return db.exec(select(func.count()).select_from(_matchable().subquery())).one()


def register(load=load_documents, every=iter_all):
    return register_provider(
        KIND,
        load,
        every,
        fields={"name": Field(TEXT.type, stored=True), "org_kind": Field("term", stored=True)},
        count_all=count_all,
    )


def add_organisation(db: Session, name: str, status: str = "active") -> Organisation:
    """What a real service does: the write and its change row in one transaction."""
    organisation = Organisation(name=name, kind="employer", status=status)
    db.add(organisation)
    db.flush()
    record_change(db, KIND, organisation.id)
    db.commit()
    return organisation


def rename_organisation(db: Session, organisation_id: int, name: str) -> None:
    db.get(Organisation, organisation_id).name = name
    record_change(db, KIND, organisation_id)
    db.commit()


@pytest.fixture()
def organisation_kind():
    register()
    yield KIND
    unregister_provider(KIND)
