"""Languages the service speaks, and how a request picks one."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from babel import Locale
from flask import current_app, has_request_context, request, session

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "translations"
DEFAULT_LOCALE = "en"


@cache
def available_locales() -> tuple[str, ...]:
    """English plus every language with a compiled catalogue in translations/."""
    shipped = (
        sorted(
            p.name
            for p in TRANSLATIONS_DIR.iterdir()
            if (p / "LC_MESSAGES" / "messages.po").exists()
            and (p / "LC_MESSAGES" / "messages.mo").exists()
        )
        if TRANSLATIONS_DIR.exists()
        else []
    )
    # Welsh, where shipped, comes next to English (as Welsh public bodies show it).
    others = sorted(
        (code for code in shipped if code != DEFAULT_LOCALE), key=lambda c: (c != "cy", c)
    )
    return (DEFAULT_LOCALE, *others)


@cache
def text_direction(locale_code: str) -> str:
    """'rtl' for right-to-left scripts (Urdu, Arabic...), else 'ltr'."""
    return "rtl" if Locale.parse(locale_code).character_order == "right-to-left" else "ltr"


def language_name(locale_code: str) -> str:
    """A language's name in that language, as a language switcher shows it."""
    name = Locale.parse(locale_code).get_display_name(locale_code) or locale_code
    return name[:1].upper() + name[1:]  # "Polski", as a list of languages writes it


def offered_locales() -> tuple[str, ...]:
    """The languages this app offers: those with a catalogue, unless configured otherwise."""
    return tuple(current_app.config.get("LANGUAGES") or available_locales())


def url_in(locale_code: str) -> str:
    """This page in another language: the same query with `lang` set, as a link relative to
    the page, so the browser keeps the path. The path is never written into the page: on a
    "not found" page it may hold a reference or a tracking secret someone typed."""
    query = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    query.append(("lang", locale_code))
    return f"?{urlencode(query)}"


def language_links(current: str) -> list[dict]:
    """What the language switcher shows: each offered language in its own name, with a link
    to this page in it; the current one is marked rather than linked."""
    return [
        {
            "code": code,
            "name": language_name(code),
            "dir": text_direction(code),
            "url": url_in(code),
            "current": code == current,
        }
        for code in offered_locales()
    ]


def select_locale() -> str:
    """A language chosen on the page wins, then the browser's preference, then English."""
    if not has_request_context():  # commands and background work speak English
        return DEFAULT_LOCALE
    locales = offered_locales()
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
