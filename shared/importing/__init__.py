"""Bringing a council's history in from another system (issue 9)."""

from shared.importing.complaints_csv import (
    COLUMNS,
    ImportResult,
    RowProblem,
    import_complaints,
    import_records,
    read_rows,
)

__all__ = [
    "COLUMNS",
    "ImportResult",
    "RowProblem",
    "import_complaints",
    "import_records",
    "read_rows",
]
