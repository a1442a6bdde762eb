"""Read aloud: real espeak-ng WAVs for the page's language (Dutch for ps/ti/so, and the
button says so), cached with caching headers, only blocks the server rendered, bad input a
clear 400, and no buttons (and /healthz audio "off") without espeak-ng."""

import re
import shutil
import wave
from html import unescape
from io import BytesIO
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext
from itsdangerous import URLSafeSerializer

from .conftest import make_app
from .proposal_factory import client_for, world
from .test_participants_openings import participant_client

needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is not installed (.ci/run installs it)"
)
BUTTON = re.compile(
    r'<a class="listen" href="([^"]+)"[^>]*aria-pressed="false"[^>]*>(.*?)</a>', re.S
)


def buttons(page: str) -> list[tuple[str, str]]:
    return [
        (unescape(url), re.sub(r"<[^>]+>", "", label).strip())
        for url, label in BUTTON.findall(page)
    ]


def seconds(body: bytes) -> float:
    assert body[:4] == b"RIFF" and body[8:12] == b"WAVE"
    with wave.open(BytesIO(body)) as audio:
        return audio.getnframes() / audio.getframerate()


def forged(app, text, language) -> str:
    """A token signed with the app's own key, as if the server had rendered this text."""
    return URLSafeSerializer(app.config["SECRET_KEY"], salt="listen").dumps([text, language])


@needs_espeak
def test_a_voice_language_gets_real_audio_that_grows_with_the_text(app, db, make_user):
    w = world(app, db, make_user)
    person = participant_client(app, db, w)
    page = person.get("/me/?lang=fr").get_data(as_text=True)
    found = buttons(page)
    assert len(found) >= 8 and all(label == "Écouter" for _url, label in found)
    assert 'id="listen-status"' in page and "listen.js" in page
    url = found[0][0]
    response = person.get(url)
    assert response.status_code == 200 and response.mimetype == "audio/wav"
    assert response.headers["Content-Language"] == "fr"
    assert "max-age" in response.headers["Cache-Control"] and response.headers["ETag"]
    short = seconds(response.data)
    assert 0.5 < short < 30
    again = person.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    with app.test_request_context():
        long_token = forged(app, "Bonjour. " * 40, "fr")
    assert seconds(person.get(f"/listen?t={long_token}").data) > short * 2
    cached = list((Path(app.instance_path) / "audio").iterdir())
    assert cached and all(re.fullmatch(r"[0-9a-f]{64}\.wav", f.name) for f in cached)


@needs_espeak
@pytest.mark.parametrize("language", ["ps", "ti", "so"])
def test_a_language_without_voice_gets_dutch_audio_and_says_so(app, db, make_user, language):
    w = world(app, db, make_user)
    mentor = client_for(app, w.mentor)
    page = mentor.get(
        f"/mentor/participants/{w.participant.id}/openings/cards?lang={language}"
    ).get_data(as_text=True)
    found = buttons(page)
    with app.test_request_context(), force_locale(language):
        says_dutch = gettext("Listen in Dutch")  # the msgid until the catalog translates it
    assert found and all(label == says_dutch for _url, label in found)
    assert page.count('hreflang="nl"') >= len(found)
    response = mentor.get(found[0][0])
    assert response.status_code == 200 and response.headers["Content-Language"] == "nl"
    assert seconds(response.data) > 0.5


@needs_espeak
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("<script>alert(1)</script>", "nl"),
        ("Hallo\x07 wereld", "nl"),
        ("Hallo; rm -rf /", "xx"),
        ("a" * 50_000, "nl"),
    ],
)
def test_bad_text_or_language_is_a_clear_400(app, db, make_user, tmp_path, text, language):
    w = world(app, db, make_user)
    mentor = client_for(app, w.mentor)
    response = mentor.get(f"/listen?t={forged(app, text, language)}&lang=en")
    assert response.status_code == 400
    assert "read aloud" in response.get_data(as_text=True) or "language" in response.get_data(
        as_text=True
    )
    assert not (Path(app.instance_path) / "audio").exists() or not any(
        (Path(app.instance_path) / "audio").iterdir()
    )


def test_free_text_and_other_roles_are_refused(app, db, make_user):
    w = world(app, db, make_user)
    mentor = client_for(app, w.mentor)
    assert mentor.get("/listen?t=Hallo%20wereld&lang=en").status_code == 400
    with app.test_request_context():
        token = forged(app, "Hallo wereld.", "nl")
    assert client_for(app, w.employer).get(f"/listen?t={token}").status_code == 403
    assert app.test_client().get(f"/listen?t={token}").status_code == 302  # to sign in


def test_without_espeak_no_buttons_and_health_says_off(database_url, tmp_path, db, make_user):
    app = make_app(database_url, tmp_path / "off", ESPEAK_BINARY=str(tmp_path / "no-espeak"))
    try:
        w = world(app, db, make_user)
        person = participant_client(app, db, w)
        page = person.get("/me/?lang=nl").get_data(as_text=True)
        assert 'class="listen"' not in page and "Listen" not in page
        assert app.test_client().get("/healthz").get_json()["audio"] == "off"
        with app.test_request_context():
            token = forged(app, "Hallo wereld.", "nl")
        assert person.get(f"/listen?t={token}").status_code == 404
    finally:
        app.extensions["portal_engine"].dispose()


@needs_espeak
def test_health_says_audio_on(client):
    assert client.get("/healthz").get_json()["audio"] == "on"
