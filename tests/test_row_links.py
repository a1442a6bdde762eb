"""A list's row links come from one url_for per page (portal.row_links): each link must be
the very text url_for gives for that row, under a script root too, with query values kept
and escaped, and also when another value happens to hold the marker's digits."""

import pytest
from flask import url_for

from portal.row_links import _MARK, ROW, row_link

IDS = [1, 7, 42, 1000, 123456789, _MARK + 1, int(str(_MARK) * 2)]


@pytest.mark.parametrize("root", ["", "/portal"])
def test_row_links_are_the_links_url_for_gives(app, root):
    cases = [
        ("vacancies.detail", {"vacancy_id": ROW}),
        ("proposals.new", {"participant_id": 5, "vacancy_id": ROW}),
        ("proposals.new", {"participant_id": ROW, "vacancy_id": 12}),
        ("matches.react", {"participant_id": 3, "vacancy_id": ROW, "side": "nl", "more": "2"}),
        ("matches.react", {"participant_id": 3, "vacancy_id": ROW, "hidden": "1 & <2>"}),
    ]
    with app.test_request_context("/", base_url=f"http://portal.test{root}"):
        for endpoint, values in cases:
            link = row_link(endpoint, **values)
            for value in IDS:
                expected = {k: value if v is ROW else v for k, v in values.items()}
                assert link(value) == url_for(endpoint, **expected)
                assert link(value).startswith(f"{root}/")


def test_a_value_holding_the_marker_falls_back_to_url_for(app):
    with app.test_request_context("/"):
        link = row_link("proposals.new", participant_id=_MARK, vacancy_id=ROW)
        for value in IDS:
            expected = url_for("proposals.new", participant_id=_MARK, vacancy_id=value)
            assert link(value) == expected
        assert f"participant_id={_MARK}" in link(9) and "vacancy_id=9" in link(9)
