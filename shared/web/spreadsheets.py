"""CSV files staff open in a spreadsheet, made safe to open.

A cell that starts with = + - @ (or a tab or carriage return) is read by Excel, LibreOffice
and Google Sheets as a formula, which can run commands or send data away (CSV injection).
Every text cell that starts with one gets a leading apostrophe, which spreadsheets show as
text; numbers and dates are written as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def csv_lines(header: Iterable[str], rows: Iterable[Iterable], batch: int = 500) -> Iterator[str]:
    """The file as text, a few hundred rows at a time, with a byte order mark first so
    Excel reads it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([spreadsheet_safe(str(cell)) for cell in header])
    for number, row in enumerate(rows, start=1):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
        if number % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
