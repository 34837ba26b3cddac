"""Running the service: the council's closure days, and figures without personal data."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_number, ngettext
from flask_login import current_user

from backoffice import blueprint
from backoffice.access import may, requires
from backoffice.admin_forms import ClosureDayForm, RemoveClosureDayForm
from shared import clock
from shared.cases import Actor, DomainError, add_closure_day, remove_closure_day
from shared.cases.closure_days import upcoming_closure_days
from shared.cases.figures import open_complaint_figures, workload_by_handler
from shared.cases.wording import long_date
from shared.db import unit_of_work
from shared.people.permissions import Permission
from shared.web.form_errors import apply_domain_error

blueprint.add_app_template_filter(format_number, "number")


def _actor() -> Actor:
    return Actor.staff(current_user._get_current_object())


@blueprint.route("/closure-days", methods=["GET", "POST"])
@requires(Permission.MANAGE_CLOSURE_DAYS)
def closure_days():
    form = ClosureDayForm()
    domain_error = None
    if form.validate_on_submit():
        try:
            with unit_of_work():
                moved = add_closure_day(_actor(), form.day.data, form.reason.data)
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            flash(
                ngettext(
                    "%(day)s is now a closure day. The deadlines of %(num)d open complaint moved.",
                    "%(day)s is now a closure day. The deadlines of %(num)d open complaints moved.",
                    moved,
                    day=long_date(form.day.data),
                ),
                "success",
            )
            return redirect(url_for("backoffice.closure_days"), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template(
        "backoffice/closure_days.html",
        form=form,
        domain_error=domain_error,
        days=upcoming_closure_days(clock.today()),
        remove_form=RemoveClosureDayForm(),
    ), status


@blueprint.post("/closure-days/<day>/remove")
@requires(Permission.MANAGE_CLOSURE_DAYS)
def remove_closure(day: str):
    try:
        when = date.fromisoformat(day)
    except ValueError:
        abort(404)
    if not RemoveClosureDayForm().validate_on_submit():
        abort(400)
    try:
        with unit_of_work():
            moved = remove_closure_day(_actor(), when)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(
            ngettext(
                "%(day)s is no longer a closure day. The deadlines of %(num)d open complaint "
                "moved.",
                "%(day)s is no longer a closure day. The deadlines of %(num)d open complaints "
                "moved.",
                moved,
                day=long_date(when),
            ),
            "success",
        )
    return redirect(url_for("backoffice.closure_days"), code=303)


@blueprint.get("/figures")
@requires(Permission.VIEW_FIGURES)
def figures():
    today = clock.today()
    # Who has what is for those who assign the work, not for every report viewer.
    workload = workload_by_handler(today) if may(current_user, Permission.ASSIGN) else None
    return render_template(
        "backoffice/figures.html", figures=open_complaint_figures(today), workload=workload
    )
