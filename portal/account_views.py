"""Following complaints: a resident or representative asks for a one-time sign-in link by
reference and email address, signs in with it, and sees and acts on every complaint where
that address is the complainant's or the representative's.

The signed-in session is the portal's own, apart from staff sessions: the cookie holds a
random token whose hash is the server's record, so signing out or staying idle ends it
everywhere. Every account page is private (never cached) and each complaint is found
through the signed-in address, so a reference alone opens nothing.
"""

from __future__ import annotations

import re
import time
from functools import wraps

from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from portal import blueprint
from portal.account_forms import (
    AccountStageTwoForm,
    FollowForm,
    PrivatePageForm,
    SignInForm,
    SignOutForm,
    WithdrawForm,
)
from shared.accounts import (
    complaint_followed_by,
    complaints_followed_by,
    end_session,
    notices_sent,
    request_sign_in_link,
    sign_in_with_link,
    signed_in_email,
    timeline,
)
from shared.accounts.following import acts_for, why_a_follower_cannot
from shared.accounts.sign_in import link_is_usable
from shared.cases import (
    Actor,
    CaseChanged,
    DomainError,
    Move,
    issue_tracking_link,
    moves_available,
    request_stage_two,
    withdraw,
)
from shared.cases.models import Channel
from shared.cases.tracking import SECRET_PATTERN
from shared.cases.wording import may_go_to_the_ombudsman
from shared.db import unit_of_work
from shared.reference.ombudsmen import ombudsman_for
from shared.web.form_errors import apply_domain_error

# The session key holding the account session's token (never a staff session's).
ACCOUNT_SESSION = "account_session"
# Where the "check your email" page finds the address it was asked to write to.
LINK_SENT_TO = "account_link_sent_to"
# However quickly the details are checked, the answer takes at least this long, so that a
# match (which queues an email) and a miss take about the same time.
ANSWER_SECONDS = 0.4

CHANGED_MEANWHILE = _l(
    "This complaint changed while you were looking at it. Here it is now: check it before "
    "you try again."
)


def _private(body, status: int = 200):
    """A page only for this person: never kept by shared caches or the back-forward cache."""
    response = current_app.make_response((body, status))
    response.headers["Cache-Control"] = "no-store"
    return response


def _even_out(started: float) -> None:
    wait = current_app.config.get("ACCOUNT_LINK_ANSWER_SECONDS", ANSWER_SECONDS)
    remaining = started + wait - time.monotonic()
    if remaining > 0:
        time.sleep(remaining)


def _current_email() -> str | None:
    token = session.get(ACCOUNT_SESSION)
    if not token:
        return None
    with unit_of_work():
        email = signed_in_email(token, idle_minutes=current_app.config["ACCOUNT_IDLE_MINUTES"])
    if email is None:
        session.pop(ACCOUNT_SESSION, None)
    return email


