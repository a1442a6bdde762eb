"""Forms of the employer pages."""
