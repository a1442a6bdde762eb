"""The bridge portal: a Flask application built by `create_app`."""

import gc
from functools import partial

from flask import Flask
from flask_wtf import CSRFProtect

from . import (
    access,
    config,
    db,
    errors,
    html_attributes,
    i18n,
    logging_setup,
    paths,
    ratelimit,
    security,
)

csrf = CSRFProtect()


def create_app(overrides: dict | None = None) -> Flask:
    """Build the app. Nothing touches the database or the index here: gunicorn forks
    workers after this, and each opens its own connections on first use."""
    overrides = dict(overrides or {})
    app = Flask(
        __name__,
        instance_path=overrides.pop("INSTANCE_PATH", None) or config.default_instance_path(),
        template_folder=str(paths.TEMPLATES_DIR),
    )
    app.config["TRANSLATIONS_DIR"] = paths.TRANSLATIONS_DIR
    config.load(app, overrides)
    logging_setup.configure(app.config["LOG_LEVEL"])
    html_attributes.install()

    db.init_app(app)
    i18n.init_app(app)
    csrf.init_app(app)
    access.login_manager.init_app(app)
    security.init_app(app)
    ratelimit.init_app(app)
    errors.init_app(app)
    _init_search_index(app)
    _register_blueprints(app)

    from . import cli

    cli.register(app)
    access.check_every_route_guarded(app)
    if app.config["FREEZE_HEAP"]:
        _freeze_heap()
    return app


def _freeze_heap() -> None:
    """Everything alive now (modules, templates, the app) lives as long as the worker: keep it
    out of the collector's full collections, which otherwise walk these 150,000 objects and
    stall the worker 0.2-0.3 s each (measured under gunicorn while the caches fill). The index
    is opened later, so a replaced index generation is still collected."""
    gc.collect()
    gc.freeze()


def _init_search_index(app: Flask) -> None:
    from .matching import documents as search_documents
    from .matching import index as flask_sync

    flask_sync.init_app(app)
    search_documents.register()
    if app.config["ALERTS_AFTER_REQUEST"]:
        from .services.alerts import after_index_sync

        app.extensions["portal_after_index_sync"] = partial(after_index_sync, app)


def _register_blueprints(app: Flask) -> None:
    from .auth import bp as auth_bp
    from .checkins import bp as checkins_bp
    from .coordinators import bp as coordinators_bp
    from .data_rights import bp as data_rights_bp
    from .employers import bp as employers_bp
    from .front import bp as front_bp
    from .listen import bp as listen_bp
    from .lookup import bp as lookup_bp
    from .matches import bp as matches_bp
    from .mentors import bp as mentors_bp
    from .notifications import bp as notifications_bp
    from .outcomes import bp as outcomes_bp
    from .participants import bp as participants_bp
    from .proposals import bp as proposals_bp
    from .site import bp as site_bp
    from .skillcards import bp as skillcards_bp
    from .vacancies import bp as vacancies_bp

    app.register_blueprint(site_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(employers_bp, url_prefix="/employer")
    app.register_blueprint(mentors_bp, url_prefix="/mentor")
    app.register_blueprint(participants_bp, url_prefix="/me")
    app.register_blueprint(coordinators_bp, url_prefix="/coordinator")
    app.register_blueprint(vacancies_bp, url_prefix="/vacancies")
    app.register_blueprint(proposals_bp, url_prefix="/proposals")
    app.register_blueprint(notifications_bp, url_prefix="/notifications")
    app.register_blueprint(matches_bp)
    app.register_blueprint(listen_bp)
    app.register_blueprint(skillcards_bp)
    app.register_blueprint(checkins_bp, url_prefix="/checkins")
    app.register_blueprint(outcomes_bp, url_prefix="/outcomes")
    app.register_blueprint(front_bp)
    app.register_blueprint(lookup_bp, url_prefix="/lookup")
    app.register_blueprint(data_rights_bp, url_prefix="/data")
