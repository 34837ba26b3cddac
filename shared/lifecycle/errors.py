"""Errors the lifecycle raises; views turn them into a message in the user's language."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of complaint handling stopped the change; nothing was written."""

    def __init__(self, message, field_errors: dict[str, str] | None = None):
        super().__init__(str(message))
        self.message = message  # usually a lazy_gettext string, rendered in the reader's language
        self.field_errors = field_errors or {}


class IllegalMove(DomainError):
    """The complaint is not in a state where this can happen."""


class NotPermitted(DomainError):
    """This person may not make this change."""


class InvalidInput(DomainError):
    """What was given is incomplete or wrong."""
