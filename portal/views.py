"""Portal pages. Each view parses the request, calls one lifecycle function and renders."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from portal import blueprint
from portal.forms import ComplaintForm, StageTwoRequestForm
from shared import clock, notifications, queries
from shared.calendar_store import council_calendar
from shared.form_errors import apply_domain_error
from shared.lifecycle import (
    Actor,
    DomainError,
    Move,
    find_tracked_complaint,
    moves_available,
    request_stage_two,
    submit_complaint,
    why_not,
)


@blueprint.get("/")
def start():
    return render_template("portal/start.html")


@blueprint.route("/complaint", methods=["GET", "POST"])
def make_complaint():
    form = ComplaintForm()
    form.set_service_areas(queries.active_service_areas())
    domain_error = None
    if form.validate_on_submit():
        try:
            submitted = submit_complaint(
                Actor.resident(),
                complainant_name=form.complainant_name.data,
                contact_email=form.contact_email.data,
                service_area_code=form.service_area_code.data,
                description=form.description.data,
                outcome_sought=form.outcome_sought.data,
                locale=str(get_locale()),
            )
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            session["submitted"] = {
                "reference": submitted.complaint.reference,
                "secret": submitted.tracking_secret,
            }
            return redirect(url_for("portal.complaint_sent"))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "portal/complaint_form.html", form=form, domain_error=domain_error
    ), status


@blueprint.get("/complaint/sent")
def complaint_sent():
    submitted = session.get("submitted")
    if not submitted:
        return redirect(url_for("portal.start"))
    tracking_url = url_for(
        "portal.track", reference=submitted["reference"], secret=submitted["secret"], _external=True
    )
    return render_template(
        "portal/complaint_sent.html", reference=submitted["reference"], tracking_url=tracking_url
    )


def _tracked_or_404(reference: str, secret: str):
    complaint = find_tracked_complaint(reference, secret)
    if complaint is None:
        abort(404)
    return complaint


@blueprint.get("/track/<reference>/<secret>")
def track(reference: str, secret: str):
    complaint = _tracked_or_404(reference, secret)
    calendar = council_calendar()
    today = clock.today()
    response = current_app.make_response(
        render_template(
            "portal/track.html",
            complaint=complaint,
            secret=secret,
            can_ask_for_stage_2=Move.REQUEST_STAGE_2
            in moves_available(complaint, Actor.resident()),
            ombudsman=notifications.ombudsman_for(complaint),
            today=today,
            calendar=calendar,
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
