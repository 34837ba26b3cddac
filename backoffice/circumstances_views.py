"""The resident's circumstances, recorded from one of their complaints and shown on all of
them: vulnerabilities they disclosed, and restrictions on contact with their reviews. Each
view parses the form and makes one change in one unit of work."""

from __future__ import annotations

from flask import abort
from flask_babel import lazy_gettext as _l

from backoffice import blueprint
from backoffice.access import requires
from backoffice.circumstances_forms import (
    EndVulnerabilityForm,
    RestrictionForm,
    RestrictionReviewForm,
    VulnerabilityForm,
)
from backoffice.views import _actor, _case_form_page, _complaint_or_404
from shared.cases import circumstances
from shared.db import db
from shared.people.circumstances import ContactRestriction, Vulnerability
from shared.people.permissions import Permission


def _theirs_or_404(model, record_id: int, complaint):
    record = db.session.get(model, record_id)
    if record is None or record.person_id != complaint.complainant_id:
        abort(404)
    return record


@blueprint.route("/complaints/<reference>/vulnerabilities/new", methods=["GET", "POST"])
@requires(Permission.RECORD_CIRCUMSTANCES)
def record_vulnerability(reference: str):
    complaint = _complaint_or_404(reference)
    form = VulnerabilityForm().for_case(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/circumstances_form.html",
        lambda: circumstances.record_vulnerability(
            _actor(),
            complaint,
            description=form.description.data,
            support_given=form.support.data,
            review_on=form.review_on.data,
            expected_version=form.expected_version,
        ),
        _l("Vulnerability recorded. It shows on every complaint of this resident."),
        title=_l("Record a vulnerability"),
    )


@blueprint.route(
    "/complaints/<reference>/vulnerabilities/<int:vulnerability_id>/end", methods=["GET", "POST"]
)
@requires(Permission.RECORD_CIRCUMSTANCES)
def end_vulnerability(reference: str, vulnerability_id: int):
    complaint = _complaint_or_404(reference)
    vulnerability = _theirs_or_404(Vulnerability, vulnerability_id, complaint)
    form = EndVulnerabilityForm().for_case(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/circumstances_form.html",
        lambda: circumstances.end_vulnerability(
            _actor(), complaint, vulnerability, expected_version=form.expected_version
        ),
        _l("Recorded as no longer applying."),
        title=_l("Record that a vulnerability no longer applies"),
        about=vulnerability.description,
    )


@blueprint.route("/complaints/<reference>/restrictions/new", methods=["GET", "POST"])
@requires(Permission.RESTRICT_CONTACT)
def impose_restriction(reference: str):
    complaint = _complaint_or_404(reference)
    form = RestrictionForm().for_case(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/circumstances_form.html",
        lambda: circumstances.impose_restriction(
            _actor(),
            complaint,
            kind=form.kind.data,
            scope=form.scope.data,
            reason=form.reason.data,
            review_on=form.review_on.data,
            expected_version=form.expected_version,
        ),
        _l("Restriction recorded. It shows on every complaint of this resident."),
        title=_l("Restrict contact"),
    )


@blueprint.route(
    "/complaints/<reference>/restrictions/<int:restriction_id>/review", methods=["GET", "POST"]
)
@requires(Permission.RESTRICT_CONTACT)
def review_restriction(reference: str, restriction_id: int):
    complaint = _complaint_or_404(reference)
    restriction = _theirs_or_404(ContactRestriction, restriction_id, complaint)
    form = RestrictionReviewForm().for_case(complaint)
    return _case_form_page(
        complaint,
        form,
        "backoffice/circumstances_form.html",
        lambda: circumstances.review_restriction(
            _actor(),
            complaint,
            restriction,
            keep=form.outcome.data == "keep",
            note=form.note.data,
            next_review_on=form.next_review_on.data,
            expected_version=form.expected_version,
        ),
        lambda reviewed: (
            _l("Restriction lifted.") if reviewed.lifted_at else _l("Review recorded.")
        ),
        title=_l("Review a restriction on contact"),
        about=restriction.scope,
    )
