"""The vacancy form's skills are chosen with the type-ahead (one text box per kind, names in
any language), for a new vacancy and an edit: no Ctrl/Cmd multi-select, and an edit shows
the skills as names that save back to the same entries."""

import re

from sqlmodel import select

from portal.models import VacancySkill

from .conftest import post
from .test_employers_vacancies import employer, new_vacancy, vacancy_form  # noqa: F401

BOX = re.compile(r'<input[^>]*name="must_have"[^>]*>')


def skills_of(db, vacancy_id):
    db.expire_all()
    rows = db.exec(select(VacancySkill).where(VacancySkill.vacancy_id == vacancy_id)).all()
    return {(r.code, r.must_have, r.free_text) for r in rows}


def test_new_and_edit_forms_use_the_type_ahead(employer, db):  # noqa: F811
    for url in ("/employer/vacancies/new?lang=en", None):
        if url is None:
            vacancy = new_vacancy(employer, db)
            url = f"/employer/vacancies/{vacancy.id}/edit?lang=en"
        page = employer.get(url).get_data(as_text=True)
        box = BOX.search(page)
        assert box and 'data-typeahead="skill"' in box.group(0), url
        assert "data-typeahead-list" in box.group(0)
        assert "<select multiple" not in page and "Ctrl" not in page
        assert 'name="must_have_other"' not in page
    # The edit form shows names, not codes, and saving them keeps the same skills.
    names = "order picking, using a hand-held scanner, werken met een weegschaal"
    assert f'value="{names}"' in page
    before = skills_of(db, vacancy.id)
    form = vacancy_form(must_have=names, nice_to_have="driving a forklift")
    response = post(employer, f"/employer/vacancies/{vacancy.id}/edit", form,
                    token_from=f"/employer/vacancies/{vacancy.id}/edit")  # fmt: skip
    assert response.status_code == 302
    assert skills_of(db, vacancy.id) == before


def test_a_name_in_another_language_is_the_entry(employer, db):  # noqa: F811
    vacancy = new_vacancy(employer, db, must_have="heftruck, orderpicking", nice_to_have="")
    codes = {code for code, _must, free in skills_of(db, vacancy.id) if not free}
    assert "forklift" in codes
