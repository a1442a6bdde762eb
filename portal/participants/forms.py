"""Forms of the participant pages."""
