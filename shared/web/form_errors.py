"""Showing a lifecycle error on the form that caused it, keeping everything entered."""

from __future__ import annotations

from shared.errors import DomainError


def apply_domain_error(form, error: DomainError):
    """Put each message next to its field; return the message to show above the form, if any."""
    unplaced = not error.field_errors
    for field_name, message in error.field_errors.items():
        field = getattr(form, field_name, None)
        if field is None:
            unplaced = True
        else:
            field.errors = [message]
    return error.message if unplaced else None
