"""Languages the service speaks, and how a request picks one."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel import Locale
from flask import current_app, has_request_context, request, session

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "translations"
DEFAULT_LOCALE = "en"


@cache
def available_locales() -> tuple[str, ...]:
    """English plus every language that has a catalogue in translations/."""
    shipped = (
        sorted(
            p.name
            for p in TRANSLATIONS_DIR.iterdir()
            if (p / "LC_MESSAGES" / "messages.po").exists()
        )
        if TRANSLATIONS_DIR.exists()
        else []
    )
    return (DEFAULT_LOCALE, *[code for code in shipped if code != DEFAULT_LOCALE])


@cache
def text_direction(locale_code: str) -> str:
    """'rtl' for right-to-left scripts (Urdu, Arabic...), else 'ltr'."""
    return "rtl" if Locale.parse(locale_code).character_order == "right-to-left" else "ltr"


def language_name(locale_code: str) -> str:
    """A language's name in that language, as a language switcher shows it."""
    return Locale.parse(locale_code).get_display_name(locale_code) or locale_code


def select_locale() -> str:
    """A language chosen on the page wins, then the browser's preference, then English."""
    if not has_request_context():  # commands and background work speak English
        return DEFAULT_LOCALE
    locales = current_app.config.get("LANGUAGES") or available_locales()
    chosen = request.args.get("lang")
    if chosen in locales:
        session["lang"] = chosen
        return chosen
    if session.get("lang") in locales:
        return session["lang"]
    return request.accept_languages.best_match(locales) or DEFAULT_LOCALE


# -- WTForms' own messages -------------------------------------------------------------------


@cache
def _wtforms_catalogue(locale_code: str):
    from babel.support import Translations
    from wtforms.i18n import messages_path

    return Translations.load(messages_path(), [locale_code], domain="wtforms")


class WTFormsMessages:
    """WTForms' built-in messages in the request's language, each catalogue read once per
    process: flask-wtf reads it from disk again for every request that builds a form."""

    def ugettext(self, string: str) -> str:
        from flask_babel import get_locale

        return _wtforms_catalogue(str(get_locale() or DEFAULT_LOCALE)).ugettext(string)

    def ungettext(self, singular: str, plural: str, n: int) -> str:
        from flask_babel import get_locale

        catalogue = _wtforms_catalogue(str(get_locale() or DEFAULT_LOCALE))
        return catalogue.ungettext(singular, plural, n)


WTFORMS_MESSAGES = WTFormsMessages()


def share_wtforms_messages() -> None:
    """Before each request: where flask-wtf looks for the request's WTForms catalogue."""
    request.wtforms_translations = WTFORMS_MESSAGES
