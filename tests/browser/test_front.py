"""The employers' front door (issue 20) in a browser: every public page at phone and desk
width, in Dutch and Arabic, through the same checks as the journeys (axe-core, no page wider
than the screen, no console error)."""

import pytest

PAGES = (
    "/for-employers",
    "/for-employers/talent",
    "/for-employers/mentoring-commitment",
    "/for-employers/ask",
)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_front_pages_pass_the_page_checks(server, checker_factory, lang, width):
    visitor = checker_factory(server.url, width, lang, f"front-{width}")
    for path in PAGES:
        visitor.goto(f"{path}?lang={lang}")
        direction = visitor.page.locator("html").get_attribute("dir")
        assert direction == ("rtl" if lang == "ar" else "ltr")
        assert visitor.page.locator("main h1").count() == 1
