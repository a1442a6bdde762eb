"""Vacancies and their mentoring commitment: the data and its rules, the lifecycle of
writes, and the reads for the browse pages."""
