"""Back-office pages. Each view parses the request, calls one domain function in one unit
of work, and renders."""

from __future__ import annotations

from inspect import isfunction
from urllib.parse import urlsplit

from flask import (
    Response,
    abort,
    current_app,
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
from flask_login import current_user

from backoffice import access, blueprint
from backoffice.access import any_staff, public, requires
from backoffice.forms import (
    AssignForm,
    CloseForm,
    DefinitionForm,
    DeterminationForm,
    ExtensionDecisionForm,
    ExtensionForm,
    InformationSentForm,
    NotAcceptForm,
    OmbudsmanEnquiryForm,
    OmbudsmanOrderForm,
    OrderDoneForm,
    QueueFilterForm,
    ReversalForm,
    ServiceRequestForm,
    SignInForm,
    WithdrawalForm,
)
from shared import clock, ombudsman
from shared.cases import (
    Actor,
    CaseChanged,
    DomainError,
    Move,
    NotPermitted,
    acknowledge,
    acknowledge_stage_two,
    assign,
    close,
    decide_extension,
    extend,
    moves_available,
    not_accept,
    queries,
    reverse_exclusion,
    treat_as_service_request,
    withdraw,
    work_queue,
)
from shared.cases.models import ExtensionStatus
from shared.cases.state_machine import has_declared_conflict
from shared.cases.wording import status_label
from shared.compliments import compliments_page
from shared.db import db, unit_of_work
from shared.notices.listing import notices_on_case
from shared.ombudsman import OmbudsmanCase, OmbudsmanOrder
from shared.people import staff
from shared.people.permissions import Permission
from shared.reference.calendar import council_calendar
from shared.reference.service_areas import active_service_areas
from shared.web import security
from shared.web.form_errors import apply_domain_error
from shared.web.spreadsheets import csv_lines

# Signing out after a long pause must still end every other session of that person.
IDLE_CHECK_EXEMPT = {"backoffice.sign_out"}


@blueprint.before_request
def require_staff():
    """Every back-office page needs a signed-in member of staff who has not been idle too
    long, except signing in, and whose role has what the page needs (`backoffice.access`):
    anyone else gets the 403 page."""
    view = current_app.view_functions.get(request.endpoint)
    if access.is_public(view):
        return None
    if request.endpoint not in IDLE_CHECK_EXEMPT and security.signed_out_for_inactivity():
        flash(security.idle_message(), "info")
        # Back to the page asked for after signing in again; a form sent is not resent.
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("backoffice.sign_in", next=target))
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if view is not None and not access.may_open(current_user, view):
        abort(403)
    return None


@blueprint.context_processor
def permissions_for_templates():
    return {
        "may": lambda *permissions: access.may(current_user, *permissions),
        "Permission": Permission,
        "back_office_home": lambda: access.home_url(current_user),
    }


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
    if not access.may_see_case(current_user, complaint):
        abort(403)
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
@public
def sign_in():
    if current_user.is_authenticated:
        return redirect(access.home_url(current_user))
    if request.method == "GET" and "next" in request.args:
        # The form posts to a plain URL, so remember where the visitor was going.
        session["sign_in_next"] = _back_office_path(request.args["next"])
    form = SignInForm()
    if form.validate_on_submit():
        # The attempt is audited whichever way it goes, so the refusal is not raised.
        with unit_of_work():
            attempt = staff.sign_in(
                form.email.data,
                form.password.data,
                from_address=request.remote_addr,
                at=clock.now(),
            )
        if attempt.error:
            apply_domain_error(form, attempt.error)
        else:
            target = _back_office_path(session.pop("sign_in_next", None))
            security.start_staff_session(attempt.user)
            return redirect(target or access.home_url(attempt.user))
    status = 400 if request.method == "POST" else 200
    return render_template("backoffice/sign_in.html", form=form), status


@blueprint.post("/sign-out")
@any_staff
def sign_out():
    with unit_of_work():
        staff.end_all_sessions(current_user._get_current_object())
    security.end_staff_session()
    flash(_l("You have signed out."), "success")
    return redirect(url_for("backoffice.sign_in"))


@blueprint.get("/compliments")
@requires(Permission.VIEW_COMPLIMENTS)
def compliments():
    try:
        found = compliments_page(_actor(), page=request.args.get("page", 1, type=int))
    except NotPermitted:
        abort(403)
    return render_template(
        "backoffice/compliments.html",
        compliments=found.compliments,
        total=found.total,
        page=found.page,
        per_page=50,
    )


