"""Back-office pages. Each view parses the request, calls one domain function in one unit
of work, and renders."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    stream_with_context,
    url_for,
)
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from backoffice import blueprint
from backoffice.forms import CloseForm, DecisionForm, DefinitionForm, QueueFilterForm, SignInForm
from shared import clock
from shared.cases import (
    Actor,
    CaseChanged,
    DomainError,
    Move,
    acknowledge,
    acknowledge_stage_two,
    close,
    moves_available,
    queries,
    respond,
    respond_stage_two,
    work_queue,
)
from shared.cases.wording import status_label
from shared.db import unit_of_work
from shared.people import staff
from shared.reference.calendar import council_calendar
from shared.reference.service_areas import active_service_areas
from shared.web import security
from shared.web.form_errors import apply_domain_error
from shared.web.spreadsheets import csv_lines

PUBLIC_ENDPOINTS = {"backoffice.sign_in"}
# Signing out after a long pause must still end every other session of that person.
IDLE_CHECK_EXEMPT = {"backoffice.sign_out"}


@blueprint.before_request
def require_staff():
    """Every back-office page needs a signed-in member of staff who has not been idle too
    long, except signing in."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if request.endpoint not in IDLE_CHECK_EXEMPT and security.signed_out_for_inactivity():
        flash(security.idle_message(), "info")
        # Back to the page asked for after signing in again; a form sent is not resent.
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("backoffice.sign_in", next=target))
    return login_required(lambda: None)()


@blueprint.after_request
def no_store(response):
    # Case pages hold personal data: keep them out of caches.
    response.headers["Cache-Control"] = "no-store"
    return response


def _actor() -> Actor:
    return Actor.staff(current_user._get_current_object())


def _complaint_or_404(reference: str):
    complaint = queries.complaint_by_reference(reference)
    if complaint is None:
        abort(404)
    return complaint


def _back_office_path(target: str | None) -> str | None:
    """A `next` address that stays inside the back office, or None (no open redirects)."""
    if not target or "\\" in target or any(ord(c) < 32 for c in target):
        return None
    parts = urlsplit(target)
    home = url_for("backoffice.queue")
    if parts.scheme or parts.netloc or not parts.path.startswith(home):
        return None
    return target


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("backoffice.queue"))
    if request.method == "GET" and "next" in request.args:
        # The form posts to a plain URL, so remember where the visitor was going.
        session["sign_in_next"] = _back_office_path(request.args["next"])
    form = SignInForm()
    if form.validate_on_submit():
        try:
            user = staff.authenticate(form.email.data, form.password.data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            target = _back_office_path(session.pop("sign_in_next", None))
            security.start_staff_session(user)
            return redirect(target or url_for("backoffice.queue"))
    status = 400 if request.method == "POST" else 200
    return render_template("backoffice/sign_in.html", form=form), status


@blueprint.post("/sign-out")
def sign_out():
    with unit_of_work():
        staff.end_all_sessions(current_user._get_current_object())
    security.end_staff_session()
    flash(_l("You have signed out."), "success")
    return redirect(url_for("backoffice.sign_in"))


def _queue_filter_form() -> QueueFilterForm:
    form = QueueFilterForm(request.args).with_service_areas(active_service_areas())
    form.validate()
    return form


@blueprint.get("/")
def queue():
    form = _queue_filter_form()
    page = work_queue.open_complaints(
        form.filters(),
        after=work_queue.QueueKey.parse(request.args.get("after")),
        before=work_queue.QueueKey.parse(request.args.get("before")),
    )
    status = 400 if form.errors else 200
    return render_template("backoffice/queue.html", form=form, page=page), status


@blueprint.get("/open-complaints.csv")
def queue_export():
    """The filtered queue as a spreadsheet, every matching complaint, in the queue's order."""
    form = _queue_filter_form()
    header = [
        gettext("Reference"),
        gettext("Resident"),
        gettext("Email"),
        gettext("Postcode"),
        gettext("Service"),
        gettext("Status"),
        gettext("Stage"),
        gettext("Received"),
        gettext("Next deadline"),
        gettext("Working days left"),
    ]
    rows = (
        [
            row.reference,
            row.resident,
            row.email,
            row.postcode,
            row.service_area,
            status_label(row.status),
            row.stage,
            row.received_on.isoformat(),
            row.next_deadline.isoformat() if row.next_deadline else "",
            row.days_left,
        ]
        for row in work_queue.all_matching(form.filters())
    )
    filename = f"open-complaints-{clock.today().isoformat()}.csv"
    return Response(
        stream_with_context(csv_lines(header, rows)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@blueprint.get("/complaints/<reference>")
def case(reference: str):
    complaint = _complaint_or_404(reference)
    calendar = council_calendar()
    today = clock.today()
    days_left = (
        calendar.working_days_until(today, complaint.next_deadline)
        if complaint.next_deadline
        else None
    )
    return render_template(
        "backoffice/case.html",
        complaint=complaint,
        moves=moves_available(complaint, _actor()),
        events=queries.timeline(complaint),
        days_left=days_left,
        close_form=CloseForm().for_case(complaint),
        Move=Move,
    )


@blueprint.route("/complaints/<reference>/acknowledge", methods=["GET", "POST"])
def acknowledge_complaint(reference: str):
    complaint = _complaint_or_404(reference)
    form = DefinitionForm().for_case(complaint)
    domain_error = None
    move = acknowledge if complaint.current_stage == 1 else acknowledge_stage_two
    if request.method == "GET" and not form.points.data:
        form.points.data = complaint.description if complaint.current_stage == 1 else ""
    if form.validate_on_submit():
        try:
            with unit_of_work():
                move(
                    _actor(),
                    complaint,
                    definition_points=form.points.data,
                    outcomes_sought=form.outcomes_sought.data,
                    expected_version=form.expected_version,
                )
        except CaseChanged as error:
            return _changed_by_someone_else(complaint, error)
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            flash(
                _l("Complaint acknowledged. The resident has been sent the complaint definition."),
                "success",
            )
            return redirect(url_for("backoffice.case", reference=complaint.reference))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "backoffice/acknowledge.html", complaint=complaint, form=form, domain_error=domain_error
    ), status


@blueprint.route("/complaints/<reference>/respond", methods=["GET", "POST"])
def respond_to_complaint(reference: str):
    complaint = _complaint_or_404(reference)
    form = DecisionForm().for_case(complaint)
    domain_error = None
    move = respond if complaint.current_stage == 1 else respond_stage_two
    if form.validate_on_submit():
        try:
            with unit_of_work():
                move(
                    _actor(),
                    complaint,
                    outcome=form.outcome.data,
                    reasons=form.reasons.data,
                    expected_version=form.expected_version,
                )
        except CaseChanged as error:
            return _changed_by_someone_else(complaint, error)
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            flash(_l("Response sent to the resident."), "success")
            return redirect(url_for("backoffice.case", reference=complaint.reference))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "backoffice/respond.html", complaint=complaint, form=form, domain_error=domain_error
    ), status


@blueprint.post("/complaints/<reference>/close")
def close_complaint(reference: str):
    complaint = _complaint_or_404(reference)
    form = CloseForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        with unit_of_work():
            close(_actor(), complaint, expected_version=form.expected_version)
    except CaseChanged as error:
        return _changed_by_someone_else(complaint, error)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_l("Complaint closed."), "success")
    return redirect(url_for("backoffice.case", reference=complaint.reference))


def _changed_by_someone_else(complaint, error: CaseChanged):
    """Show the case as it is now, saying why the change was not made."""
    flash(error.message, "error")
    return redirect(url_for("backoffice.case", reference=complaint.reference), code=303)
