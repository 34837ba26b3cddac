"""Reports the council publishes, counted from the record (issue 9)."""

from shared.reports.annual import COUNTING_RULES, SCOPES, annual_report

__all__ = ["COUNTING_RULES", "SCOPES", "annual_report"]
