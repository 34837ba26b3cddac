"""Printed letters: every notice as an A4 PDF (WeasyPrint), with the council's name, logo
and address, the resident's address where a window envelope shows it, the date, the
reference and page numbers; the same wording as the email, in the resident's language and
direction, in large print (17 pt) when the resident asked for it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale, gettext
from markupsafe import Markup

from shared import clock
from shared.cases.wording import long_date
from shared.notices import formats
from shared.notices.backends import text_direction
from shared.notices.models import OutboxMessage
from shared.notices.render import RenderedNotice, render
from shared.people.models import ContactFormat

DEFAULT_LOGO = Path(__file__).parent / "static" / "letter-logo.svg"
# Noto's Naskh and Nastaliq faces (Debian's fonts-noto-core, installed by `make fonts`)
# cover Arabic and Urdu; DejaVu Sans is the fallback every Debian machine has.
LATIN_FONTS = '"Noto Sans", "DejaVu Sans", Arial, sans-serif'
FONTS = {
    "ar": '"Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif',
    # Naskh for Urdu too: Nastaliq's joined forms do not map back to text, so a PDF set
    # in it cannot be searched, copied or read aloud.
    "ur": '"Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif',
}


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def page_numbers_css() -> Markup:
    """'Page 1 of 2' as CSS content, in the language forced now, word order and all."""
    marker = "\x00"
    text = gettext("Page %(page)s of %(pages)s", page=marker + "P", pages=marker + "N")
    css = _css_string(text)
    css = css.replace(marker + "P", '" counter(page) "').replace(marker + "N", '" counter(pages) "')
    return Markup(css)


def _lines(text: str | None) -> list[str]:
    """An address a line at a time: its own lines, or its parts between commas when it
    was written on one line."""
    text = text or ""
    parts = text.splitlines() if "\n" in text else text.split(",")
    return [line.strip() for line in parts if line.strip()]


def recipient_address(message: OutboxMessage) -> list[str]:
    complaint = message.complaint
    if message.recipient_role == "representative" and complaint.representative is not None:
        return _lines(complaint.representative.address)
    person = complaint.complainant
    lines = _lines(person.address)
    if person.postcode and person.postcode not in lines:
        lines.append(person.postcode)
    return lines


def is_large_print(message: OutboxMessage) -> bool:
    return message.format == ContactFormat.LARGE_PRINT


def letter_html(
    message: OutboxMessage,
    rendered: RenderedNotice | None = None,
    on: date | None = None,
    large_print: bool | None = None,
) -> str:
    rendered = rendered or render(message)
    config = current_app.config
    logo = config.get("LETTER_LOGO_PATH") or DEFAULT_LOGO
    language = rendered.language
    with force_locale(language):
        return render_template(
            "letters/letter.html",
            language=language,
            direction=text_direction(language),
            fonts=Markup(FONTS.get(language, LATIN_FONTS)),
            large_print=is_large_print(message) if large_print is None else large_print,
            page_numbers=page_numbers_css(),
            subject=rendered.subject,
            body=formats.html_fragment(rendered.markup, direction=text_direction(language)),
            council_name=rendered.council_name,
            council_address=_lines(config.get("COUNCIL_POSTAL_ADDRESS")),
            council_phone=config.get("COUNCIL_PHONE", ""),
            council_email=config.get("COUNCIL_EMAIL", ""),
            logo_uri=Path(logo).resolve().as_uri(),
            recipient_name=message.recipient_name,
            recipient_address=recipient_address(message),
            letter_date=long_date(on or clock.today()),
            reference=message.complaint.reference,
        )


def letter_pdf(
    message: OutboxMessage,
    rendered: RenderedNotice | None = None,
    on: date | None = None,
    large_print: bool | None = None,
) -> bytes:
    """The letter as PDF bytes. Only local files are read: a letter never fetches from
    the network."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = letter_html(message, rendered, on, large_print)
    local_only = URLFetcher(allowed_protocols={"file"})
    return HTML(string=html, url_fetcher=local_only, base_url=str(DEFAULT_LOGO.parent)).write_pdf()
