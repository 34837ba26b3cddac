"""GOV.UK form widgets whose built-in English is translated, and rendered once.

govuk-frontend-wtf renders error messages with a visually hidden "Error:" prefix in
English; these subclasses pass the prefix through Babel.

Rendering a GOV.UK macro field by field is most of a form page's cost, and a blank field's
HTML is the same for every visitor: a pure function of the macro's parameters (label, hint,
choices, attributes, in the visitor's language). Each worker keeps the HTML of a field that
holds no answer and no error, keyed by those parameters, and renders it again only when
they change (another language, a service area renamed). A field showing what someone typed
or an error is rendered every time and never kept.
"""

from __future__ import annotations

from flask_babel import get_locale, gettext
from flask_babel.speaklater import LazyString
from govuk_frontend_wtf import wtforms_widgets as gov
from markupsafe import Markup

# Rendered fields kept per worker; emptied when full (a few forms times a few languages
# fill a fraction of it).
MAX_RENDERED = 2048
_rendered: dict[tuple, Markup] = {}


# Values whose repr() tells them apart completely: text (Markup's repr differs from plain
# text's), flask-babel's lazy text (its repr is its text in the current language), numbers,
# flags and None; in dicts, lists and tuples.
_PLAIN = (str, bool, int, float, type(None), LazyString)


def _key(params: dict) -> str | None:
    """A key that only the same parameters give, or None for a value of another kind."""
    stack = [params]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is dict:
            stack.extend(value.values())
        elif kind is list or kind is tuple:
            stack.extend(value)
        elif not isinstance(value, _PLAIN):
            return None
    return repr(params)


def _holds_answer(params: dict) -> bool:
    if params.get("errorMessage") or params.get("value") not in (None, "", False):
        return True
    return any(
        isinstance(item, dict) and (item.get("selected") or item.get("checked"))
        for item in params.get("items") or ()
    )


class RenderedOnce:
    # A submit button's value is WTForms' constant, never an answer.
    value_is_an_answer = True

    def render(self, params):
        if self.value_is_an_answer and _holds_answer(params):
            return super().render(params)
        key = _key(params)
        if key is None:
            return super().render(params)
        key = (self.template, str(get_locale()), key)
        html = _rendered.get(key)
        if html is None:
            html = super().render(params)
            if len(_rendered) >= MAX_RENDERED:
                _rendered.clear()
            _rendered[key] = html
        return html


class TranslatedErrorPrefix:
    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        if field.errors:
            params["errorMessage"] = {
                "text": field.errors[0],
                "visuallyHiddenText": gettext("Error"),
            }
        return params


class GovTextInput(RenderedOnce, TranslatedErrorPrefix, gov.GovTextInput):
    pass


class GovPasswordInput(RenderedOnce, TranslatedErrorPrefix, gov.GovPasswordInput):
    pass


class GovTextArea(RenderedOnce, TranslatedErrorPrefix, gov.GovTextArea):
    pass


class GovSelect(RenderedOnce, TranslatedErrorPrefix, gov.GovSelect):
    pass


class GovRadioInput(RenderedOnce, TranslatedErrorPrefix, gov.GovRadioInput):
    pass


class GovCheckboxesInput(RenderedOnce, TranslatedErrorPrefix, gov.GovCheckboxesInput):
    pass


class GovSubmitInput(RenderedOnce, gov.GovSubmitInput):
    value_is_an_answer = False


class GovDateInput(TranslatedErrorPrefix, gov.GovDateInput):
    """Day, month and year boxes whose labels (English in the library) are translated.
    Rendered every time: the answer is in its boxes' values."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        labels = [gettext("Day"), gettext("Month"), gettext("Year")]
        params["items"] = [
            {**item, "label": label} for item, label in zip(params["items"], labels, strict=True)
        ]
        return params
