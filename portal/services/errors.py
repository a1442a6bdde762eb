"""The one exception services raise for a refused action; views show its message."""


class ServiceError(Exception):
    """A business rule said no. `message` is already in the user's language; `field`
    names the form field it belongs to, so the view can show it next to that field."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
