"""Staff accounts, run by the complaints manager, and the conflicts of interest handlers
declare. Each view parses the request, calls one domain function in one unit of work, and
renders."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from backoffice import access, blueprint
from backoffice.access import requires
from backoffice.admin_forms import (
    ConflictForm,
    DeactivateForm,
    NewStaffForm,
    ResetPasswordForm,
    RoleAndAreasForm,
    role_hints,
)
from shared.cases import DomainError, queries
from shared.db import db, unit_of_work
from shared.people import conflicts, staff
from shared.people.models import StaffUser
from shared.people.permissions import Permission
from shared.people.wording import role_label
from shared.web.form_errors import apply_domain_error

blueprint.add_app_template_filter(role_label, "role_label")


def _me() -> StaffUser:
    return current_user._get_current_object()


def _account_or_404(staff_id: int) -> StaffUser:
    user = db.session.get(StaffUser, staff_id)
    if user is None:
        abort(404)
    return user


def _status(form) -> int:
    return 400 if request.method == "POST" and form.errors else 200


@blueprint.get("/staff")
@requires(Permission.MANAGE_STAFF)
def staff_list():
    return render_template("backoffice/staff/list.html", accounts=staff.all_staff())


@blueprint.route("/staff/new", methods=["GET", "POST"])
@requires(Permission.MANAGE_STAFF)
def new_staff():
    form = NewStaffForm().with_service_areas()
    domain_error = None
    if form.validate_on_submit():
        try:
            with unit_of_work():
                user, generated = staff.add_staff_user(
                    _me(),
                    email=form.email.data,
                    name=form.name.data,
                    role=form.role.data,
                    service_area_codes=form.service_areas.data,
                    password=form.password.data or None,
                )
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            # Shown in this response only: a password never goes into the session cookie.
            return render_template(
                "backoffice/staff/password_shown.html",
                account=user,
                password=generated,
                heading=_l("Account created"),
            )
    status = 400 if request.method == "POST" else 200
    return render_template(
        "backoffice/staff/new.html", form=form, domain_error=domain_error, role_hints=role_hints()
    ), status


@blueprint.route("/staff/<int:staff_id>", methods=["GET", "POST"])
@requires(Permission.MANAGE_STAFF)
def staff_account(staff_id: int):
    user = _account_or_404(staff_id)
    form = RoleAndAreasForm().with_service_areas().for_account(user)
    domain_error = None
    if form.validate_on_submit():
        try:
            with unit_of_work():
                staff.change_role_and_service_areas(
                    _me(),
                    user,
                    role=form.role.data,
                    service_area_codes=form.service_areas.data,
                    expected_version=form.expected_version,
                )
        except staff.AccountChanged as error:
            return _changed_by_someone_else(user, error)
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            flash(_l("Role and service areas saved."), "success")
            if not access.may(_me(), Permission.MANAGE_STAFF):  # a manager stepped down
                return redirect(access.home_url(_me()), code=303)
            return redirect(url_for("backoffice.staff_account", staff_id=user.id), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template(
        "backoffice/staff/account.html",
        account=user,
        form=form,
        domain_error=domain_error,
        role_hints=role_hints(),
        deactivate_form=DeactivateForm().for_account(user),
    ), status


@blueprint.route("/staff/<int:staff_id>/reset-password", methods=["GET", "POST"])
@requires(Permission.MANAGE_STAFF)
def reset_staff_password(staff_id: int):
    user = _account_or_404(staff_id)
    form = ResetPasswordForm().for_account(user)
    domain_error = None
    if form.validate_on_submit():
        try:
            with unit_of_work():
                generated = staff.reset_password(
                    _me(),
                    user,
                    password=form.password.data or None,
                    expected_version=form.expected_version,
                )
        except staff.AccountChanged as error:
            return _changed_by_someone_else(user, error)
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            if user.id == _me().id:
                # Their own sessions ended with the change, this one included.
                flash(_l("Your password was changed. Sign in with the new one."), "success")
                return redirect(url_for("backoffice.sign_in"), code=303)
            return render_template(
                "backoffice/staff/password_shown.html",
                account=user,
                password=generated,
                heading=_l("Password reset"),
            )
    status = 400 if request.method == "POST" else 200
    return render_template(
        "backoffice/staff/reset_password.html", account=user, form=form, domain_error=domain_error
    ), status


@blueprint.post("/staff/<int:staff_id>/deactivate")
@requires(Permission.MANAGE_STAFF)
def deactivate_staff(staff_id: int):
    user = _account_or_404(staff_id)
    form = DeactivateForm()
    if not form.validate_on_submit():
        return _changed_by_someone_else(user, staff.AccountChanged())
    try:
        with unit_of_work():
            staff.deactivate_staff_user(_me(), user, expected_version=form.expected_version)
    except staff.AccountChanged as error:
        return _changed_by_someone_else(user, error)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(
            _l(
                "%(name)s’s account was deactivated and every session they had ended.",
                name=user.name,
            ),
            "success",
        )
    return redirect(url_for("backoffice.staff_account", staff_id=user.id), code=303)


def _changed_by_someone_else(user: StaffUser, error: DomainError):
    """Show the account as it is now, saying why the change was not made."""
    flash(error.message, "error")
    return redirect(url_for("backoffice.staff_account", staff_id=user.id), code=303)


@blueprint.route("/conflicts-of-interest", methods=["GET", "POST"])
@requires(Permission.DECLARE_CONFLICTS)
def conflicts_of_interest():
    form = ConflictForm()
    domain_error = None
    if form.validate_on_submit():
        complaint = queries.complaint_by_reference(form.reference.data.strip())
        if complaint is None:
            form.reference.errors = [str(_l("There is no complaint with that reference"))]
        else:
            try:
                with unit_of_work():
                    conflicts.declare_conflict(
                        _me(), complaint, about=form.about.data, note=form.note.data
                    )
            except DomainError as error:
                domain_error = apply_domain_error(form, error)
            else:
                flash(
                    _l(
                        "Conflict of interest declared. You will not be offered any action on "
                        "the complaints it covers."
                    ),
                    "success",
                )
                return redirect(url_for("backoffice.conflicts_of_interest"), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template(
        "backoffice/conflicts.html",
        form=form,
        domain_error=domain_error,
        declared=conflicts.conflicts_declared_by(_me()),
    ), status
