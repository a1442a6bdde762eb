"""Forms of the public pages."""

from ..forms import LanguageForm

__all__ = ["LanguageForm"]
