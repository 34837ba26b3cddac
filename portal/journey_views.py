"""Making a complaint: question pages whose answers are kept on the server in a draft (its
random id in the session, never the answers), "Check your answers", and sending.

The order of the pages, and which apply to whom, is shared.drafts.journey.PAGES; each
page's rules are shared.drafts.answers.RULES; each page's form is journey_forms.FORMS.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from wtforms import RadioField, SelectField, SelectMultipleField

from portal import blueprint
from portal.journey_forms import FORMS, RESIDENT_TITLES, TITLES, ResidentDetailsForm, SendForm
from shared import clock
from shared.cases import CaseChanged, complaint_from_submission
from shared.cases.wording import long_date
from shared.db import unit_of_work
from shared.drafts import (
    DraftIncomplete,
    draft_files,
    find_draft,
    forget_answers,
    save_answers,
    send_draft,
    start_draft,
)
from shared.drafts.answers import RULES, PageInvalid
from shared.drafts.journey import (
    PAGES,
    REPRESENTATIVE_PAGES,
    first_unanswered,
    for_someone_else,
    page_after,
    page_before,
    pages_for,
)
from shared.drafts.sending import over_twelve_months, page_context
from shared.errors import InvalidInput
from shared.reference.service_areas import offered_service_areas
from shared.validation import date_from_parts
from shared.web import i18n
from shared.web.date_input import PARTS, DatePartsField

SESSION_KEY = "complaint_draft"


def _language() -> str:
    return str(get_locale())


def _current_draft():
    return find_draft(session.get(SESSION_KEY))


def _no_draft():
    """Asked for a page with no answers kept: say so, once a draft was started; otherwise
    begin at the first question."""
    if session.get(SESSION_KEY):
        session.pop(SESSION_KEY, None)
        response = render_template("portal/draft_expired.html")
        return response, 200, {"Cache-Control": "no-store"}
    return redirect(url_for("portal.question", page=PAGES[0]))


def _context(answers: dict) -> dict:
    return page_context(
        answers,
        today=clock.today(),
        service_area_codes=[area.code for area in offered_service_areas()],
        languages=i18n.offered_locales(),
    )


def _form_for(page: str, answers: dict, formdata=None):
    form_class = FORMS[page]
    if page == "details" and for_someone_else(answers):
        form_class = ResidentDetailsForm
    form = form_class(formdata=formdata) if formdata is not None else form_class()
    if page == "services":
        form.set_service_areas(offered_service_areas())
    if page == "support":
        form.set_languages([(code, i18n.language_name(code)) for code in i18n.offered_locales()])
        if formdata is None and not form.language.data:
            form.language.data = _language()
    return form


def _stored(answers: dict, page: str) -> MultiDict | None:
    raw = answers.get(page)
    if raw is None:
        return None
    return MultiDict(
        [(k, item) for k, v in raw.items() for item in (v if isinstance(v, list) else [v])]
    )


def _answer_fields(form):
    return [f for f in form if f.name not in ("csrf_token", "submit")]


def _raw_answers(form, posted) -> dict:
    """What was sent for this page's fields, exactly as typed."""
    raw = {}
    for field in _answer_fields(form):
        if isinstance(field, DatePartsField):
            for part in PARTS:
                raw[f"{field.name}-{part}"] = posted.get(f"{field.name}-{part}", "")
        elif isinstance(field, SelectMultipleField):
            raw[field.name] = posted.getlist(field.name)
        else:
            raw[field.name] = posted.get(field.name, "")
    return raw


def _show_errors(form, error: PageInvalid) -> None:
    for name, message in error.field_errors.items():
        field = getattr(form, name, None)
        if field is None:
            continue
        if isinstance(field, DatePartsField):
            field.refuse(message, error.date_parts.get(name, PARTS))
        else:
            field.errors = [message]


def _title(page: str, answers: dict):
    if for_someone_else(answers) and page in RESIDENT_TITLES:
        return RESIDENT_TITLES[page]
    return TITLES[page]


def _back_url(page: str | None, answers: dict, changing: bool) -> str:
    if changing:
        return url_for("portal.check_answers")
    before = page_before(page, answers) if page else (pages_for(answers) or [None])[-1]
    if before:
        return url_for("portal.question", page=before)
    return url_for("portal.start")


def _render_question(page: str, form, answers: dict, changing: bool, status: int = 200):
    response = render_template(
        "portal/question.html",
        page=page,
        form=form,
        title=_title(page, answers),
        fields=_answer_fields(form),
        back_url=_back_url(page, answers, changing),
        changing=changing,
        someone_else=for_someone_else(answers),
    )
    return response, status, {"Cache-Control": "no-store"}


@blueprint.get("/complaint")
def make_complaint():
    """The start of the questions, or where the resident left off."""
    _language()  # a language chosen in this address is kept for the page it leads to
    draft = _current_draft()
    if draft is None:
        return redirect(url_for("portal.question", page=PAGES[0]))
    page = first_unanswered(draft.answers or {})
    if page is None:
        return redirect(url_for("portal.check_answers"))
    return redirect(url_for("portal.question", page=page))


