"""The stages of a proposal, the steps an employer may take between them, the reasons to
choose from, and the one rule for free text on a proposal.

proposed -> employer_interested | declined; employer_interested -> intro_meeting | declined;
intro_meeting -> trial | hired | not_hired, or intro_meeting again (the meeting changes);
trial -> hired | not_hired; any open stage -> withdrawn (participant or mentor)."""

from ...i18n import _, _l
from ...models import Stage
from ..errors import ServiceError

MAX_TEXT = 2000

STAGE_LABELS = {
    Stage.PROPOSED: _l("Proposed"),
    Stage.EMPLOYER_INTERESTED: _l("Employer interested"),
    Stage.DECLINED: _l("Declined"),
    Stage.INTRO_MEETING: _l("Introduction meeting"),
    Stage.TRIAL: _l("Trial"),
    Stage.HIRED: _l("Hired"),
    Stage.NOT_HIRED: _l("Not hired"),
    Stage.WITHDRAWN: _l("Withdrawn"),
}
EVENT_LABELS = STAGE_LABELS | {
    "interest": _l("The participant said: interested"),
    "share_contact": _l("The participant agreed to share name and contact"),
    "share_withdrawn": _l("The participant no longer shares name and contact"),
    "meeting_changed": _l("Introduction meeting changed"),
}

DECLINE_REASONS = {
    "profile": _l("The profile does not fit the job"),
    "dutch": _l("The Dutch is not enough for this job yet"),
    "hours": _l("The hours or shifts do not fit"),
    "filled": _l("The vacancy is already filled"),
    "other": _l("Another reason"),
}
NOT_HIRED_REASONS = {
    "trial": _l("The trial did not work out"),
    "participant": _l("The participant chose not to go on"),
    "fit": _l("The job did not fit after the meeting"),
    "position": _l("The position is no longer available"),
    "other": _l("Another reason"),
}

# Employer steps: from stage -> the stages it may go to.
TRANSITIONS: dict[str, set[str]] = {
    Stage.PROPOSED: {Stage.EMPLOYER_INTERESTED, Stage.DECLINED},
    Stage.EMPLOYER_INTERESTED: {Stage.INTRO_MEETING, Stage.DECLINED},
    Stage.INTRO_MEETING: {Stage.INTRO_MEETING, Stage.TRIAL, Stage.HIRED, Stage.NOT_HIRED},
    Stage.TRIAL: {Stage.HIRED, Stage.NOT_HIRED},
}

BOARD_STAGES = (
    Stage.PROPOSED,
    Stage.EMPLOYER_INTERESTED,
    Stage.INTRO_MEETING,
    Stage.TRIAL,
    Stage.HIRED,
    Stage.DECLINED,
    Stage.NOT_HIRED,
    Stage.WITHDRAWN,
)


def clean_text(value, field_name: str, required_message=None) -> str:
    text = (value or "").strip()
    if required_message and not text:
        raise ServiceError(required_message, field=field_name)
    if len(text) > MAX_TEXT:
        raise ServiceError(_("Use at most %(max)d characters.", max=MAX_TEXT), field=field_name)
    return text
