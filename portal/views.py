"""Portal pages. Each view parses the request, calls one domain function in one unit of
work, and renders."""

from __future__ import annotations

import re
from datetime import timedelta

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from portal import blueprint
from portal.forms import ComplimentForm, HearBackForm, StageTwoRequestForm
from shared import clock
from shared.cases import (
    Actor,
    DomainError,
    Move,
    complaint_from_submission,
    find_tracked_complaint,
    hear_back,
    issue_tracking_link,
    moves_available,
    request_stage_two,
    why_not,
)
from shared.cases.tracking import SECRET_PATTERN
from shared.compliments import record_compliment
from shared.db import unit_of_work
from shared.reference.calendar import council_calendar
from shared.reference.ombudsmen import ombudsman_for
from shared.reference.service_areas import active_service_areas, offered_service_areas
from shared.web import i18n
from shared.web.form_errors import apply_domain_error

# How long after sending a complaint its confirmation page can still be shown.
CONFIRMATION_WINDOW = timedelta(hours=1)


@blueprint.context_processor
def council_contact():
    """The council's contact details, from configuration, for the portal's pages."""
    config = current_app.config
    return {
        "contact": {
            "phone": config["COUNCIL_PHONE"],
            # Relay UK: a text phone user dials 18001 before the number.
            "relay_phone": f"18001 {config['COUNCIL_PHONE']}",
            "email": config["COUNCIL_EMAIL"],
            "postal_address": _address_lines(config["COUNCIL_POSTAL_ADDRESS"]),
            "visit_address": _address_lines(config["COUNCIL_VISIT_ADDRESS"]),
            "service_request_url": config["SERVICE_REQUEST_URL"],
            "data_protection_email": config["DATA_PROTECTION_EMAIL"],
        }
    }


def _address_lines(address: str) -> list[str]:
    return [line.strip() for line in address.split(",") if line.strip()]


@blueprint.get("/")
def start():
    policies = hear_back.policies_for(offered_service_areas())
    example = hear_back.dates_owed(clock.today(), policies, council_calendar())
    return render_template(
        "portal/start.html",
        promises=hear_back.start_page_promises(policies),
        example=hear_back.if_you_complain_today(example),
    )


@blueprint.get("/when-will-i-hear-back")
def when_will_i_hear_back():
    """A look-up: the dates the council owes for a complaint made on a given day."""
    service_areas = active_service_areas()
    form = HearBackForm(formdata=request.args if request.args else None)
    form.set_service_areas(service_areas)
    today = clock.today()
    form.complaint_date.description = _l(
        "For example, %(example)s", example=f"{today.day} {today.month} {today.year}"
    )
    owed = None
    chosen = None
    if form.complaint_date.was_given():
        choice_valid = form.validate()
        chosen = next((a for a in service_areas if a.code == form.service_area_code.data), None)
        try:
            owed = hear_back.when_will_i_hear_back(
                *(form.complaint_date.parts[part] for part in hear_back.PARTS),
                [chosen] if chosen else service_areas,
                today=today,
                calendar=council_calendar(),
            )
        except hear_back.InvalidDate as error:
            form.complaint_date.refuse(error.message, error.parts)
        if not choice_valid:
            owed = None
    status = 400 if form.errors else 200
    return render_template(
        "portal/when_will_i_hear_back.html",
        form=form,
        owed=owed,
        service_area=chosen,
        stage_one=hear_back.stage_one_sentences(owed) if owed else [],
        stage_two=hear_back.stage_two_sentences(owed.stage_two) if owed else [],
    ), status


@blueprint.route("/compliment", methods=["GET", "POST"])
def give_compliment():
    form = ComplimentForm()
    form.set_service_areas(active_service_areas())
    domain_error = None
    if form.validate_on_submit():
        try:
            with unit_of_work():
                record_compliment(
                    service_area_code=form.service_area_code.data,
                    what=form.what.data,
                    staff_named=form.staff_named.data,
                    contact_name=form.contact_name.data,
                    contact_email=form.contact_email.data,
                    language=str(get_locale()),
                )
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            session["compliment_sent"] = True
            return redirect(url_for("portal.compliment_sent"))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "portal/compliment_form.html", form=form, domain_error=domain_error
    ), status


@blueprint.get("/compliment/sent")
def compliment_sent():
    if not session.pop("compliment_sent", False):
        return redirect(url_for("portal.give_compliment"))
    return render_template("portal/compliment_sent.html")


# -- The pages every footer links to --------------------------------------------------------


@blueprint.get("/accessibility")
def accessibility_statement():
    return render_template(
        "portal/accessibility.html",
        service_url=current_app.config["PUBLIC_BASE_URL"],
        prepared_on=current_app.config["ACCESSIBILITY_STATEMENT_DATE"],
        english_only=len(current_app.config.get("LANGUAGES") or i18n.available_locales()) == 1,
    )


@blueprint.get("/privacy")
def privacy_notice():
    return render_template(
        "portal/privacy.html", retention_years=current_app.config["RECORDS_RETENTION_YEARS"]
    )


@blueprint.get("/cookies")
def cookies():
    return render_template(
        "portal/cookies.html",
        session_cookie=current_app.config.get("SESSION_COOKIE_NAME") or "session",
    )


@blueprint.get("/help")
def help_in_other_formats():
    return render_template("portal/help.html")


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
