"""WTForms validators that apply the domain's own rules, so each rule and its message is
written once (in the domain) and a form shows exactly what the domain would say."""

from __future__ import annotations

from collections.abc import Callable

from wtforms.validators import StopValidation

from shared.errors import InvalidInput
from shared.validation import control_character_message, has_control_characters


class DomainRule:
    """Run a domain rule (`value -> cleaned value`, raising InvalidInput) on the field."""

    def __init__(self, rule: Callable):
        self.rule = rule

    def __call__(self, form, field):
        try:
            self.rule(field.data)
        except InvalidInput as error:
            raise StopValidation(str(error.message)) from None


class NoControlCharacters:
    """For fields with no domain rule of their own (a password, an email to sign in with)."""

    def __call__(self, form, field):
        if isinstance(field.data, str) and has_control_characters(field.data):
            raise StopValidation(str(control_character_message()))
