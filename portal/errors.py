"""Error pages in the user's language; never a stack trace."""

from flask import render_template
from flask_wtf.csrf import CSRFError

from . import db
from .i18n import _
from .services.errors import ForbiddenError, NotFoundError


def init_app(app) -> None:
    messages = {
        400: lambda: _("The request could not be understood. Please go back and try again."),
        403: lambda: _("You do not have access to this page."),
        404: lambda: _("This page does not exist (any more)."),
        405: lambda: _("This action is not possible on this page."),
        413: lambda: _("What you sent is too large."),
        429: lambda: _("Too many attempts from your address. Wait a few minutes and try again."),
        500: lambda: _("Something went wrong on our side. Your earlier work is saved."),
    }

    def render(code, message=None):
        try:
            db.session().rollback()
        except Exception:  # noqa: BLE001 - the error page must render even without a database
            app.logger.exception("rollback failed while rendering an error page")
        return render_template(
            "errors/error.html", code=code, message=message or messages[code]()
        ), code

    for code in messages:
        app.register_error_handler(code, lambda exc, code=code: render(code))
    # A service's refused access becomes its HTTP page here, and nowhere else.
    app.register_error_handler(ForbiddenError, lambda exc: render(403))
    app.register_error_handler(NotFoundError, lambda exc: render(404))

    @app.errorhandler(CSRFError)
    def csrf_error(_exc):
        return render(
            400,
            _(
                "This form has expired or was not sent from this site. "
                "Please reload the page and send it again."
            ),
        )
