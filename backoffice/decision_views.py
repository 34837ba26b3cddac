"""Defining and deciding: the decision page (a finding on every point, remedies, outstanding
actions, lessons learned), adding or splitting a point before the response, following
remedies and actions through, and the remedies register."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_currency
from flask_babel import lazy_gettext as _l

from backoffice import blueprint
from backoffice.access import requires
from backoffice.decision_forms import (
    ActionUpdateForm,
    AddPointForm,
    DecisionPageForm,
    DoneForm,
    RegisterFilterForm,
    SplitPointForm,
    drop_blank_rows,
    place_errors,
)
from backoffice.views import _actor, _case_form_page, _changed_by_someone_else, _complaint_or_404
from shared import clock
from shared.cases import CaseChanged, DomainError, respond, respond_stage_two
from shared.db import unit_of_work
from shared.decisions import moves as decision_moves
from shared.decisions import register, wording
from shared.decisions import rules as decision_rules
from shared.people.permissions import Permission
from shared.reference.ombudsmen import ombudsman_for


@blueprint.context_processor
def decision_helpers():
    return {
        # The case page's "mark done" buttons, drawn from the version shown.
        "done_form_for": lambda complaint: DoneForm(formdata=None).for_case(complaint),
        "today": clock.today,
    }


@blueprint.app_template_filter("finding_label")
def finding_label(code):
    return wording.finding_label(code)


@blueprint.app_template_filter("remedy_kind_label")
def remedy_kind_label(code):
    return wording.remedy_kind_label(code)


@blueprint.app_template_filter("financial_purpose_label")
def financial_purpose_label(code):
    return wording.financial_purpose_label(code)


@blueprint.app_template_filter("pounds")
def pounds(pence):
    return format_currency(pence / 100, "GBP") if pence is not None else ""


@blueprint.route("/complaints/<reference>/respond", methods=["GET", "POST"])
@requires(Permission.RESPOND_STAGE_1, Permission.RESPOND_STAGE_2)
def respond_to_complaint(reference: str):
    complaint = _complaint_or_404(reference)
    points = complaint.current.live_points
    form = DecisionPageForm().for_case(complaint).for_points(points)
    domain_error = None
    status = 200
    if request.method == "POST" and (form.add_remedy.data or form.add_action.data):
        # "Add another": the same page with one more empty row, everything typed kept.
        form.add_row("remedies" if form.add_remedy.data else "actions")
    elif request.method == "POST":
        status = 400
        drop_blank_rows(form)
        move = respond if complaint.current_stage == 1 else respond_stage_two
        if form.validate_on_submit():
            try:
                with unit_of_work():
                    move(
                        _actor(),
                        complaint,
                        outcome=form.outcome.data,
                        reasons=form.reasons.data,
                        decision=form.decision(points),
                        expected_version=form.expected_version,
                    )
            except CaseChanged as error:
                return _changed_by_someone_else(complaint, error)
            except DomainError as error:
                placed = place_errors(form, error.field_errors)
                domain_error = None if placed and error.field_errors else error.message
            else:
                flash(_l("Response sent to the resident."), "success")
                return redirect(url_for("backoffice.case", reference=complaint.reference))
        else:
            # Every problem at once: the rows' rules too, beside what was typed.
            form_errors = {f.id: f.errors for f in (form.outcome, form.reasons) if f.errors}
            try:
                decision_rules.check_decision(
                    points, form.outcome.data, form.decision(points), clock.today()
                )
            except DomainError as error:
                fields = {k: v for k, v in error.field_errors.items() if k not in form_errors}
                place_errors(form, fields)
        form.ensure_a_row_each()
    return render_template(
        "backoffice/decide.html",
        complaint=complaint,
        points=points,
        form=form,
        domain_error=domain_error,
        ombudsman=ombudsman_for(complaint.is_housing_landlord),
    ), status


@blueprint.route("/complaints/<reference>/points/new", methods=["GET", "POST"])
@requires(Permission.AMEND_DEFINITION)
def add_definition_point(reference: str):
    complaint = _complaint_or_404(reference)
    form = AddPointForm().for_case(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/add_point.html",
        lambda: decision_moves.add_point(
            _actor(),
            complaint,
            text=form.text.data,
            outcome_sought=form.outcome_sought.data,
            expected_version=form.expected_version,
        ),
        lambda point: _l(
            "Point %(number)s added. The resident has been told.", number=point.number
        ),
    )


@blueprint.route("/complaints/<reference>/points/split", methods=["GET", "POST"])
@requires(Permission.SPLIT_POINT)
def split_definition_point(reference: str):
    complaint = _complaint_or_404(reference)
    points = complaint.current.live_points if complaint.stages else []
    form = SplitPointForm().for_case(complaint).with_points(points)
    return _case_form_page(
        complaint,
        form,
        "backoffice/split_point.html",
        lambda: decision_moves.split_point(
            _actor(),
            complaint,
            point_id=form.point_id.data,
            expected_version=form.expected_version,
        ),
        lambda new: _l(
            "The point is now complaint %(reference)s, received the day it was raised.",
            reference=new.reference,
        ),
    )


def _action_or_404(complaint, action_id: int):
    action = next((a for a in complaint.outstanding_actions if a.id == action_id), None)
    if action is None:
        abort(404)
    return action


@blueprint.route("/complaints/<reference>/actions/<int:action_id>", methods=["GET", "POST"])
@requires(Permission.TRACK_ACTIONS)
def update_outstanding_action(reference: str, action_id: int):
    complaint = _complaint_or_404(reference)
    action = _action_or_404(complaint, action_id)
    form = ActionUpdateForm().for_case(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/action_update.html",
        lambda: decision_moves.update_action(
            _actor(),
            complaint,
            action_id=action.id,
            text=form.text.data,
            complete=bool(form.complete.data),
            expected_version=form.expected_version,
        ),
        lambda done: (
            _l("Action marked done. The resident has been sent the update.")
            if done.completed_on
            else _l("The resident has been sent the update.")
        ),
        action=action,
    )


@blueprint.post("/complaints/<reference>/remedies/<int:remedy_id>/done")
@requires(Permission.TRACK_ACTIONS)
def complete_remedy(reference: str, remedy_id: int):
    complaint = _complaint_or_404(reference)
    return _done(
        complaint,
        lambda form: decision_moves.complete_remedy(
            _actor(), complaint, remedy_id=remedy_id, expected_version=form.expected_version
        ),
        _l("Remedy marked done."),
    )


@blueprint.post("/complaints/<reference>/improvements/<int:lesson_id>/done")
@requires(Permission.TRACK_ACTIONS)
def complete_improvement(reference: str, lesson_id: int):
    complaint = _complaint_or_404(reference)
    return _done(
        complaint,
        lambda form: decision_moves.complete_improvement(
            _actor(), complaint, lesson_id=lesson_id, expected_version=form.expected_version
        ),
        _l("Service improvement marked done."),
    )


def _done(complaint, make_move, message):
    form = DoneForm()
    if not form.validate_on_submit():
        flash(
            _l("This page is out of date. Go back to the case, reload it and try again."), "error"
        )
    else:
        try:
            with unit_of_work():
                make_move(form)
        except CaseChanged as error:
            return _changed_by_someone_else(complaint, error)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(message, "success")
    return redirect(url_for("backoffice.case", reference=complaint.reference), code=303)


@blueprint.get("/remedies")
@requires(Permission.VIEW_REMEDIES)
def remedies_register():
    filters = RegisterFilterForm(request.args)
    filters.validate()
    status = filters.status.data if filters.status.data in register.STATUSES else None
    owner = None if filters.owner.errors else (filters.owner.data or "").strip() or None
    return render_template(
        "backoffice/remedies.html",
        filters=filters,
        rows=register.remedies(status=status, owner=owner, today=clock.today()),
        today=clock.today(),
    )
