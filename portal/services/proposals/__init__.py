"""Proposals: the stages, access and visibility, the hard filters before proposing, the
workflow of steps, the notifications, the read models and the candidate view."""
