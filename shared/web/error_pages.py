"""Error pages in the council's layout and the reader's language, not Werkzeug's English."""

from __future__ import annotations

import math

from flask import Flask, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, TooManyRequests

from shared.db import db
from shared.web.rate_limits import client_address, seconds_until_allowed

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
    413: (
        _l("That was too large to send"),
        _l(
            "You can send up to 5 files at a time, each smaller than 10 MB. Go back and "
            "choose fewer or smaller files."
        ),
    ),
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


def wait_in_words(seconds: int) -> str:
    """When to try again, rounded up: "Try again in 15 minutes.", "Try again in 2 hours."."""
    minutes = max(1, math.ceil(seconds / 60))
    if minutes < 60:
        return ngettext("Try again in %(num)d minute.", "Try again in %(num)d minutes.", minutes)
    hours = math.ceil(minutes / 60)
    return ngettext("Try again in %(num)d hour.", "Try again in %(num)d hours.", hours)


def render_too_many_attempts(error: TooManyRequests):
    """A 429 page that says when to try again, in words and in a Retry-After header."""
    seconds = seconds_until_allowed()
    if seconds is None and isinstance(error.retry_after, int):
        seconds = error.retry_after
    current_app.logger.warning("too many attempts: %s from %s", request.endpoint, client_address())
    response = current_app.make_response(
        (
            render_template(
                "too_many_attempts.html",
                wait=wait_in_words(seconds) if seconds else None,
                back_office=request.blueprint == "backoffice",
            ),
            429,
        )
    )
    if seconds:
        response.headers["Retry-After"] = str(seconds)
    response.headers["Cache-Control"] = "no-store"
    return response


def setup_error_pages(app: Flask) -> None:
    # flask-limiter's refusal is a TooManyRequests; Flask prefers this more specific handler.
    app.register_error_handler(TooManyRequests, render_too_many_attempts)

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
