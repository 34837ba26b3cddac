"""Adding information and evidence to a complaint from its private tracking page, and
downloading what the resident sent. Recorded on the case as correspondence."""

from __future__ import annotations

import io
import secrets

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import lazy_gettext as _l

from portal import blueprint
from portal.evidence_forms import AddInformationForm
from portal.views import _tracked_or_404
from shared import evidence
from shared.cases import CaseChanged, DomainError
from shared.db import unit_of_work
from shared.evidence.models import Direction
from shared.web.form_errors import apply_domain_error

_ADDED = _l("We have received what you sent. It has been added to your complaint.")


def _back_to_tracking(complaint, secret: str):
    """To what they have sent, so they see it was received."""
    flash(_ADDED, "success")
    return redirect(
        url_for("portal.what_you_sent", reference=complaint.reference, secret=secret), code=303
    )


@blueprint.get("/track/<reference>/<secret>/sent")
def what_you_sent(reference: str, secret: str):
    complaint = _tracked_or_404(reference, secret)
    return _private(
        render_template(
            "portal/what_you_sent.html",
            complaint=complaint,
            secret=secret,
            sent=evidence.sent_by_the_resident_side(complaint),
            apart=evidence.files_sent_with_the_complaint(complaint, resident_side_only=True),
        )
    )


def _private(response):
    response = current_app.make_response(response)
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.route("/track/<reference>/<secret>/add-information", methods=["GET", "POST"])
def add_information(reference: str, secret: str):
    complaint = _tracked_or_404(reference, secret)
    form = AddInformationForm().ask_who(complaint.representative is not None)
    if not form.submission_token.data:
        form.submission_token.data = secrets.token_urlsafe(24)
    token = form.submission_token.data
    if request.method == "POST" and evidence.entry_from_submission(token) is not None:
        # A double click, or a retry after a dropped connection: it is added once.
        return _back_to_tracking(complaint, secret)
    domain_error = None
    if form.validate_on_submit():
        try:
            with unit_of_work():
                evidence.add_information(
                    complaint,
                    information=form.information.data,
                    files=form.files.checked,
                    sent_by=form.sender,
                    submission_token=token,
                )
        except CaseChanged:
            # The same form arrived twice at once and the other copy won.
            if evidence.entry_from_submission(token) is None:
                raise
            return _back_to_tracking(complaint, secret)
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            return _back_to_tracking(complaint, secret)
    status = 400 if request.method == "POST" else 200
    return _private(
        (
            render_template(
                "portal/add_information.html",
                complaint=complaint,
                secret=secret,
                form=form,
                domain_error=domain_error,
            ),
            status,
        )
    )


@blueprint.get("/track/<reference>/<secret>/files/<int:file_id>")
def download_own_file(reference: str, secret: str, file_id: int):
    """A file the resident or their representative sent; never one from the council's side."""
    complaint = _tracked_or_404(reference, secret)
    stored = evidence.file_of(complaint, file_id)
    if stored is None or stored.sent_by == evidence.SentBy.STAFF:
        abort(404)
    if stored.correspondence is not None and stored.correspondence.direction != Direction.INCOMING:
        abort(404)
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
