"""Layout defects of issue 13 seen in a browser: the header on a phone, its menu without
JavaScript, and the mentor's profile cards at desk width, in Dutch and Arabic."""

import pytest

from .test_journeys import first, login

CARD_OVERFLOW = """() => [...document.querySelectorAll('main .cards .card')].flatMap(card => {
  const box = card.getBoundingClientRect();
  const out = [...card.querySelectorAll('dd, .button')].filter(el => {
    const r = el.getBoundingClientRect();
    return r.left < box.left - 1 || r.right > box.right + 1 || el.scrollWidth > el.clientWidth + 1;
  });
  return out.map(el => el.textContent.trim().slice(0, 40));
})"""


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_phone_header_is_compact_and_its_menu_opens_without_javascript(
    server, demo_template, checker_factory, browser, lang
):
    mentor = checker_factory(server.url, 390, lang, "phone-menu")
    login(mentor, *first(demo_template[1], "mentor", "els."), lang)
    header = mentor.page.locator(".site-header").bounding_box()
    assert header["height"] <= 130
    context = browser.new_context(
        base_url=server.url,
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
        storage_state=mentor.page.context.storage_state(),
    )
    page = context.new_page()
    page.goto("/mentor/")
    links = page.locator(".menu-compact nav a")
    assert not links.first.is_visible()
    page.locator(".menu-compact summary").click()
    assert links.first.is_visible() and links.count() >= 7
    context.close()


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_profile_cards_at_desk_width_hold_their_text_and_buttons(
    server, demo_template, checker_factory, lang
):
    mentor = checker_factory(server.url, 1280, lang, "profile")
    login(mentor, *first(demo_template[1], "mentor", "els."), lang)
    mentor.goto("/mentor/")
    mentor.click(mentor.page.locator("main a", has_text="Ahmad").first)
    assert mentor.page.locator("main .cards .card").count() >= 8
    assert mentor.page.evaluate(CARD_OVERFLOW) == []
