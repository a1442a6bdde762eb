"""Forms of the notifications page (only buttons: mark read)."""
