"""Issue 12 finding 11: per-address limits on sign-in, card sign-in, registration and the
password change; in memory by default, shared through Redis when configured."""

import socket
import uuid

import pytest

from .conftest import make_app, post


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture()
def strict_app(database_url, tmp_path):
    app = make_app(database_url, tmp_path, RATELIMIT_AUTH="3 per minute")
    yield app
    app.extensions["portal_engine"].dispose()


@pytest.mark.parametrize("url", ["/login", "/start", "/register"])
def test_a_fourth_try_from_one_address_is_refused(strict_app, url):
    client = strict_app.test_client()
    for _try in range(3):
        assert post(client, url, {}, token_from=url).status_code != 429
    answer = post(client, url + "?lang=en", {}, token_from=url)
    assert answer.status_code == 429
    assert "Too many attempts from your address" in answer.get_data(as_text=True)
    assert client.get(url).status_code == 200  # showing the form is not limited
    other = strict_app.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert post(other, url, {}, token_from=url).status_code != 429


def test_the_password_change_is_limited_too(strict_app):
    client = strict_app.test_client()
    statuses = [post(client, "/account/password", {}, token_from="/login").status_code
                for _try in range(4)]  # fmt: skip
    assert statuses[-1] == 429 and 429 not in statuses[:3]


@pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379")
def test_two_workers_count_together_through_redis(database_url, tmp_path):
    settings = {
        "RATELIMIT_AUTH": "3 per minute",
        "RATELIMIT_STORAGE": "redis://127.0.0.1:6379/0",
        "RATELIMIT_KEY_PREFIX": f"portal-test-{uuid.uuid4().hex}",
    }
    first = make_app(database_url, tmp_path / "a", **settings)
    second = make_app(database_url, tmp_path / "b", **settings)
    try:
        a, b = first.test_client(), second.test_client()
        assert post(a, "/login", {}).status_code != 429
        assert post(b, "/login", {}).status_code != 429
        assert post(a, "/login", {}).status_code != 429
        assert post(b, "/login", {}).status_code == 429
    finally:
        for app in (first, second):
            app.extensions["portal_engine"].dispose()
