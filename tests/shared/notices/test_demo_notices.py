"""The demo data has every notice, residents in every shipped language, and residents who
chose post: `complaints outbox send` delivers a message for every email notice and
`complaints letters print` has letters to print."""

from __future__ import annotations

from sqlalchemy import select

from shared.db import db
from shared.notices.models import OutboxMessage
from shared.notices.render import SUBJECTS
from tests.shared.notices.mail import delivered


def test_the_demo_data_sends_every_notice_by_email_and_by_post(app, tmp_path):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    messages = db.session.scalars(select(OutboxMessage)).all()
    assert {m.kind for m in messages} == set(SUBJECTS)
    assert {m.language for m in messages} == {"en", "cy", "pl", "ro", "ur", "ar"}
    letters = [m for m in messages if m.channel == "letter"]
    emails = [m for m in messages if m.channel == "email"]
    assert {m.language for m in letters} >= {"ar", "cy"}
    assert any(m.format == "large_print" for m in letters)

    sent = runner.invoke(args=["outbox", "send"])
    assert sent.exit_code == 0, sent.output
    assert f"sent {len(emails)}, failed 0" in sent.output
    assert len(delivered(app.config["MAIL_OUTBOX_DIR"])) == len(emails)

    printed = runner.invoke(args=["letters", "print", "--output", str(tmp_path)])
    assert printed.exit_code == 0, printed.output
    assert f"printed {len(letters)}, failed 0" in printed.output
    assert len(list(tmp_path.glob("*.pdf"))) == len(letters)
