"""Every route declares who may use it, and the declaration holds for every role."""

import pytest
from flask import Flask
from sqlmodel import select

from portal.access import check_every_route_guarded, public, unguarded_endpoints
from portal.models import User

from .conftest import csrf_token, login

ROLES = ("employer", "mentor", "participant", "coordinator")


def _routes(app):
    """(endpoint, url, method, allowed roles) for every role-guarded route."""
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        access = getattr(view, "access_rule", None)
        if not isinstance(access, tuple):
            continue
        url = rule.build(dict.fromkeys(rule.arguments, 1))[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, url, method, set(access[1:])


def test_every_route_has_an_access_rule(app):
    assert unguarded_endpoints(app) == []


def test_the_app_refuses_to_start_with_an_unguarded_route():
    app = Flask(__name__)

    @app.route("/open")
    def open_page():
        return "oops"

    @app.route("/fine")
    @public
    def fine():
        return "ok"

    with pytest.raises(RuntimeError, match="open_page"):
        check_every_route_guarded(app)


def test_anonymous_visitors_are_sent_to_login(app):
    client = app.test_client()
    token = csrf_token(client)
    for endpoint, url, method, _allowed in _routes(app):
        response = client.open(url, method=method, data={"csrf_token": token})
        assert response.status_code == 302, endpoint
        assert response.headers["Location"].startswith("/login?next="), endpoint


@pytest.mark.parametrize("role", ROLES)
def test_wrong_role_gets_403_on_every_route(app, make_user, role):
    user = make_user(role)
    client = app.test_client()
    login(client, user.email)
    token = csrf_token(client, "/")
    refused = 0
    for endpoint, url, method, allowed in _routes(app):
        if role in allowed:
            continue
        response = client.open(url, method=method, data={"csrf_token": token})
        assert response.status_code == 403, (endpoint, method)
        refused += 1
    assert refused > 0


def test_403_page_is_in_the_users_language(client, make_user):
    login(client, make_user("participant").email)
    response = client.get("/coordinator/?lang=en")
    assert response.status_code == 403
    assert "You do not have access to this page." in response.get_data(as_text=True)


def test_post_without_csrf_token_is_refused_and_changes_nothing(app, db, make_user):
    coordinator = make_user("coordinator")
    waiting = make_user("employer", status="pending")
    client = app.test_client()
    login(client, coordinator.email)
    response = client.post(
        f"/coordinator/accounts/{waiting.id}/decision?lang=en", data={"decision": "approve"}
    )
    assert response.status_code == 400
    assert "This form has expired or was not sent from this site." in response.get_data(
        as_text=True
    )
    response = client.post(
        f"/coordinator/accounts/{waiting.id}/decision",
        data={"decision": "approve", "csrf_token": "forged"},
    )
    assert response.status_code == 400
    assert db.exec(select(User.status).where(User.id == waiting.id)).one() == "pending"


def test_no_state_change_on_get(app):
    for rule in app.url_map.iter_rules():
        if (
            rule.endpoint in {"auth.logout", "site.set_language"}
            or "decision" in rule.rule
            or "reset" in rule.rule
        ):
            assert "GET" not in rule.methods, rule.rule


def test_security_headers_on_every_page(client):
    response = client.get("/login")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    cookie = client.get_cookie("session")
    assert cookie is None or cookie.http_only


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/nowhere?lang=fr")
    assert response.status_code == 404
    assert 'lang="fr"' in response.get_data(as_text=True)
