"""Aftercare check-ins after a hire: the schedule, who follows which hire, what is recorded,
the reminders. The caseload's aftercare states are in `services.caseload`."""