@blueprint.route("/complaint/<page>", methods=["GET", "POST"])
def question(page: str):
    if page not in RULES:
        abort(404)
    draft = _current_draft()
    if draft is None and page != PAGES[0]:
        return _no_draft()
    answers = dict(draft.answers) if draft else {}
    if page in REPRESENTATIVE_PAGES and not for_someone_else(answers):
        return redirect(url_for("portal.question", page=PAGES[0]))
    changing = bool(request.values.get("change"))
    if request.method == "GET":
        form = _form_for(page, answers, _stored(answers, page))
        return _render_question(page, form, answers, changing)

    form = _form_for(page, answers)
    form.validate()  # the CSRF token; the answers are the domain's to judge
    raw = _raw_answers(form, request.form)
    answers_now = {**answers, page: raw}
    try:
        RULES[page](raw, _context(answers_now))
    except PageInvalid as error:
        _show_errors(form, error)
        return _render_question(page, form, answers, changing, status=400)
    with unit_of_work():
        if draft is None:
            draft_id, draft = start_draft(_language())
            session[SESSION_KEY] = draft_id
        save_answers(draft, page, raw, _language())
        if page == "who" and not for_someone_else(answers_now):
            forget_answers(draft, REPRESENTATIVE_PAGES)
        answers_now = dict(draft.answers)
    next_page = first_unanswered(answers_now) if changing else page_after(page, answers_now)
    next_url = (
        url_for("portal.question", page=next_page, change=1 if changing else None)
        if next_page
        else url_for("portal.check_answers")
    )
    if page in ("when", "found-out"):
        context = _context(answers_now)
        found_out = (answers_now.get("found-out") or {}) and _found_out_on(answers_now, context)
        if over_twelve_months(context["happened_on"], found_out or None, clock.today()):
            session["after_older"] = next_url
            return redirect(url_for("portal.older_than_twelve_months"))
    return redirect(next_url)


def _found_out_on(answers: dict, context: dict):
    try:
        return RULES["found-out"](answers.get("found-out") or {}, context)["found_out_on"]
    except PageInvalid:
        return None


@blueprint.get("/complaint/more-than-12-months-ago")
def older_than_twelve_months():
    """Older than the procedure expects: say the council may still accept it, and go on."""
    if _current_draft() is None:
        return _no_draft()
    next_url = session.get("after_older") or url_for("portal.make_complaint")
    return render_template("portal/older_than_12_months.html", next_url=next_url)


def _display(field) -> dict:
    """One answer as "Check your answers" shows it."""
    if isinstance(field, DatePartsField):
        try:
            return {"text": long_date(date_from_parts(*field.raw_data, field=field.name))}
        except InvalidInput:  # shown as typed; the page itself says what is wrong
            return {"text": " ".join(field.raw_data or [])}
    if isinstance(field, SelectMultipleField):
        labels = {str(c.value): str(c.label) for c in field.choices}
        return {"list": [labels.get(v, v) for v in (field.data or [])]}
    if isinstance(field, (RadioField, SelectField)):
        labels = {str(c.value): str(c.label) for c in field.choices}
        return {"text": labels.get(field.data, field.data or "")}
    return {"lines": field.data or ""}


def _summary(answers: dict, files=()) -> list[dict]:
    rows = []
    for page in pages_for(answers):
        if page not in answers:
            continue
        if page == "evidence":  # its files are kept with the draft, not among the answers
            rows.append(
                {
                    "key": _("Evidence"),
                    "value": {"list": [f.filename for f in files]}
                    if files
                    else {"text": _("No files added")},
                    "href": url_for("portal.question", page=page, change=1) + "#files",
                }
            )
            continue
        form = _form_for(page, answers, _stored(answers, page))
        for field in _answer_fields(form):
            rows.append(
                {
                    "key": field.label.text,
                    "value": _display(field),
                    "href": url_for("portal.question", page=page, change=1) + f"#{field.id}",
                }
            )
    return rows


@blueprint.get("/complaint/check-your-answers")
def check_answers():
    draft = _current_draft()
    if draft is None:
        return _no_draft()
    answers = draft.answers or {}
    missing = first_unanswered(answers)
    if missing:
        return redirect(url_for("portal.question", page=missing))
    form = SendForm(formdata=None, submission_token=draft.submission_token)
    return _render_check(form, answers, draft_files(draft))


def _render_check(form, answers: dict, files=(), status: int = 200):
    response = render_template(
        "portal/check_answers.html",
        form=form,
        rows=_summary(answers, files),
        back_url=_back_url(None, answers, False),
        someone_else=for_someone_else(answers),
    )
    return response, status, {"Cache-Control": "no-store"}


@blueprint.post("/complaint/check-your-answers")
def send_complaint():
    form = SendForm()
    token = form.submission_token.data
    if complaint_from_submission(token) is not None:
        # A double click, or a retry after a dropped connection: show the first one.
        return _show_confirmation(token)
    draft = _current_draft()
    if draft is None:
        return _no_draft()
    form.validate()
    token = draft.submission_token
    try:
        with unit_of_work():
            send_draft(
                draft,
                today=clock.today(),
                service_area_codes=[area.code for area in offered_service_areas()],
                languages=i18n.offered_locales(),
                representative_language=_language(),
            )
    except DraftIncomplete as incomplete:
        return redirect(url_for("portal.question", page=incomplete.page, change=1))
    except CaseChanged:
        # The same form arrived twice at once and the other copy won.
        if complaint_from_submission(token) is None:
            raise
    session.pop(SESSION_KEY, None)
    return _show_confirmation(token)


def _show_confirmation(token: str):
    # The session holds only the one-time token, never a tracking secret.
    session["submission"] = token
    return redirect(url_for("portal.complaint_sent"))
