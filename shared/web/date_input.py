"""A date asked for as three boxes, the GOV.UK date input pattern, keeping what was typed.

The boxes post as ``NAME-day``, ``NAME-month`` and ``NAME-year``. The field only collects
them: whether they make a date, and the message when they do not, is the domain's rule,
whose error names the boxes at fault so that only those are highlighted and the error
summary links to the first of them.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext
from markupsafe import Markup
from wtforms import Field
from wtforms.utils import unset_value

PARTS = ("day", "month", "year")


class GovDateParts:
    """Renders a DatePartsField with govukDateInput, its labels in the reader's language."""

    def __call__(self, field, params: dict | None = None, **kwargs) -> Markup:
        widths = {"day": 2, "month": 2, "year": 4}
        labels = {"day": gettext("Day"), "month": gettext("Month"), "year": gettext("Year")}
        items = [
            {
                "name": part,
                "id": f"{field.name}-{part}",
                "label": labels[part],
                "value": field.parts[part],
                "classes": f"govuk-input--width-{widths[part]}"
                + (" govuk-input--error" if part in field.wrong_parts else ""),
            }
            for part in PARTS
        ]
        gov_params = {
            "id": field.name,
            "namePrefix": field.name,
            "fieldset": {"legend": {"text": field.label.text}},
            "hint": {"text": field.description} if field.description else None,
            "items": items,
        }
        if field.errors:
            gov_params["errorMessage"] = {
                "text": field.errors[0],
                "visuallyHiddenText": gettext("Error"),
            }
        gov_params.update(params or {})
        return Markup(render_template("govuk_frontend_wtf/date.html", params=gov_params))


class DatePartsField(Field):
    """Day, month and year exactly as typed (``parts``); ``refuse`` records the domain's
    message and the boxes it names."""

    widget = GovDateParts()

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors = []
        self.wrong_parts: tuple[str, ...] = ()
        self.parts = {part: "" for part in PARTS}
        self.data = None
        self.raw_data = None
        names = [f"{self.name}-{part}" for part in PARTS]
        # Sent with the form, empty or not; an address with only other parameters (a
        # language chosen) has not asked the question yet.
        if formdata is not None and any(name in formdata for name in names):
            self.parts = {
                part: formdata.get(name, "") for part, name in zip(PARTS, names, strict=True)
            }
            self.raw_data = [self.parts[part] for part in PARTS]

    def was_given(self) -> bool:
        """Whether the form was sent with these boxes (empty or not)."""
        return self.raw_data is not None

    def refuse(self, message, parts) -> None:
        self.errors = [str(message)]
        self.wrong_parts = tuple(parts)
        # The error summary links to the first box at fault.
        self.id = f"{self.name}-{self.wrong_parts[0] if self.wrong_parts else PARTS[0]}"
