"""Participants: profile, endorsement, consent, sign-in codes, access with an audit line for
every view, reassignment, export and erasure, one module per job. Their caseload state lives
in `services.caseload`, which combines these facts with proposals and aftercare."""
