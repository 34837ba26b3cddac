"""The evidence page of making a complaint: files checked by their content as they are
added and kept with the draft on the server (never in the session) until the complaint is
sent. Optional: "Continue" with no file chosen goes on. Each file added can be removed
with its own small form, so no JavaScript is needed."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for

from portal import blueprint
from portal.journey_forms import EvidenceForm, RemoveFileForm
from portal.journey_views import _back_url, _current_draft, _language, _no_draft, _title
from shared.db import unit_of_work
from shared.drafts import add_draft_files, draft_files, remove_draft_file
from shared.drafts.journey import first_unanswered, page_after
from shared.errors import InvalidInput
from shared.evidence.files import MAX_FILES

PAGE = "evidence"


def _render(draft, form, changing: bool, status: int = 200):
    answers = draft.answers or {}
    files = draft_files(draft)
    response = render_template(
        "portal/evidence_question.html",
        page=PAGE,
        form=form,
        title=_title(PAGE, answers),
        files=files,
        room_for_more=len(files) < MAX_FILES,
        back_url=_back_url(PAGE, answers, changing),
        changing=changing,
    )
    return response, status, {"Cache-Control": "no-store"}


# A fixed path: it is matched before the other question pages' /complaint/<page>.
@blueprint.route("/complaint/evidence", methods=["GET", "POST"])
def evidence_question():
    draft = _current_draft()
    if draft is None:
        return _no_draft()
    changing = bool(request.values.get("change"))
    if request.method == "GET":
        return _render(draft, EvidenceForm(formdata=None), changing)
    form = EvidenceForm()
    if form.validate():  # each file chosen, checked by its content
        try:
            with unit_of_work():
                add_draft_files(draft, form.files.checked, _language())
        except InvalidInput as error:
            form.files.errors = [str(error.message)]
        else:
            answers = dict(draft.answers)
            next_page = first_unanswered(answers) if changing else page_after(PAGE, answers)
            if next_page:
                return redirect(
                    url_for("portal.question", page=next_page, change=1 if changing else None)
                )
            return redirect(url_for("portal.check_answers"))
    return _render(draft, form, changing, status=400)


@blueprint.post("/complaint/evidence/remove")
def remove_evidence_file():
    draft = _current_draft()
    if draft is None:
        return _no_draft()
    form = RemoveFileForm()
    form.validate()
    try:
        file_id = int(form.file.data or "")
    except ValueError:
        file_id = None
    if file_id is not None:
        with unit_of_work():
            # Already gone (a second click): nothing to do, the page shows what is left.
            remove_draft_file(draft, file_id)
    change = 1 if request.form.get("change") else None
    return redirect(url_for("portal.question", page=PAGE, change=change), code=303)
