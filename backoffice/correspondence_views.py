"""The case's correspondence log (letters, emails, calls in and out, case notes) with its
attachments, and links between related complaints (Code 5.12; seed 002 §7)."""

from __future__ import annotations

import io
import secrets

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from backoffice import blueprint
from backoffice.access import may, requires
from backoffice.correspondence_forms import CorrespondenceForm, LinkForm
from backoffice.views import _actor, _complaint_or_404
from shared import evidence
from shared.cases import CaseChanged, DomainError
from shared.db import unit_of_work
from shared.people.permissions import Permission
from shared.web.form_errors import apply_domain_error


def _back_to_case(complaint, message=None, category="success", code=302):
    if message:
        flash(message, category)
    return redirect(url_for("backoffice.case", reference=complaint.reference), code=code)


@blueprint.context_processor
def correspondence_for_the_case_page():
    """What the case page's "Correspondence and notes" and "Related complaints" show, read
    only for those who may see them."""

    def case_correspondence(complaint):
        if not may(current_user, Permission.VIEW_CORRESPONDENCE):
            return None
        return evidence.log_for_staff(complaint)

    def case_links(complaint):
        if not may(current_user, Permission.VIEW_CORRESPONDENCE):
            return None
        return evidence.links_of(complaint)

    def case_files_apart(complaint):
        if not may(current_user, Permission.VIEW_CORRESPONDENCE):
            return []
        return evidence.files_sent_with_the_complaint(complaint)

    return {
        "case_correspondence": case_correspondence,
        "case_links": case_links,
        "case_files_apart": case_files_apart,
    }


@blueprint.route("/complaints/<reference>/correspondence/new", methods=["GET", "POST"])
@requires(Permission.RECORD_CORRESPONDENCE)
def record_correspondence_entry(reference: str):
    complaint = _complaint_or_404(reference)
    form = CorrespondenceForm().for_case(complaint)
    if not form.submission_token.data:
        form.submission_token.data = secrets.token_urlsafe(24)
    token = form.submission_token.data
    done = _l("Added to the correspondence and notes.")
    if request.method == "POST" and evidence.entry_from_submission(token) is not None:
        # A double click, or a retry after a dropped connection: it is recorded once.
        return _back_to_case(complaint, done, code=303)
    domain_error = None
    if form.validate_on_submit():
        try:
            with unit_of_work():
                evidence.record_correspondence(
                    _actor(),
                    complaint,
                    direction=form.direction.data,
                    kind=form.kind.data,
                    summary=form.summary.data,
                    occurred_at=form.occurred_at(),
                    files=form.files.checked,
                    submission_token=token,
                    expected_version=form.expected_version,
                )
        except CaseChanged as error:
            if evidence.entry_from_submission(token) is not None:
                return _back_to_case(complaint, done, code=303)
            return _back_to_case(complaint, error.message, "error", code=303)
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            return _back_to_case(complaint, done, code=303)
    status = 400 if request.method == "POST" else 200
    return render_template(
        "backoffice/correspondence_form.html",
        complaint=complaint,
        form=form,
        domain_error=domain_error,
    ), status


@blueprint.get("/complaints/<reference>/files/<int:file_id>")
@requires(Permission.VIEW_CORRESPONDENCE)
def download_evidence(reference: str, file_id: int):
    complaint = _complaint_or_404(reference)
    stored = evidence.file_of(complaint, file_id)
    if stored is None:
        abort(404)
    return attachment(stored)


def attachment(stored):
    """A stored file as a download, never shown in the browser as a page."""
    response = send_file(
        io.BytesIO(stored.content),
        mimetype=stored.content_type,
        as_attachment=True,
        download_name=stored.filename,
        etag=stored.sha256,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.route("/complaints/<reference>/links/new", methods=["GET", "POST"])
@requires(Permission.LINK_COMPLAINTS)
def link_related_complaint(reference: str):
    complaint = _complaint_or_404(reference)
    form = LinkForm().for_case(complaint)
    domain_error = None
    if form.validate_on_submit():
        try:
            with unit_of_work():
                evidence.link_complaints(
                    _actor(),
                    complaint,
                    related_reference=form.related_reference.data,
                    reason=form.reason.data,
                    expected_version=form.expected_version,
                )
        except CaseChanged as error:
            return _back_to_case(complaint, error.message, "error", code=303)
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            return _back_to_case(complaint, _l("The complaints are linked."), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template(
        "backoffice/link_form.html", complaint=complaint, form=form, domain_error=domain_error
    ), status
