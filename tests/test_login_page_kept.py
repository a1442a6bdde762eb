"""The blank sign-in page is drawn once per language and the visitor's own CSRF token set in
(portal/site/blank_forms.py): everyone gets the same page but their own working token, in
their own language, and nothing a request needs of its own is served from the kept page."""

from .conftest import PASSWORD, TOKEN, login, post


def _page(client, url="/login", **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return html, TOKEN.search(html).group(1)


def test_each_visitor_gets_the_same_page_with_a_token_of_their_own(app, make_user):
    user = make_user("mentor", email="kept@example.org")
    first, second = app.test_client(), app.test_client()
    page_a, token_a = _page(first)
    page_b, token_b = _page(second)
    assert token_a != token_b
    assert page_a.replace(token_a, "T") == page_b.replace(token_b, "T")
    assert page_a.count(token_a) == 2  # the sign-in form and the language switcher
    # a token works only with the session it was given to
    crossed = second.post(
        "/login", data={"csrf_token": token_a, "email": user.email, "password": PASSWORD}
    )
    assert crossed.status_code != 302
    signed = first.post(
        "/login", data={"csrf_token": token_a, "email": user.email, "password": PASSWORD}
    )
    assert signed.status_code == 302


def test_the_kept_page_follows_the_language(client):
    arabic, _token = _page(client, headers={"Accept-Language": "ar"})
    dutch, _token = _page(client, headers={"Accept-Language": "nl"})
    arabic_again, _token = _page(client, headers={"Accept-Language": "ar"})
    assert 'lang="ar" dir="rtl"' in arabic and 'lang="ar" dir="rtl"' in arabic_again
    assert 'lang="nl" dir="ltr"' in dutch and "Aanmelden" in dutch


def test_a_waiting_message_and_a_next_address_get_their_own_page(client, make_user):
    user = make_user("employer", email="away@example.org")
    assert login(client, user.email).status_code == 302
    post(client, "/logout")
    after, _token = _page(client)
    assert "Je bent afgemeld." in after
    again, _token = _page(client)
    assert "Je bent afgemeld." not in again
    onward, _token = _page(client, "/login?next=/vacancies/")
    assert 'value="/vacancies/"' in onward
    assert 'value="/vacancies/"' not in again
