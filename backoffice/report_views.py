"""The annual report in the back office: choose a period and scope, read the tables and
charts, download it as CSV or PDF. Counts only, no resident's details: for everyone who may
see the figures (report viewers and managers among them)."""

from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import lazy_gettext as _l
from wtforms import Form, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice

from backoffice import blueprint
from backoffice.access import requires
from backoffice.admin_forms import GovDateField
from shared import clock
from shared.errors import InvalidInput
from shared.people.permissions import Permission
from shared.reports import annual_report
from shared.reports.annual import homes_rule, last_financial_year, period_rule
from shared.reports.formats import as_csv, as_pdf, template_values
from shared.web.validators import DomainRule
from shared.web.widgets import GovRadioInput, GovSubmitInput, GovTextInput


class AnnualReportForm(Form):
    """A GET form: it changes nothing, and the address keeps the period for downloads."""

    from_on = GovDateField(
        _l("Start of the period"),
        description=_l("For example, 1 4 2025"),
        missing=_l("Enter the start of the period"),
        invalid=_l("The start of the period must be a real date, like 1 4 2025"),
    )
    to_on = GovDateField(
        _l("End of the period"),
        description=_l("For example, 31 3 2026"),
        missing=_l("Enter the end of the period"),
        invalid=_l("The end of the period must be a real date, like 31 3 2026"),
    )
    scope = RadioField(
        _l("Complaints to count"),
        choices=[
            SelectChoice("housing", _l("Housing landlord services")),
            SelectChoice("all", _l("All council services")),
        ],
        default="housing",
        widget=GovRadioInput(),
        invalid_choice_message=_l("Select which complaints to count"),
    )
    homes = StringField(
        _l("Number of homes (optional)"),
        description=_l("Homes let at low cost rent, for the Tenant Satisfaction Measure CH01"),
        widget=GovTextInput(),
        validators=[DomainRule(homes_rule)],
    )
    submit = SubmitField(_l("Show the report"), widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid:
            try:
                period_rule(self.from_on.data, self.to_on.data)
            except InvalidInput as error:
                self.to_on.errors = [str(error.message)]
                return False
        return valid


def _form() -> tuple[AnnualReportForm, dict | None]:
    """The form from the address (last financial year when none is given), and the report
    when the form is valid."""
    if not request.args:
        start, end = last_financial_year(clock.today())
        form = AnnualReportForm(data={"from_on": start, "to_on": end, "scope": "housing"})
    else:
        form = AnnualReportForm(request.args)
        if not form.validate():
            return form, None
    report = annual_report(
        form.from_on.data,
        form.to_on.data,
        scope=form.scope.data or "housing",
        homes=homes_rule(form.homes.data),
    )
    return form, report


@blueprint.get("/reports/annual")
@requires(Permission.VIEW_FIGURES)
def annual_report_page():
    form, report = _form()
    values = template_values(report) if report else {}
    query = request.query_string.decode()
    return render_template("backoffice/annual_report.html", form=form, query=query, **values), (
        200 if report else 400
    )


def _download(content, mimetype: str, extension: str, report: dict) -> Response:
    name = f"annual-report-{report['period']['from']}-to-{report['period']['to']}.{extension}"
    return Response(
        content,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@blueprint.get("/reports/annual.csv")
@requires(Permission.VIEW_FIGURES)
def annual_report_csv():
    form, report = _form()
    if report is None:
        return annual_report_page()
    return _download(as_csv(report), "text/csv", "csv", report)


@blueprint.get("/reports/annual.pdf")
@requires(Permission.VIEW_FIGURES)
def annual_report_pdf():
    form, report = _form()
    if report is None:
        return annual_report_page()
    return _download(as_pdf(report), "application/pdf", "pdf", report)
