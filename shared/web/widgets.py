"""GOV.UK form widgets whose built-in English is translated.

govuk-frontend-wtf renders error messages with a visually hidden "Error:" prefix in
English; these subclasses pass the prefix through Babel.
"""

from __future__ import annotations

from flask_babel import gettext
from govuk_frontend_wtf import wtforms_widgets as gov


class TranslatedErrorPrefix:
    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        if field.errors:
            params["errorMessage"] = {
                "text": field.errors[0],
                "visuallyHiddenText": gettext("Error"),
            }
        return params


class GovTextInput(TranslatedErrorPrefix, gov.GovTextInput):
    pass


class GovPasswordInput(TranslatedErrorPrefix, gov.GovPasswordInput):
    pass


class GovTextArea(TranslatedErrorPrefix, gov.GovTextArea):
    pass


class GovSelect(TranslatedErrorPrefix, gov.GovSelect):
    pass


class GovRadioInput(TranslatedErrorPrefix, gov.GovRadioInput):
    pass


class GovCheckboxesInput(TranslatedErrorPrefix, gov.GovCheckboxesInput):
    pass


class GovSubmitInput(gov.GovSubmitInput):
    pass


class GovDateInput(TranslatedErrorPrefix, gov.GovDateInput):
    """Day, month and year boxes whose labels (English in the library) are translated."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        labels = [gettext("Day"), gettext("Month"), gettext("Year")]
        params["items"] = [
            {**item, "label": label} for item, label in zip(params["items"], labels, strict=True)
        ]
        return params
