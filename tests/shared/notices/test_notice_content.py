"""Every notice says what the Complaint Handling Code requires it to say, in every shipped
language: in the subject and body of the email and in the letter's text."""

from __future__ import annotations

from datetime import date

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from shared.cases.wording import long_date, outcome_label
from shared.db import db
from shared.notices.models import OutboxMessage
from shared.notices.render import SUBJECTS, render
from shared.reference.ombudsmen import ombudsman_for
from tests.shared.notices.every_notice import (
    ACTION_UPDATE,
    EXCLUSION_EXPLANATION,
    EXTENSION_REASON,
    KINDS,
    NEW_POINT,
    POINT,
    REASONS,
    ROUTE,
    queue_every_notice,
)

LANGUAGES = ("en", "cy", "pl", "ro", "ur", "ar")


def _t(text, **values):
    return gettext(text, **values)


def _ombudsman(complaint):
    ombudsman = ombudsman_for(complaint.is_housing_landlord)
    return [str(ombudsman["name"]), ombudsman["phone"], ombudsman["web"]]


def _decision(message, stage_number, reasons_heading=True):
    complaint = message.complaint
    stage = complaint.stage(stage_number)
    return [
        POINT,
        _t("Our decision on each point"),
        _t("Our decision: %(decision)s", decision=outcome_label(message.facts["outcome"])),
        REASONS,
        _t("What we will do to put things right"),
        _t("We are not offering a remedy for this complaint."),
        _t("What we still need to do"),
        _t("There is nothing more we need to do on this complaint."),
        _t("If you are not happy with our response"),
        stage.decision_reasons,
    ]


def required(kind: str, message) -> list[str]:
    """The texts the Code requires in this notice, in the language forced now."""
    complaint = message.complaint
    facts = message.facts
    if kind == "complaint_received":
        return [
            long_date(complaint.received_on),
            long_date(date.fromisoformat(facts["acknowledge_by"])),
        ]
    if kind in ("stage_1_acknowledgement", "stage_2_acknowledgement"):
        return [
            POINT,  # the complaint definition
            _t("%(handler)s is dealing with your complaint.", handler=complaint.handler.name),
            long_date(date.fromisoformat(facts["respond_by"])),
        ]
    if kind == "extension":  # Code 6.5, 6.16
        return [
            long_date(date.fromisoformat(facts["respond_by"])),
            EXTENSION_REASON,
            _t("Why we need more time"),
            *_ombudsman(complaint),
        ]
    if kind == "not_accepted":  # Code 2.4
        return [
            EXCLUSION_EXPLANATION,
            ROUTE,
            _t("Our reasons"),
            _t("What you can do instead"),
            *_ombudsman(complaint),
        ]
    if kind == "stage_1_response":  # Code 6.9
        return [
            *_decision(message, 1),
            _t(
                "This is our stage 1 response to your complaint %(reference)s.",
                reference=complaint.reference,
            ),
            _t(
                "You can also ask by phoning us on %(phone)s or writing to %(address)s.",
                phone="0300 123 4567",
                address=message.complaint and _address(),
            ),
        ]
    if kind == "stage_2_response":  # Code 6.19
        return [
            *_decision(message, 2),
            _t(
                "This is our final (stage 2) response to your complaint %(reference)s.",
                reference=complaint.reference,
            ),
            *_ombudsman(complaint),
        ]
    if kind == "stage_2_requested":
        return [long_date(date.fromisoformat(facts["acknowledge_by"]))]
    if kind == "exclusion_reversed":
        return [long_date(date.fromisoformat(facts["acknowledge_by"]))]
    if kind == "service_request":
        return [
            "This is the first time you asked us to collect the bin.",
            "We will collect it on Friday.",
        ]
    if kind == "complaint_withdrawn":
        return [complaint.reference]
    if kind == "definition_point_added":  # Code 6.8: the resident is told
        return [NEW_POINT]
    if kind == "definition_point_moved":
        return [facts["text"], facts["new_reference"]]
    if kind == "action_update":  # Code 6.6
        return [facts["what"], ACTION_UPDATE]
    if kind == "information_added":  # to the handler
        return [
            _t(
                "New information or evidence has been added to complaint %(reference)s, "
                "which you are handling. Read it in the correspondence and notes on the case "
                "in the back office.",
                reference=complaint.reference,
            )
        ]
    if kind == "sign_in_link":
        return [_t("You asked to follow your complaints online. Use this link to sign in:")]
    raise AssertionError(kind)


