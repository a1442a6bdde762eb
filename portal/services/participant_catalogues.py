"""Codes of the participant profile, with their labels. The codes are the ones vacancies use
(Dutch levels, shifts, licences, certificates, mentoring-support codes); certificates come
from the one list in `catalogues`."""

from ..i18n import _l
from . import catalogues

DUTCH_LEVELS = ("A0", "A1", "A2", "B1", "B2", "C1")
DUTCH_LEVEL_RANK = {code: rank for rank, code in enumerate(DUTCH_LEVELS)}
DUTCH_LEVEL_LABELS = {
    "A0": _l("A0 — no Dutch yet"),
    "A1": _l("A1 — a few words and sentences"),
    "A2": _l("A2 — simple everyday talk"),
    "B1": _l("B1 — manages at work"),
    "B2": _l("B2 — fluent at work"),
    "C1": _l("C1 — very good"),
}

SHIFTS = {
    "day": _l("Day"),
    "evening": _l("Evening"),
    "night": _l("Night"),
    "weekend": _l("Weekend"),
}

LICENCES = {
    "B": _l("B (car)"),
    "C": _l("C (truck)"),
    "CE": _l("CE (truck with trailer)"),
    "D": _l("D (bus)"),
    "AM": _l("AM (moped)"),
    "G": _l("G (tractor)"),
}

# The same list vacancies ask from (one list for both sides), keyed by code.
CERTIFICATES = {item.code: item.label for item in catalogues.CERTIFICATES}

# Matched against the employer's mentoring commitment.
SUPPORT_NEEDS = {
    "buddy": _l("A buddy at work"),
    "language_coach": _l("Language support at work"),
    "visual_instructions": _l("Instructions with pictures"),
    "same_language_colleague": _l("A colleague who speaks my language"),
    "trial_period": _l("A trial period first"),
    "onboarding_plan": _l("A clear plan for the first weeks"),
    "aftercare": _l("Aftercare with the mentor"),
}

TRANSPORT = {
    "walk": _l("On foot"),
    "bike": _l("Bicycle"),
    "public": _l("Bus, tram or train"),
    "moped": _l("Moped"),
    "car": _l("Car"),
    "lift": _l("Lift from someone"),
}

SKILL_LEVELS = {
    1: _l("Learning"),
    2: _l("Can do with help"),
    3: _l("Can do alone"),
}

RIGHT_TO_WORK = {
    "unlimited": _l("Unlimited"),
    "limited": _l("Limited (until a date)"),
    "pending": _l("Pending (waiting for a decision)"),
    "none": _l("None"),
}
# "pending" is no right to work (yet): such a participant is not matched.
RIGHT_TO_WORK_BLOCKING = {"none", "pending"}

PLACEMENT_KINDS = {"art60": _l("Art. 60§7"), "other": _l("Other placement")}

LANGUAGES = {
    "nl": _l("Dutch"),
    "fr": _l("French"),
    "en": _l("English"),
    "ar": _l("Arabic"),
    "prs": _l("Dari"),
    "ps": _l("Pashto"),
    "ti": _l("Tigrinya"),
    "so": _l("Somali"),
    "uk": _l("Ukrainian"),
    "ru": _l("Russian"),
    "tr": _l("Turkish"),
    "ku": _l("Kurdish"),
    "fa": _l("Persian"),
    "es": _l("Spanish"),
}

CASE_STATES = {
    "hired": _l("Hired"),
    "proposed": _l("Proposed for a vacancy"),
    "inactive": _l("Not active"),
    "incomplete": _l("Profile incomplete"),
    "not_endorsed": _l("Ready, not endorsed"),
    "endorsement_expired": _l("Endorsement expired"),
    "consent_missing": _l("Endorsed, consent missing"),
    "endorsed": _l("Endorsed, can be matched"),
    "in_aftercare": _l("In a job, aftercare running"),
    "left_job": _l("Left the job"),
}
CASE_TODOS = {
    "complete_profile": _l("Complete the profile"),
    "endorsement_expiring": _l("Endorsement expires soon"),
    "renew_endorsement": _l("Renew the endorsement"),
    "ask_consent": _l("Ask for consent to be matched"),
    "placement_ending": _l("Placement ends soon"),
    "right_to_work": _l("No valid right to work: not matched"),
    "right_to_work_expiring": _l("Right to work expires soon"),
    "checkin_due": _l("Check-in due"),
    "reopen": _l("Left the job: reopen the profile for new matches"),
}
