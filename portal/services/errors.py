"""The portal's own errors: services raise these, never HTTP exceptions, so they stay usable
outside a request (CLI, demo, benches); `portal.errors` maps them to HTTP in one handler.

A refused rule (ServiceError) is shown next to the form; a refused access (ForbiddenError,
NotFoundError) is an error page. They are siblings, so a view's `except ServiceError` never
swallows a refused access."""


class PortalError(Exception):
    """Anything a service refuses; `message` is already in the user's language."""

    def __init__(self, message="", field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class ServiceError(PortalError):
    """A business rule said no; `field` names the form field it belongs to, so the view can
    show it next to that field."""


class NotFoundError(PortalError):
    """The object does not exist (an error page, 404)."""


class ForbiddenError(PortalError):
    """This user may not see or do this (an error page, 403, nothing of the object shown)."""
