"""One pager for every paged list: a page number from the address bar is read safely (a
23-digit number, a negative one or text means page 1, never a 500), and the links keep the
list's filters."""

import pytest

from .proposal_factory import client_for, world

ODD_PAGES = ["1" + "0" * 22, "-3", "0", "abc", "2.5", "٣", ""]


@pytest.mark.parametrize("page", ODD_PAGES)
def test_odd_page_numbers_show_the_first_page_on_every_paged_list(app, db, make_user, page):
    w = world(app, db, make_user)
    coordinator = client_for(app, make_user("coordinator"))
    mentor = client_for(app, w.mentor)
    employer = client_for(app, w.employer)
    pages = [
        (mentor, f"/vacancies/?lang=en&page={page}", w.vacancy.title),
        (mentor, f"/mentor/search?lang=en&q=Magazijn&page={page}", "found"),
        (mentor, f"/mentor/vacancies/{w.vacancy.id}/candidates?lang=en&page={page}", "Candidate"),
        (mentor, f"/mentor/participants/{w.participant.id}/openings?lang=en&page={page}", "Strong"),
        (employer, f"/employer/vacancies/{w.vacancy.id}/candidates?lang=en&page={page}", "fits"),
        (coordinator, f"/coordinator/users?lang=en&page={page}", w.mentor.email),
    ]
    for client, url, expected in pages:
        response = client.get(url)
        html = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert expected in html, url
        assert "Previous page" not in html and "Next page" not in html, url


def test_pages_of_the_account_list_keep_the_filter(app, make_user):
    for number in range(51):
        make_user("mentor", email=f"mentor{number:02}@example.org", display_name=f"M {number:02}")
    make_user("employer", email="not-a-mentor@example.org")
    coordinator = client_for(app, make_user("coordinator"))

    first = coordinator.get("/coordinator/users?lang=en&role=mentor").get_data(as_text=True)
    assert "mentor00@example.org" in first and "mentor50@example.org" not in first
    assert "Previous page" not in first
    assert 'href="/coordinator/users?page=2&amp;role=mentor"' in first

    second = coordinator.get("/coordinator/users?lang=en&role=mentor&page=2")
    html = second.get_data(as_text=True)
    assert "mentor50@example.org" in html and "mentor49@example.org" not in html
    assert "not-a-mentor@example.org" not in html and "Next page" not in html
    assert 'href="/coordinator/users?page=1&amp;role=mentor"' in html


def test_a_page_past_the_end_is_empty_not_an_error(app, make_user):
    coordinator = client_for(app, make_user("coordinator"))
    response = coordinator.get("/coordinator/users?lang=en&page=10000")
    assert response.status_code == 200
    assert "No accounts found." in response.get_data(as_text=True)
