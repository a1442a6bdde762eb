"""CSV a spreadsheet will not run: a text cell that starts with = + - @ tab or CR is read as
a formula by Excel and LibreOffice (CSV injection), so it gets a leading apostrophe."""

import csv

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


class SafeWriter:
    """csv.writer whose every row goes through cell()."""

    def __init__(self, out):
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, values) -> None:
        self._writer.writerow([cell(v) for v in values])
