"""A GOV.UK file upload field for evidence: up to five files, each checked by its content
(`shared.evidence.files`) while the form is validated, so a page gets either every file
checked or a message in the reader's language next to the field.

For a page that takes evidence:
    files = EvidenceFilesField(_l("Upload files (optional)"))
    ...
    if form.validate_on_submit():
        store_files(complaint, form.files.checked, uploaded_by, ...)
and `enctype="multipart/form-data"` on its form.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_babel.speaklater import LazyString
from govuk_frontend_wtf import wtforms_widgets as gov
from wtforms import MultipleFileField
from wtforms.validators import StopValidation

from shared.errors import InvalidInput
from shared.evidence.files import ACCEPT_ATTRIBUTE, MAX_FILES, check_files
from shared.web.widgets import TranslatedErrorPrefix


class GovFileInput(TranslatedErrorPrefix, gov.GovFileInput):
    pass


def evidence_hint():
    # Decided when shown, in the reader's language.
    return LazyString(
        lambda: ngettext(
            "You can choose up to %(num)d file. Each must be smaller than 10 MB and be a PDF, "
            "JPEG, PNG, HEIC, Word document or plain text file.",
            "You can choose up to %(num)d files. Each must be smaller than 10 MB and be a "
            "PDF, JPEG, PNG, HEIC, Word document or plain text file.",
            MAX_FILES,
        )
    )


class EvidenceFiles:
    """Check every file chosen; the checked files are left on the field as `checked`."""

    def __call__(self, form, field):
        try:
            field.checked = check_files(field.data, field.name)
        except InvalidInput as error:
            field.checked = []
            raise StopValidation(str(error.message)) from None


class EvidenceFilesField(MultipleFileField):
    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("description", evidence_hint())
        super().__init__(
            label or _l("Upload files (optional)"),
            [*(validators or []), EvidenceFiles()],
            widget=GovFileInput(multiple=True),
            render_kw={"accept": ACCEPT_ATTRIBUTE},
            **kwargs,
        )
        self.checked = []
