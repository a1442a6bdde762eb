"""One reading of `?page=` for every paged list, and its previous/next links (the template
global `pager`, in Python like the rows it pages). The page number comes from the address
bar: anything that is not a plain number from 1 to MAX_PAGE means page 1, so a 23-digit
number never reaches an OFFSET."""

from dataclasses import dataclass, replace

from flask import request, url_for
from markupsafe import Markup, escape

from .i18n import _

MAX_PAGE = 10_000


@dataclass(frozen=True)
class Pager:
    number: int
    size: int
    has_next: bool = False

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    def counted(self, total: int) -> "Pager":
        """With the number of rows known to exist from the first page on: either the full
        total, or `offset + rows fetched` after asking for `size + 1` rows."""
        return replace(self, has_next=self.number * self.size < total)


def requested(size: int) -> Pager:
    raw = request.args.get("page", "")
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 5 else 1
    return Pager(min(max(number, 1), MAX_PAGE), size)


def pager(pages: Pager, endpoint: str, link_args: dict | None = None) -> Markup:
    """Previous/next links of a paged list, keeping the list's filters (`link_args`)."""
    args = link_args or {}
    links = []
    if pages.number > 1:
        href, text = url_for(endpoint, page=pages.number - 1, **args), _("Previous page")
        links.append(f'<a href="{escape(href)}">{escape(text)}</a>')
    if pages.has_next:
        href, text = url_for(endpoint, page=pages.number + 1, **args), _("Next page")
        links.append(f'<a href="{escape(href)}">{escape(text)}</a>')
    label = escape(_("Pages"))
    return Markup(  # noqa: S704 - every value escaped
        f'<nav class="pager" aria-label="{label}">\n  ' + "\n  ".join(links) + "\n</nav>"
    )
