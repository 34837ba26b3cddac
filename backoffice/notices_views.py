"""Notices on a case: a preview of each email and letter before it goes, the copy kept of
what was sent, and the queue of letters to print."""

from __future__ import annotations

from flask import Response, abort, render_template

from backoffice import blueprint
from backoffice.access import requires
from backoffice.views import _complaint_or_404
from shared.notices import listing
from shared.notices.letters import letter_pdf
from shared.notices.models import Channel
from shared.notices.printing import letters_waiting
from shared.notices.render import render
from shared.people.permissions import Permission

blueprint.add_app_template_global(listing.notice_title, "notice_title")
blueprint.add_app_template_global(listing.status_label, "notice_status")


def _notice_or_404(reference: str, notice_id: int):
    complaint = _complaint_or_404(reference)
    message = listing.notice_on_case(complaint, notice_id)
    if message is None:
        abort(404)
    return complaint, message


@blueprint.route("/complaints/<reference>/notices/<int:notice_id>")
@requires(Permission.VIEW_COMPLAINTS)
def notice_preview(reference: str, notice_id: int):
    """The notice as its recipient gets it, less any private link."""
    complaint, message = _notice_or_404(reference, notice_id)
    return render_template(
        "backoffice/notices/preview.html",
        complaint=complaint,
        message=message,
        rendered=render(message),
        kept=listing.sent_copy(message),
        is_letter=message.channel == Channel.LETTER,
    )


@blueprint.route("/complaints/<reference>/notices/<int:notice_id>/letter.pdf")
@requires(Permission.VIEW_COMPLAINTS)
def notice_letter(reference: str, notice_id: int):
    """The notice as a printed letter would be today, to look at before it is printed."""
    complaint, message = _notice_or_404(reference, notice_id)
    return Response(
        letter_pdf(message),
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{complaint.reference}-{message.id}.pdf"',
            "Cache-Control": "no-store",
        },
    )


@blueprint.route("/complaints/<reference>/notices/<int:notice_id>/sent")
@requires(Permission.VIEW_COMPLAINTS)
def notice_sent_copy(reference: str, notice_id: int):
    """What was sent, as it was kept: the email's source or the letter's PDF."""
    _complaint, message = _notice_or_404(reference, notice_id)
    copy = listing.sent_copy(message)
    if copy is None:
        abort(404)
    return Response(
        copy.content,
        mimetype=copy.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{copy.filename}"',
            "Cache-Control": "no-store",
        },
    )


@blueprint.route("/letters")
@requires(Permission.PRINT_LETTERS)
def print_queue():
    return render_template("backoffice/notices/print_queue.html", letters=letters_waiting())
