"""Services refuse with the portal's own errors, usable without a request (CLI, demo, bench);
one handler turns them into the error page in the user's language."""

import pytest
from flask_babel import force_locale, gettext
from markupsafe import escape

from portal.services.errors import ForbiddenError, NotFoundError, ServiceError
from portal.services.participants import opening

from .conftest import login
from .participant_factory import make_participant


def test_a_refused_access_is_not_a_refused_rule():
    """A view's `except ServiceError` must never swallow a refused access."""
    assert not issubclass(ForbiddenError, ServiceError)
    assert not issubclass(NotFoundError, ServiceError)


def test_services_raise_portal_errors_outside_a_request(app, db, make_user):
    mentor, other = make_user("mentor"), make_user("mentor")
    coordinator = make_user("coordinator")
    p = make_participant(app, db, mentor)
    with app.app_context():
        with pytest.raises(ForbiddenError):
            opening.open_participant(db, other, p.id)
        with pytest.raises(NotFoundError):
            opening.open_participant(db, coordinator, p.id + 1000)
        assert opening.open_participant(db, mentor, p.id).id == p.id


def test_the_handler_shows_403_and_404_pages_in_the_users_language(app, db, make_user):
    mentor, other = make_user("mentor"), make_user("mentor", locale="fr")
    coordinator = make_user("coordinator", locale="fr")
    p = make_participant(app, db, mentor)
    with app.test_request_context(), force_locale("fr"):
        denied = str(escape(gettext("You do not have access to this page.")))
        missing = str(escape(gettext("This page does not exist (any more).")))
    assert "accès" in denied  # really the French text

    as_other = app.test_client()
    login(as_other, other.email)
    refused = as_other.get(f"/mentor/participants/{p.id}")
    assert refused.status_code == 403
    assert denied in refused.get_data(as_text=True)

    as_coordinator = app.test_client()
    login(as_coordinator, coordinator.email)
    absent = as_coordinator.get(f"/coordinator/participants/{p.id + 1000}")
    assert absent.status_code == 404
    assert missing in absent.get_data(as_text=True)