def account_required(view):
    """The page needs a live account session; without one, back to the start with why."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        had_session = bool(session.get(ACCOUNT_SESSION))
        email = _current_email()
        if email is None:
            if had_session:
                flash(
                    _l(
                        "You were signed out, because you had not used the page for a while "
                        "or you signed out. Ask for a new link to sign in again."
                    ),
                    "info",
                )
            return redirect(url_for("portal.account_start"))
        g.account_email = email
        return view(*args, **kwargs)

    return wrapped


def _followed_or_404(reference: str):
    complaint = complaint_followed_by(g.account_email, reference)
    if complaint is None:
        abort(404)
    return complaint


# -- Asking for a link ----------------------------------------------------------------------


@blueprint.route("/account", methods=["GET", "POST"])
def account_start():
    if request.method == "GET" and session.get(ACCOUNT_SESSION) and _current_email():
        return redirect(url_for("portal.account_complaints"))
    form = FollowForm()
    if form.validate_on_submit():
        started = time.monotonic()
        with unit_of_work():
            request_sign_in_link(
                form.reference.data,
                form.email.data,
                language=str(get_locale()),
                minutes=current_app.config["ACCOUNT_LINK_MINUTES"],
            )
        _even_out(started)
        session[LINK_SENT_TO] = form.email.data.strip()
        return redirect(url_for("portal.account_check_email"))
    status = 400 if request.method == "POST" else 200
    return render_template("portal/account/start.html", form=form), status


@blueprint.get("/account/check-your-email")
def account_check_email():
    email = session.pop(LINK_SENT_TO, None)
    if not email:
        return redirect(url_for("portal.account_start"))
    return _private(
        render_template(
            "portal/account/check_email.html",
            email=email,
            minutes=current_app.config["ACCOUNT_LINK_MINUTES"],
        )
    )


# -- Signing in and out ---------------------------------------------------------------------


def _link_not_valid():
    return _private(render_template("portal/account/link_not_valid.html"), 404)


@blueprint.route("/account/sign-in/<secret>", methods=["GET", "POST"])
def account_sign_in(secret: str):
    """Opening the link only shows a button: a mail scanner that fetches every link in an
    email must not use the link up before the person clicks it."""
    if not re.fullmatch(SECRET_PATTERN, secret):
        return _link_not_valid()
    form = SignInForm()
    if request.method == "GET":
        if not link_is_usable(secret):
            return _link_not_valid()
        return _private(render_template("portal/account/sign_in.html", form=form, secret=secret))
    if not form.validate_on_submit():
        abort(400)
    with unit_of_work():
        token = sign_in_with_link(secret)
    if token is None:
        return _link_not_valid()
    # A new session: a token from before (another address's, say) is replaced, and the CSRF
    # token is renewed so no form drawn before signing in still works.
    session[ACCOUNT_SESSION] = token
    session.pop("csrf_token", None)
    g.pop("csrf_token", None)
    return redirect(url_for("portal.account_complaints"))


@blueprint.post("/account/sign-out")
def account_sign_out():
    form = SignOutForm()
    if not form.validate_on_submit():
        abort(400)
    with unit_of_work():
        end_session(session.pop(ACCOUNT_SESSION, None))
    return redirect(url_for("portal.account_signed_out"))


@blueprint.get("/account/signed-out")
def account_signed_out():
    return render_template("portal/account/signed_out.html")


# -- Signed in ------------------------------------------------------------------------------


@blueprint.get("/account/complaints")
@account_required
def account_complaints():
    return _private(
        render_template(
            "portal/account/complaints.html",
            email=g.account_email,
            complaints=complaints_followed_by(g.account_email),
            acts_for=acts_for,
        )
    )


@blueprint.get("/account/complaints/<reference>")
@account_required
def account_complaint(reference: str):
    complaint = _followed_or_404(reference)
    available = moves_available(complaint, Actor.resident())
    return _private(
        render_template(
            "portal/account/complaint.html",
            email=g.account_email,
            complaint=complaint,
            acts_for=acts_for(complaint, g.account_email),
            events=timeline(complaint),
            notices=notices_sent(complaint, g.account_email),
            can_withdraw=Move.WITHDRAW in available,
            can_ask_for_stage_2=Move.REQUEST_STAGE_2 in available,
            ombudsman=ombudsman_for(complaint.is_housing_landlord)
            if may_go_to_the_ombudsman(complaint)
            else None,
        )
    )


@blueprint.post("/account/complaints/<reference>/private-page")
@account_required
def account_private_page(reference: str):
    """The complaint's private tracking page, where more can be done (adding information,
    for one): a fresh private link, as a notice would carry, opened at once."""
    complaint = _followed_or_404(reference)
    if not PrivatePageForm().validate_on_submit():
        abort(400)
    with unit_of_work():
        secret = issue_tracking_link(complaint)
    return redirect(url_for("portal.track", reference=complaint.reference, secret=secret))


def _act(move: Move, form, make, template: str, reference: str, done_message):
    """The page of one action on a followed complaint: say at once when it cannot be done,
    otherwise make the move and go back to the complaint with a confirmation."""
    complaint = _followed_or_404(reference)
    if request.method == "GET":
        form.version.data = str(complaint.version)
    domain_error = None
    unavailable = why_a_follower_cannot(complaint, move)
    if request.method == "POST" and unavailable is None and form.validate_on_submit():
        try:
            with unit_of_work():
                make(complaint, form)
        except CaseChanged:
            flash(CHANGED_MEANWHILE, "info")
            return redirect(url_for("portal.account_complaint", reference=complaint.reference))
        except DomainError as error:
            complaint = _followed_or_404(reference)
            unavailable = why_a_follower_cannot(complaint, move)
            if unavailable is None:
                domain_error = apply_domain_error(form, error)
        else:
            flash(done_message, "success")
            return redirect(url_for("portal.account_complaint", reference=complaint.reference))
    status = 400 if request.method == "POST" else 200
    return _private(
        render_template(
            template,
            complaint=complaint,
            form=form,
            unavailable=unavailable,
            domain_error=domain_error,
            email=g.account_email,
        ),
        status,
    )


@blueprint.route("/account/complaints/<reference>/withdraw", methods=["GET", "POST"])
@account_required
def account_withdraw(reference: str):
    def make(complaint, form):
        withdraw(
            Actor.resident(),
            complaint,
            reason=form.reason.data,
            how=Channel.ONLINE,
            expected_version=form.expected_version(),
        )

    return _act(
        Move.WITHDRAW,
        WithdrawForm(),
        make,
        "portal/account/withdraw.html",
        reference,
        _l("Your complaint has been withdrawn."),
    )


@blueprint.route("/account/complaints/<reference>/stage-2", methods=["GET", "POST"])
@account_required
def account_stage_two(reference: str):
    def make(complaint, form):
        request_stage_two(
            Actor.resident(),
            complaint,
            reason=form.reason.data,
            expected_version=form.expected_version(),
        )

    return _act(
        Move.REQUEST_STAGE_2,
        AccountStageTwoForm(),
        make,
        "portal/account/stage_two.html",
        reference,
        _l("We have received your request for a stage 2 review."),
    )
