"""Security steps of the app factory, and the staff session's life from sign-in to sign-out.

Revoking sessions (a session version checked as the user is loaded) is the domain's, in
shared.people.staff; what lives in the signed session cookie is decided here.
"""

from __future__ import annotations

import re
import secrets

from flask import Flask, current_app, g, request, send_from_directory, session
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user
from werkzeug.middleware.proxy_fix import ProxyFix

from shared import clock
from shared.db import db
from shared.web import log_redaction
from shared.web.config import logo_origin
from shared.web.error_pages import render_error_page

# When the member of staff signed in to this session last did something, in Unix seconds.
STAFF_SEEN_AT = "staff_seen_at"
# What a visitor chose before signing in that is theirs to keep; nothing else carries over.
KEPT_ACROSS_SIGN_IN = ("lang",)

# No web address has a control character in it; a %00 reaching the database is a 500 on
# PostgreSQL. Tab and newline too: they are fine in text a person writes, not in an address.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

ADDRESS_PROBLEM = _l("There is a problem with the web address")
ADDRESS_HAS_CONTROL_CHARACTERS = _l(
    "The web address has characters in it that cannot be used, such as invisible control "
    "codes. Check the address, or go back and follow the link again."
)


def setup_security(app: Flask, govuk_assets_dir) -> None:
    if app.config["BEHIND_PROXY"]:
        # Only behind a proxy that sets them: otherwise anyone could claim any address.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    log_redaction.install(app.logger)

    @app.before_request
    def make_csp_nonce():
        g.csp_nonce = secrets.token_urlsafe(16)

    # Before every other check (CSRF, signing in) and every view: nothing reads such an
    # address, and the error page needs only the nonce.
    app.before_request(refuse_control_characters_in_address)

    # The council's logo may live on its main website.
    logo = logo_origin(app.config["COUNCIL_LOGO_URL"])
    img_sources = f"'self' data: {logo}" if logo else "'self' data:"

    @app.after_request
    def security_headers(response):
        nonce = g.get("csp_nonce", "")
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; "
            f"script-src 'self' 'nonce-{nonce}'; "
            f"style-src 'self'; img-src {img_sources}; font-src 'self'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if app.config["SESSION_COOKIE_SECURE"]:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        return response

    @app.get("/health")
    def health():
        db.session.execute(db.text("SELECT 1"))
        return {"status": "ok"}

    # GOV.UK Frontend's compiled CSS refers to its fonts and images under /assets/.
    @app.get("/assets/<path:filename>")
    def govuk_assets(filename: str):
        return send_from_directory(govuk_assets_dir, filename, max_age=86400)


def _has_control_characters(text: str) -> bool:
    return bool(_CONTROL_CHARACTERS.search(text))


def refuse_control_characters_in_address():
    """A 400 page in the council's layout for an address with control characters in its path
    or query, before any view (or the database) sees them."""
    if _has_control_characters(request.path) or any(
        _has_control_characters(name) or _has_control_characters(value)
        for name, value in request.args.items(multi=True)
    ):
        return render_error_page(400, ADDRESS_PROBLEM, ADDRESS_HAS_CONTROL_CHARACTERS)
    return None


# --- The staff session ----------------------------------------------------------------------


def _fresh_session() -> None:
    """Empty the session but for what the visitor chose, and renew the CSRF token."""
    kept = {key: session[key] for key in KEPT_ACROSS_SIGN_IN if key in session}
    session.clear()
    session.update(kept)
    # flask-wtf keeps the request's signed token in g; the next form must use a new one.
    g.pop("csrf_token", None)


def start_staff_session(user) -> None:
    """Sign this person in on a new session: nothing from before signing in carries over
    (session fixation), the CSRF token is renewed, and the idle clock starts."""
    _fresh_session()
    login_user(user)
    note_staff_activity()


def end_staff_session() -> None:
    """Sign out of this session (revoking the others is the caller's choice)."""
    logout_user()
    _fresh_session()


def note_staff_activity() -> None:
    session[STAFF_SEEN_AT] = int(clock.now().timestamp())


def idle_message() -> str:
    """Why the person was signed out, in their language (told at once, so not lazy)."""
    minutes = current_app.config["STAFF_IDLE_MINUTES"]
    return ngettext(
        "You were signed out because you had not used the back office for %(num)d minute. "
        "Sign in again to carry on.",
        "You were signed out because you had not used the back office for %(num)d minutes. "
        "Sign in again to carry on.",
        minutes,
    )


def signed_out_for_inactivity() -> bool:
    """Sign out a member of staff idle for longer than STAFF_IDLE_MINUTES (True), or note
    that they are active now (False). A session that does not say when it was last used is
    treated as idle; one already revoked is left to the sign-in check."""
    if not current_user.is_authenticated:
        return False
    now = int(clock.now().timestamp())
    seen_at = session.get(STAFF_SEEN_AT)
    limit = current_app.config["STAFF_IDLE_MINUTES"] * 60
    if isinstance(seen_at, int) and now - seen_at <= limit:
        session[STAFF_SEEN_AT] = now
        return False
    end_staff_session()
    return True
