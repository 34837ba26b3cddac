"""Portal pages. Each view parses the request, calls one domain function in one unit of
work, and renders."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from portal import blueprint
from portal.forms import ComplaintForm, StageTwoRequestForm
from shared import clock
from shared.cases import (
    Actor,
    CaseChanged,
    DomainError,
    Move,
    NewComplainant,
    complaint_from_submission,
    find_tracked_complaint,
    issue_tracking_link,
    moves_available,
    request_stage_two,
    submit_complaint,
    why_not,
)
from shared.cases.tracking import SECRET_PATTERN
from shared.db import unit_of_work
from shared.reference.ombudsmen import ombudsman_for
from shared.reference.service_areas import offered_service_areas
from shared.web.form_errors import apply_domain_error

# How long after sending a complaint its confirmation page can still be shown.
CONFIRMATION_WINDOW = timedelta(hours=1)


@blueprint.get("/")
def start():
    return render_template("portal/start.html")


@blueprint.route("/complaint", methods=["GET", "POST"])
def make_complaint():
    form = ComplaintForm()
    form.set_service_areas(offered_service_areas())
    if not form.submission_token.data:
        form.submission_token.data = secrets.token_urlsafe(24)
    token = form.submission_token.data
    domain_error = None
    if request.method == "POST" and complaint_from_submission(token) is not None:
        # A double click, or a retry after a dropped connection: show the first one.
        return _show_confirmation(token)
    if form.validate_on_submit():
        try:
            with unit_of_work():
                submit_complaint(
                    Actor.resident(),
                    complainant=NewComplainant(
                        name=form.complainant_name.data,
                        email=form.contact_email.data,
                        preferred_language=str(get_locale()),
                    ),
                    service_area_codes=[form.service_area_code.data],
                    description=form.description.data,
                    outcome_sought=form.outcome_sought.data,
                    submission_token=token,
                )
        except CaseChanged:
            # The same form arrived twice at once and the other copy won.
            if complaint_from_submission(token) is None:
                raise
            return _show_confirmation(token)
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            return _show_confirmation(token)
    status = 400 if request.method == "POST" else 200
    return render_template(
        "portal/complaint_form.html", form=form, domain_error=domain_error
    ), status


def _show_confirmation(token: str):
    # The session holds only the form's one-time token, never a tracking secret.
    session["submission"] = token
    return redirect(url_for("portal.complaint_sent"))


@blueprint.get("/complaint/sent")
def complaint_sent():
    complaint = complaint_from_submission(session.get("submission"))
    if complaint is None or clock.now() - complaint.received_at > CONFIRMATION_WINDOW:
        session.pop("submission", None)
        return redirect(url_for("portal.start"))
    # A fresh link each time the page is shown: the council never stores one.
    with unit_of_work():
        secret = issue_tracking_link(complaint)
    tracking_url = url_for(
        "portal.track", reference=complaint.reference, secret=secret, _external=True
    )
    response = current_app.make_response(
        render_template(
            "portal/complaint_sent.html", complaint=complaint, tracking_url=tracking_url
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _tracked_or_404(reference: str, secret: str):
    if not re.fullmatch(SECRET_PATTERN, secret):
        abort(404)
    complaint = find_tracked_complaint(
        reference,
        secret,
        now=clock.now(),
        days_after_closing=current_app.config["TRACKING_LINK_DAYS_AFTER_CLOSING"],
    )
    if complaint is None:
        abort(404)
    return complaint


@blueprint.get("/track/<reference>/<secret>")
def track(reference: str, secret: str):
    complaint = _tracked_or_404(reference, secret)
    response = current_app.make_response(
        render_template(
            "portal/track.html",
            complaint=complaint,
            secret=secret,
            can_ask_for_stage_2=Move.REQUEST_STAGE_2
            in moves_available(complaint, Actor.resident()),
            ombudsman=ombudsman_for(complaint.is_housing_landlord),
        )
    )
    # A private page: never kept by shared caches or the browser's back-forward history.
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.route("/track/<reference>/<secret>/stage-2", methods=["GET", "POST"])
def ask_for_stage_two(reference: str, secret: str):
    complaint = _tracked_or_404(reference, secret)
    form = StageTwoRequestForm()
    domain_error = None
    # On the way in, say at once if a review cannot be asked for yet, rather than after typing.
    unavailable = (
        why_not(complaint, Move.REQUEST_STAGE_2, Actor.resident())
        if request.method == "GET"
        else None
    )
    if form.validate_on_submit():
        try:
            with unit_of_work():
                request_stage_two(Actor.resident(), complaint, reason=form.reason.data)
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            flash(_l("We have received your request for a stage 2 review."), "success")
            return redirect(url_for("portal.track", reference=complaint.reference, secret=secret))
    status = 400 if request.method == "POST" else 200
    response = current_app.make_response(
        (
            render_template(
                "portal/stage_two_request.html",
                complaint=complaint,
                unavailable=unavailable.message if unavailable else None,
                secret=secret,
                form=form,
                domain_error=domain_error,
            ),
            status,
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response
