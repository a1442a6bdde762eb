"""Forms of the mentor pages."""
