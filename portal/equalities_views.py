"""After a complaint: the optional equalities questions (offered from the confirmation and
the private tracking page) and the satisfaction survey (once the complaint is closed).

Both hang off the private tracking link, so only the person who made the complaint (or
whoever they gave the link to) can answer for it, and only once."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from portal import blueprint
from portal.equalities_forms import EqualitiesForm, SurveyForm
from portal.views import _tracked_or_404
from shared import equalities, surveys
from shared.cases import CaseChanged, DomainError
from shared.db import unit_of_work
from shared.web.form_errors import apply_domain_error


@blueprint.app_template_global()
def survey_offered(complaint) -> bool:
    """Whether the tracking page offers the survey: once closed, until answered. (The
    equalities questions are always offered there, so that an open complaint's page stays
    one query; their first page says when they were answered already.)"""
    return surveys.may_answer(complaint)


def _private(html, status: int = 200):
    response = current_app.make_response((html, status))
    # Private pages: never kept by shared caches or the back-forward history.
    response.headers["Cache-Control"] = "no-store"
    return response


def _back_to_complaint(complaint, secret):
    return redirect(url_for("portal.track", reference=complaint.reference, secret=secret))


@blueprint.get("/track/<reference>/<secret>/equalities")
def equalities_start(reference: str, secret: str):
    complaint = _tracked_or_404(reference, secret)
    return _private(
        render_template(
            "portal/equalities_start.html",
            complaint=complaint,
            secret=secret,
            answered=equalities.has_answered(complaint),
        )
    )


@blueprint.route("/track/<reference>/<secret>/equalities/questions", methods=["GET", "POST"])
def equalities_questions(reference: str, secret: str):
    complaint = _tracked_or_404(reference, secret)
    if equalities.has_answered(complaint):
        return redirect(
            url_for("portal.equalities_start", reference=complaint.reference, secret=secret)
        )
    form = EqualitiesForm()
    domain_error = None
    if form.validate_on_submit():
        try:
            with unit_of_work():
                equalities.record_answers(complaint, form.answers())
        except (equalities.AlreadyAnswered, CaseChanged):
            # A double click, or another tab: the first answers were kept.
            flash(equalities.AlreadyAnswered().message, "info")
            return _back_to_complaint(complaint, secret)
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            flash(_l("Thank you for answering the equalities questions."), "success")
            return _back_to_complaint(complaint, secret)
    status = 400 if request.method == "POST" else 200
    return _private(
        render_template(
            "portal/equalities_questions.html",
            complaint=complaint,
            secret=secret,
            form=form,
            domain_error=domain_error,
        ),
        status,
    )


@blueprint.route("/track/<reference>/<secret>/survey", methods=["GET", "POST"])
def satisfaction_survey(reference: str, secret: str):
    complaint = _tracked_or_404(reference, secret)
    form = SurveyForm()
    domain_error = None
    unavailable = None
    if surveys.survey_for(complaint) is not None:
        unavailable = surveys.AlreadyAnswered().message
    elif not surveys.may_answer(complaint):
        unavailable = _l("You can tell us what you thought once your complaint is closed.")
    elif form.validate_on_submit():
        try:
            with unit_of_work():
                surveys.record_survey(
                    complaint,
                    handling=form.handling.data,
                    kept_informed=form.kept_informed.data,
                    comment=form.comment.data,
                )
        except (surveys.AlreadyAnswered, CaseChanged):
            flash(surveys.AlreadyAnswered().message, "info")
            return _back_to_complaint(complaint, secret)
        except DomainError as error:
            domain_error = apply_domain_error(form, error)
        else:
            flash(_l("Thank you for telling us what you thought."), "success")
            return _back_to_complaint(complaint, secret)
    status = 400 if request.method == "POST" and unavailable is None else 200
    return _private(
        render_template(
            "portal/survey.html",
            complaint=complaint,
            secret=secret,
            form=form,
            domain_error=domain_error,
            unavailable=unavailable,
        ),
        status,
    )
