"""Forms that change a record carry the version of the record they were drawn from, so a
change made meanwhile by someone else is refused rather than overwritten."""

from __future__ import annotations

from wtforms import HiddenField
from wtforms.validators import InputRequired, Regexp


def version_field(stale_page_message) -> HiddenField:
    return HiddenField(
        validators=[
            InputRequired(message=stale_page_message),
            Regexp(r"^[0-9]{1,9}$", message=stale_page_message),
        ]
    )


class DrawnFromVersion:
    """For a FlaskForm with a `version` field (`version_field`)."""

    @property
    def expected_version(self) -> int:
        return int(self.version.data)

    def drawn_from(self, record):
        if not self.version.data:
            self.version.data = str(record.version)
        return self
