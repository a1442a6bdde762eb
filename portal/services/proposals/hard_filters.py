"""What stands between a participant and a vacancy before a mentor may propose: the hard
filters of matching, some of which the mentor may override with a written reason."""

from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import Session

from ...i18n import _
from ...matching import service as matching
from ...models import Participant, Vacancy
from .. import caseload
from ..vacancies import lifecycle


@dataclass
class Problem:
    code: str
    message: str
    overridable: bool  # a soft criterion: the mentor may propose anyway, with a reason


def right_to_work_on(facts: caseload.CaseFacts, day: date) -> bool:
    return replace(facts, on=max(day, facts.on)).right_to_work_ok


# Hard filters of the matching engine that a mentor may override with a written reason; the
# others (endorsement, consent, right to work, an open vacancy) are checked above, never waived.
OVERRIDABLE_FILTERS = frozenset(
    {"licence", "certificate", "shifts", "hours", "distance", "available", "dutch"}
)


def hard_filter_problems(db: Session, vacancy: Vacancy, participant: Participant) -> list[Problem]:
    """What stands between this participant and this vacancy. Endorsement, consent, the right
    to work on the start date and an open vacancy are never overridable; every other hard
    filter of the matching engine is a soft problem the mentor may override with a reason."""
    facts = caseload.case_facts(db, [participant])[0]
    problems = []
    if not participant.active:
        problems.append(Problem("active", _("This participant is not active."), False))
    if not facts.endorsed:
        problems.append(
            Problem("endorsement", _("This participant has no valid endorsement."), False)
        )
    if facts.consent is None:
        problems.append(
            Problem("consent", _("This participant has not agreed to be matched."), False)
        )
    if not right_to_work_on(facts, vacancy.start_date):
        problems.append(
            Problem(
                "right_to_work",
                _("This participant has no right to work on the start date of the vacancy."),
                False,
            )
        )
    if not lifecycle.is_open(vacancy):
        problems.append(
            Problem("vacancy_open", _("This vacancy is not open for proposals."), False)
        )
    for criterion in matching.evaluate_pair(db, vacancy.id, participant.id).criteria:
        if criterion.status == "missing" and criterion.code in OVERRIDABLE_FILTERS:
            problems.append(Problem(criterion.code, criterion.message, True))
    return problems