def _address():
    from flask import current_app

    return current_app.config["COUNCIL_POSTAL_ADDRESS"]


@pytest.fixture
def every_notice(app):
    return queue_every_notice()


def test_every_notice_has_its_required_content_in_every_language(app, every_notice):
    assert set(every_notice) == set(KINDS) == set(SUBJECTS)
    for kind, message in every_notice.items():
        english = None
        for language in LANGUAGES:
            message.language = language
            rendered = render(message)
            with force_locale(language):
                expected_subject = str(SUBJECTS[kind]) % {"reference": message.complaint.reference}
                texts = required(kind, message)
                greeting = _t("Dear %(name)s,", name=message.recipient_name)
            assert rendered.subject == expected_subject
            assert message.complaint.reference in rendered.subject
            text, html = rendered.text, str(rendered.html)
            for wanted in [greeting, *texts]:
                assert wanted in text, (kind, language, wanted)
            if language == "en":
                english = rendered
            else:
                # Really in that language: nothing but names and facts is left in English.
                assert rendered.subject != english.subject, (kind, language)
                assert greeting != "Dear Sam Resident,"
                english_lines = set(english.text.splitlines())
                translated = [line for line in text.splitlines() if line not in english_lines]
                assert len(translated) >= 2, (kind, language)
            if "\n# " in "\n" + rendered.markup:
                assert "<h2>" in html  # headings are headings, not bold text
    db.session.rollback()


def test_dates_are_written_in_the_recipients_language(app, every_notice):
    message = every_notice["extension"]
    respond_by = date.fromisoformat(message.facts["respond_by"])
    for language, month in {"en": "March", "cy": "Mawrth", "pl": "marca", "ro": "martie"}.items():
        message.language = language
        assert month in render(message).text
        with force_locale(language):
            assert long_date(respond_by) in render(message).text
    message.language = "ar"
    assert "مارس" in render(message).text


def test_a_decision_notice_gives_each_points_finding_the_remedies_and_the_actions(
    app, every_notice
):
    decided = db.session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.kind == "stage_1_response",
            OutboxMessage.recipient == "fifth@example.com",
        )
    ).one()
    text = render(decided).text
    assert (
        "The boiler was not repaired within the target time.\n\nOur decision: Upheld\n\n"
        "The repair took 19 working days, not 5." in text
    )
    assert "Our decision: Partially upheld\n\nTwo of the three calls were logged." in text
    assert "Our decision: Not upheld\n\nThe engineer's photographs show no mud." in text
    assert "- A written apology from the repairs manager.\n" in text
    assert "- A payment for the time and trouble of chasing the repair. (£150.00)" in text
    assert "- Fit the new boiler., by Friday 4 April 2025" in text
    assert "We are not offering a remedy" not in text
    assert "There is nothing more we need to do" not in text


def test_an_email_has_a_plain_and_an_accessible_html_part_in_the_residents_language(
    app, file_backend, outbox_dir
):
    from shared.notices.outbox import send_due_messages
    from tests.factories import submit
    from tests.shared.notices.mail import delivered

    submit(locale="ar")
    send_due_messages(backend=file_backend)
    (mail,) = delivered(outbox_dir)
    assert mail.language == "ar"
    assert mail.message.get_content_type() == "multipart/alternative"
    with force_locale("ar"):
        subject = str(SUBJECTS["complaint_received"]) % {"reference": "CMP-2025-000001"}
        greeting = gettext("Dear %(name)s,", name="Sam Resident")
    assert mail.subject == subject
    assert greeting in mail.body
    html = mail.html
    assert '<html lang="ar" dir="rtl">' in html
    assert f"<h1>{subject}</h1>" in html
    assert f"<p>{greeting}</p>" in html
    assert "<img" not in html  # nothing needs an image
    assert 'name="viewport"' in html and "max-width: 36em" in html  # reflows at 200% zoom
    assert '<a href="http://localhost/track/CMP-2025-000001/' in html