def _queue_filter_form() -> QueueFilterForm:
    form = QueueFilterForm(request.args).with_service_areas(active_service_areas())
    form.validate()
    return form


@blueprint.get("/")
@requires(Permission.VIEW_COMPLAINTS)
def queue():
    form = _queue_filter_form()
    page = work_queue.open_complaints(
        access.queue_filters(current_user, form),
        after=work_queue.QueueKey.parse(request.args.get("after")),
        before=work_queue.QueueKey.parse(request.args.get("before")),
    )
    status = 400 if form.errors else 200
    return render_template("backoffice/queue.html", form=form, page=page), status


@blueprint.get("/open-complaints.csv")
@requires(Permission.VIEW_COMPLAINTS)
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
        for row in work_queue.all_matching(access.queue_filters(current_user, form))
    )
    filename = f"open-complaints-{clock.today().isoformat()}.csv"
    return Response(
        stream_with_context(csv_lines(header, rows)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@blueprint.get("/complaints/<reference>")
@requires(Permission.VIEW_COMPLAINTS)
def case(reference: str):
    complaint = _complaint_or_404(reference)
    calendar = council_calendar()
    today = clock.today()
    days_left = (
        calendar.working_days_until(today, complaint.next_deadline)
        if complaint.next_deadline
        else None
    )
    conflicted = has_declared_conflict(_actor(), complaint)
    return render_template(
        "backoffice/case.html",
        complaint=complaint,
        moves=moves_available(complaint, _actor(), conflicted=conflicted),
        conflicted=conflicted,
        events=queries.timeline(complaint),
        days_left=days_left,
        close_form=CloseForm().for_case(complaint),
        extension_decision_form=ExtensionDecisionForm().for_case(complaint),
        Move=Move,
        notices=notices_on_case(complaint),
    )


@blueprint.route("/complaints/<reference>/acknowledge", methods=["GET", "POST"])
@requires(Permission.ACKNOWLEDGE_STAGE_1, Permission.ACKNOWLEDGE_STAGE_2)
def acknowledge_complaint(reference: str):
    complaint = _complaint_or_404(reference)
    form = DefinitionForm().for_case(complaint).with_handlers(complaint)
    move = acknowledge if complaint.current_stage == 1 else acknowledge_stage_two
    if request.method == "GET" and not form.points.data:
        form.points.data = complaint.description if complaint.current_stage == 1 else ""

    def acknowledge_and_assign():
        # Two moves, one unit of work: both are kept or neither.
        move(
            _actor(),
            complaint,
            definition_points=form.points.data,
            outcomes_sought=form.outcomes_sought.data,
            responsible_for=form.responsible_for.data,
            not_responsible_for=form.not_responsible_for.data,
            expected_version=form.expected_version,
        )
        if form.handler.data and form.handler.data != str(complaint.handler_id or ""):
            assign(_actor(), complaint, handler_id=form.handler.data)

    return _case_form_page(
        complaint,
        form,
        "backoffice/acknowledge.html",
        acknowledge_and_assign,
        _l("Complaint acknowledged. The resident has been sent the complaint definition."),
    )


@blueprint.post("/complaints/<reference>/close")
@requires(Permission.CLOSE)
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


@blueprint.route("/complaints/<reference>/extend", methods=["GET", "POST"])
@requires(Permission.EXTEND)
def extend_deadline(reference: str):
    complaint = _complaint_or_404(reference)
    form = ExtensionForm().for_case(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/extend.html",
        lambda: extend(
            _actor(),
            complaint,
            working_days=form.working_days.data,
            reason=form.reason.data,
            good_reason=form.good_reason.data,
            expected_version=form.expected_version,
        ),
        lambda extension: (
            _l("Deadline extended. The resident has been sent the new date.")
            if extension.status == ExtensionStatus.IN_FORCE
            else _l(
                "Extension asked for. It goes beyond the policy's limit, so a complaints "
                "manager must approve it before the resident is told."
            )
        ),
    )


@blueprint.post("/complaints/<reference>/extension-decision")
@requires(Permission.APPROVE_EXTENSION)
def decide_on_extension(reference: str):
    complaint = _complaint_or_404(reference)
    form = ExtensionDecisionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        with unit_of_work():
            decide_extension(
                _actor(),
                complaint,
                approve=bool(form.approve.data),
                expected_version=form.expected_version,
            )
    except CaseChanged as error:
        return _changed_by_someone_else(complaint, error)
    except DomainError as error:
        flash(error.message, "error")
    else:
        if form.approve.data:
            flash(_l("Extension approved. The resident has been sent the new date."), "success")
        else:
            flash(_l("Extension refused. The deadline has not changed."), "success")
    return redirect(url_for("backoffice.case", reference=complaint.reference))


@blueprint.route("/complaints/<reference>/not-accept", methods=["GET", "POST"])
@requires(Permission.NOT_ACCEPT)
def not_accept_complaint(reference: str):
    complaint = _complaint_or_404(reference)
    form = NotAcceptForm().for_case(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/not_accept.html",
        lambda: not_accept(
            _actor(),
            complaint,
            reasons=form.reasons.data,
            explanation=form.explanation.data,
            alternative_route=form.alternative_route.data,
            discretion_considered=form.discretion.data,
            expected_version=form.expected_version,
        ),
        _l("Complaint not accepted. The resident has been sent the reasons."),
    )


@blueprint.route("/complaints/<reference>/service-request", methods=["GET", "POST"])
@requires(Permission.TREAT_AS_SERVICE_REQUEST)
def treat_complaint_as_service_request(reference: str):
    complaint = _complaint_or_404(reference)
    form = ServiceRequestForm().for_case(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/service_request.html",
        lambda: treat_as_service_request(
            _actor(),
            complaint,
            explanation=form.explanation.data,
            alternative_route=form.alternative_route.data,
            expected_version=form.expected_version,
        ),
        _l("Treated as a service request. The resident has been told."),
    )


@blueprint.route("/complaints/<reference>/reverse-exclusion", methods=["GET", "POST"])
@requires(Permission.REVERSE_EXCLUSION)
def reverse_exclusion_decision(reference: str):
    complaint = _complaint_or_404(reference)
    form = ReversalForm().for_case(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/reverse_exclusion.html",
        lambda: reverse_exclusion(
            _actor(), complaint, reason=form.reason.data, expected_version=form.expected_version
        ),
        _l("Complaint accepted. The resident has been told when we will contact them."),
    )


@blueprint.route("/complaints/<reference>/withdraw", methods=["GET", "POST"])
@requires(Permission.RECORD_WITHDRAWAL)
def record_withdrawal(reference: str):
    complaint = _complaint_or_404(reference)
    form = WithdrawalForm().for_case(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/withdraw.html",
        lambda: withdraw(
            _actor(),
            complaint,
            reason=form.reason.data,
            how=form.how.data,
            expected_version=form.expected_version,
        ),
        _l("Withdrawal recorded. The resident has been sent a confirmation."),
    )


@blueprint.route("/complaints/<reference>/assign", methods=["GET", "POST"])
@requires(Permission.ASSIGN)
def assign_handler(reference: str):
    complaint = _complaint_or_404(reference)
    form = AssignForm().for_case(complaint).with_handlers(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/assign.html",
        lambda: assign(
            _actor(),
            complaint,
            handler_id=form.handler.data,
            expected_version=form.expected_version,
        ),
        _l("Handler assigned."),
    )


# -- the Ombudsman's look at a complaint ------------------------------------------------------


def _ombudsman_case_or_404(complaint, case_id: int) -> OmbudsmanCase:
    case = db.session.get(OmbudsmanCase, case_id)
    if case is None or case.complaint_id != complaint.id:
        abort(404)
    return case


@blueprint.route("/complaints/<reference>/ombudsman/new", methods=["GET", "POST"])
@requires(Permission.RECORD_OMBUDSMAN_CASE)
def record_ombudsman_enquiry(reference: str):
    complaint = _complaint_or_404(reference)
    form = OmbudsmanEnquiryForm().for_case(complaint)
    if not form.ombudsman.data:
        form.ombudsman.data = "housing" if complaint.is_housing_landlord else "lgsco"
    return _case_form_page(
        complaint,
        form,
        "backoffice/ombudsman_form.html",
        lambda: ombudsman.open_case(
            _actor(),
            complaint,
            ombudsman=form.ombudsman.data,
            their_reference=form.their_reference.data,
            enquiry_on=form.enquiry_on.data,
            expected_version=form.expected_version,
        ),
        _l("Ombudsman enquiry recorded."),
        title=_l("Record an Ombudsman enquiry"),
    )


@blueprint.route(
    "/complaints/<reference>/ombudsman/<int:case_id>/information-sent", methods=["GET", "POST"]
)
@requires(Permission.RECORD_OMBUDSMAN_CASE)
def record_ombudsman_information_sent(reference: str, case_id: int):
    complaint = _complaint_or_404(reference)
    case = _ombudsman_case_or_404(complaint, case_id)
    form = InformationSentForm().for_case(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/ombudsman_form.html",
        lambda: ombudsman.record_information_sent(
            _actor(), case, sent_on=form.sent_on.data, expected_version=form.expected_version
        ),
        _l("Date the information was sent recorded."),
        title=_l("Information sent to the Ombudsman"),
    )


@blueprint.route(
    "/complaints/<reference>/ombudsman/<int:case_id>/determination", methods=["GET", "POST"]
)
@requires(Permission.RECORD_OMBUDSMAN_CASE)
def record_ombudsman_determination(reference: str, case_id: int):
    complaint = _complaint_or_404(reference)
    case = _ombudsman_case_or_404(complaint, case_id)
    form = DeterminationForm().for_case(complaint).for_ombudsman(case.ombudsman)
    return _case_form_page(
        complaint,
        form,
        "backoffice/ombudsman_form.html",
        lambda: ombudsman.record_determination(
            _actor(),
            case,
            determination=form.determination.data,
            determined_on=form.determined_on.data,
            summary=form.summary.data,
            expected_version=form.expected_version,
        ),
        _l("Ombudsman's determination recorded."),
        title=_l("Record the Ombudsman's determination"),
    )


@blueprint.route(
    "/complaints/<reference>/ombudsman/<int:case_id>/orders/new", methods=["GET", "POST"]
)
@requires(Permission.RECORD_OMBUDSMAN_CASE)
def add_ombudsman_order(reference: str, case_id: int):
    complaint = _complaint_or_404(reference)
    case = _ombudsman_case_or_404(complaint, case_id)
    form = OmbudsmanOrderForm().for_case(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/ombudsman_form.html",
        lambda: ombudsman.add_order(
            _actor(),
            case,
            kind=form.kind.data,
            description=form.description.data,
            due_on=form.due_on.data,
            expected_version=form.expected_version,
        ),
        _l("Order or recommendation added."),
        title=_l("Add an Ombudsman's order or recommendation"),
    )


@blueprint.route(
    "/complaints/<reference>/ombudsman/orders/<int:order_id>/done", methods=["GET", "POST"]
)
@requires(Permission.RECORD_OMBUDSMAN_CASE)
def complete_ombudsman_order(reference: str, order_id: int):
    complaint = _complaint_or_404(reference)
    order = db.session.get(OmbudsmanOrder, order_id)
    if order is None or order.case.complaint_id != complaint.id:
        abort(404)
    form = OrderDoneForm().for_case(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/ombudsman_form.html",
        lambda: ombudsman.complete_order(
            _actor(),
            order,
            completed_on=form.completed_on.data,
            evidence=form.evidence.data,
            expected_version=form.expected_version,
        ),
        _l("Recorded as done."),
        title=_l("Record an order or recommendation as done"),
    )


def _case_form_page(complaint, form, template: str, make_move, done_message, **context):
    """A page with one form that makes one move on the case: on success back to the case
    with a message (or a function of the move's result giving it); on bad input the form
    again with every answer kept."""
    domain_error = None
    if form.validate_on_submit():
        try:
            with unit_of_work():
                result = make_move()
                message = done_message(result) if isfunction(done_message) else done_message
        except CaseChanged as error:
            return _changed_by_someone_else(complaint, error)
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            flash(message, "success")
            return redirect(url_for("backoffice.case", reference=complaint.reference))
    status = 400 if request.method == "POST" else 200
    return render_template(
        template, complaint=complaint, form=form, domain_error=domain_error, **context
    ), status


def _changed_by_someone_else(complaint, error: CaseChanged):
    """Show the case as it is now, saying why the change was not made."""
    flash(error.message, "error")
    return redirect(url_for("backoffice.case", reference=complaint.reference), code=303)
