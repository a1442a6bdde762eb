"""Absolute links for e-mails: a mail is read outside the portal, and the alert pass that
writes it runs without a request, so the link starts with the configured BASE_URL."""

from flask import current_app

from . import settings


def absolute(endpoint: str, **values) -> str:
    path = current_app.url_map.bind("portal.invalid").build(endpoint, values)
    return settings.base_url() + path
