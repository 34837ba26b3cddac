"""Error pages in the council's layout and the reader's language, not Werkzeug's English."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from shared.db import db

PAGES = {
    400: (_l("There is a problem with that request"), _l("Go back and try again.")),
    403: (_l("You cannot see this page"), _l("You do not have permission to see this page.")),
    404: (
        _l("Page not found"),
        _l(
            "If you typed the web address, check it is correct. If you followed a link to "
            "follow your complaint, use the latest link we sent you."
        ),
    ),
    405: (_l("There is a problem with that request"), _l("Go back and try again.")),
    413: (_l("That was too large to send"), _l("Go back and send less.")),
    500: (
        _l("Sorry, there is a problem with the service"),
        _l("Try again later. Nothing you sent was saved unless you saw a confirmation."),
    ),
}


def render_error_page(status: int, heading=None, message=None):
    """A page in the council's layout saying what went wrong, with this status."""
    default_heading, default_message = PAGES.get(status, PAGES[400 if status < 500 else 500])
    return (
        render_template(
            "error.html",
            heading=heading or default_heading,
            message=message or default_message,
        ),
        status,
    )


def setup_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def session_expired(error):
        return render_error_page(
            400,
            _l("Your session has expired"),
            _l(
                "For your security, forms expire if they are left open. Go back, reload the "
                "page and send it again."
            ),
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        return render_error_page(error.code)

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return render_error_page(500)
