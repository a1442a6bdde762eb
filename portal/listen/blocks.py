"""The plain-language blocks of the participant's pages (one idea each, with a pictogram,
the Dutch beside them on request, and a read-aloud button), written in Python: a card page
shows about a hundred blocks, and two Jinja macro calls each were a third of its time."""

from markupsafe import Markup, escape

from ..pictograms import pictogram
from .views import button_drawer


def _paragraphs(lines) -> str:
    return "".join([f"<p>{escape(line)}</p>" for line in lines])


def plain_blocks(blocks, side: bool, heading: str = "h2", dutch_titles: bool = False) -> Markup:
    """The blocks (dicts from portal.i18n.with_dutch: icon, title, lines, optional status,
    nl_title and nl) as sections; `side` adds the Dutch column. Built as plain text from
    escaped values (a Markup per piece cost a third of the card page's blocks)."""
    listen = button_drawer()
    side_class = " plain-block--side" if side else ""
    html = ['<div class="plain-blocks">']
    for block in blocks:
        status = block.get("status")
        status_class = f" plain-block--{escape(status)}" if status else ""
        title = escape(block["title"])
        if side and dutch_titles:
            title = (
                f'{title} <span class="subtle">·</span> <span lang="nl" dir="ltr" class="subtle">'
                f"{escape(block['nl_title'])}</span>"
            )
        lines = block["lines"]
        spoken = listen(f"{block['title']}. " + " ".join(map(str, lines))) if listen else ""
        html.append(
            f'<section class="plain-block{status_class}{side_class}"><{heading}>'
            f'{pictogram(block["icon"])} {title}</{heading}><div class="plain-cols">'
            f"<div>{_paragraphs(lines)}{spoken}</div>"
        )
        if side:
            dutch = _paragraphs(block["nl"])
            html.append(f'<div lang="nl" dir="ltr" class="plain-nl">{dutch}</div>')
        html.append("</div></section>")
    html.append("</div>")
    return Markup("\n".join(html))  # noqa: S704 - every value escaped
