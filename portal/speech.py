"""Read aloud: plain-language blocks spoken by espeak-ng on the server, cached on disk.
The program gets an argument list and the text on stdin, never a shell; the cache file is
named by a hash of (voice, text), so no personal data ends up in a file name."""

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from .config import LANGUAGES
from .i18n import _

# espeak-ng voices for our languages; the others are read in Dutch (and the button says so).
VOICES = {"nl": "nl", "fr": "fr-fr", "en": "en-gb", "ar": "ar", "fa": "fa", "uk": "uk", "tr": "tr"}
FALLBACK = "nl"
MAX_CHARS = 2000
BAD_CHARACTERS = re.compile(r"[<>\x00-\x08\x0b-\x1f\x7f-\x9f]")


class BadText(ValueError):
    """Text or language the endpoint will not read; the message says why (shown as a 400)."""


def voice_language(language: str) -> str:
    return language if language in VOICES else FALLBACK


def enabled() -> bool:
    """espeak-ng is installed (or the configured binary exists): otherwise no buttons."""
    return _installed(current_app.config.get("ESPEAK_BINARY", "espeak-ng"))


@cache
def _installed(binary: str) -> bool:
    """Looked up once per process: a card page asks for every block (a PATH walk each)."""
    return shutil.which(binary) is not None


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="listen")


def check(text: str, language: str) -> str:
    """The text as it will be spoken, or BadText."""
    if language not in LANGUAGES:
        raise BadText(_("This language is not available."))
    text = " ".join(text.split())
    if not text:
        raise BadText(_("There is no text to read."))
    if len(text) > MAX_CHARS:
        raise BadText(_("A block to read aloud has at most %(num)d characters.", num=MAX_CHARS))
    if BAD_CHARACTERS.search(text):
        raise BadText(_("Only plain text can be read aloud."))
    return text


def token(text: str, language: str) -> str | None:
    """A signed reference to a block the server rendered; None when it cannot be read."""
    try:
        return _serializer().dumps([check(text, language), language])
    except BadText:
        return None


def untoken(value: str) -> tuple[str, str]:
    try:
        text, language = _serializer().loads(value)
    except (BadSignature, ValueError, TypeError) as exc:
        raise BadText(_("This is not a text from this portal.")) from exc
    return check(str(text), str(language)), str(language)


def wav(text: str, language: str) -> tuple[Path, str]:
    """(path of the cached WAV, its hash) for this text in this language's voice."""
    voice = VOICES[voice_language(language)]
    key = hashlib.sha256(f"{voice}\0{text}".encode()).hexdigest()
    folder = Path(current_app.instance_path) / "audio"
    path = folder / f"{key}.wav"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=folder, suffix=".part")
        os.close(handle)
        try:
            subprocess.run(
                [current_app.config.get("ESPEAK_BINARY", "espeak-ng"), "-v", voice, "--stdin",
                 "-w", partial],
                input=text.encode(), check=True, capture_output=True, timeout=30,
            )  # fmt: skip
            os.replace(partial, path)
        finally:
            Path(partial).unlink(missing_ok=True)
    return path, key
