"""Errors the domain raises; the edges turn them into a message in the user's language.

Every one means: a rule stopped the change and nothing was written.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l


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


class CaseChanged(DomainError):
    """Someone else changed the case after this request's page was drawn, or at the same time."""

    def __init__(self, message=None):
        super().__init__(
            message
            or _l(
                "This case was changed by someone else while you were working on it. "
                "Here is what it looks like now. Check it before you try again."
            )
        )
