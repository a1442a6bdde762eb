"""The plain-language blocks of the participant's pages (one idea each, with a pictogram,
the Dutch beside them on request, and a read-aloud button), written in Python: a card page
shows about a hundred blocks, and two Jinja macro calls each were a third of its time."""

from markupsafe import Markup, escape

from ..pictograms import pictogram
from .views import button_drawer


def plain_blocks(blocks, side: bool, heading: str = "h2", dutch_titles: bool = False) -> Markup:
    """The blocks (dicts from portal.i18n.with_dutch: icon, title, lines, optional status,
    nl_title and nl) as sections; `side` adds the Dutch column."""
    listen = button_drawer()
    html = ['<div class="plain-blocks">']
    for block in blocks:
        classes = "plain-block"
        if block.get("status"):
            classes += f" plain-block--{escape(block['status'])}"
        if side:
            classes += " plain-block--side"
        title = escape(block["title"])
        if side and dutch_titles:
            title += Markup(
                ' <span class="subtle">·</span> <span lang="nl" dir="ltr" class="subtle">'
            )
            title += escape(block["nl_title"]) + Markup("</span>")
        lines = Markup("".join(f"<p>{escape(line)}</p>" for line in block["lines"]))  # noqa: S704
        if listen:
            lines += listen(f"{block['title']}. " + " ".join(map(str, block["lines"])))
        html.append(
            f'<section class="{classes}"><{heading}>{pictogram(block["icon"])} {title}'
            f'</{heading}><div class="plain-cols"><div>{lines}</div>'
        )
        if side:
            dutch = "".join(f"<p>{escape(line)}</p>" for line in block["nl"])
            html.append(f'<div lang="nl" dir="ltr" class="plain-nl">{dutch}</div>')
        html.append("</div></section>")
    html.append("</div>")
    return Markup("\n".join(html))  # noqa: S704 - every value escaped
