"""Senders running at once, on SQLite and PostgreSQL alike: each message is claimed by one
sender and delivered once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, update

from shared.cases.models import TrackingLink
from shared.db import db, unit_of_work
from shared.notices import queue_notice
from shared.notices.models import OutboxMessage
from shared.notices.outbox import _claim_next_due_message
from tests.factories import submit
from tests.shared.notices.mail import delivered, outbox

ROOT = Path(__file__).resolve().parents[3]


def queue_many(count: int) -> list[int]:
    """`count` "complaint received" notices for one complaint, each carrying a fresh link."""
    complaint = submit().complaint
    with unit_of_work():
        for _ in range(count - 1):
            queue_notice(complaint, "complaint_received")
    ids = [message.id for message in outbox()]
    assert len(ids) == count
    return ids


def test_two_claimers_at_once_never_take_the_same_message(app):
    ids = queue_many(200)
    claimers = 4
    barrier = threading.Barrier(claimers)
    claimed: list[list[int]] = [[] for _ in range(claimers)]
    errors: list[BaseException] = []

    def claim_until_none(number: int) -> None:
        # Each thread has its own app context, so its own session and connection.
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                while (message := _claim_next_due_message()) is not None:
                    claimed[number].append(message.id)
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=claim_until_none, args=(n,)) for n in range(claimers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    every_claim = [message_id for mine in claimed for message_id in mine]
    assert sorted(every_claim) == ids  # each message once, none left behind
    assert sum(1 for mine in claimed if mine) >= 2, "the claimers did not run at once"
    assert {m.status for m in outbox()} == {"sending"}


def test_a_sender_that_loses_the_race_for_a_message_takes_the_next_one(app, is_postgres):
    if is_postgres:
        pytest.skip("on PostgreSQL the select locks the row (SKIP LOCKED): no one can get between")
    first, second = queue_many(2)
    raced = []

    def another_sender_claims_first(conn, cursor, statement, parameters, context, executemany):
        # Between this sender's select and its update, another sender claims the message.
        if not raced and statement.lstrip().upper().startswith("UPDATE OUTBOX_MESSAGES"):
            raced.append(True)
            with db.engine.begin() as other:
                other.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id == first)
                    .values(status="sending", attempts=99)
                )

    event.listen(db.engine, "before_cursor_execute", another_sender_claims_first)
    try:
        message = _claim_next_due_message()
    finally:
        event.remove(db.engine, "before_cursor_execute", another_sender_claims_first)

    assert raced
    assert message.id == second
    taken_by_the_other = db.session.get(OutboxMessage, first, populate_existing=True)
    assert (taken_by_the_other.status, taken_by_the_other.attempts) == ("sending", 99)


SENDER = """
import pathlib, runpy, sys, time
import shared.web.app  # the slow imports happen before the start line
gate, name, script = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
(gate / f"ready-{name}").touch()
while not (gate / "go").exists():
    time.sleep(0.002)
sys.argv = [script, "outbox", "send", "--limit", "1000"]
runpy.run_path(script, run_name="__main__")
"""


def test_two_outbox_send_commands_at_once_deliver_every_message_exactly_once(app, tmp_path):
    """The installed `complaints outbox send`, twice, started at the same instant."""
    count = 300
    ids = queue_many(count)
    database_url = db.engine.url.render_as_string(hide_password=False)
    db.session.remove()
    mail_dir = tmp_path / "concurrent-mail"
    gate = tmp_path / "gate"
    gate.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "concurrent-senders-test",
        "PUBLIC_BASE_URL": "http://localhost",
        "MAIL_BACKEND": "file",
        "MAIL_OUTBOX_DIR": str(mail_dir),
        "COMPLAINTS_ENV": "production",
    }
    console_script = str(Path(sys.executable).parent / "complaints")
    senders = [
        subprocess.Popen(
            [sys.executable, "-c", SENDER, str(gate), name, console_script],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    deadline = time.monotonic() + 60
    while not all((gate / f"ready-{name}").exists() for name in ("a", "b")):
        assert time.monotonic() < deadline, "the senders did not start"
        assert all(sender.poll() is None for sender in senders), senders[0].communicate()
        time.sleep(0.01)
    (gate / "go").touch()
    outputs = [sender.communicate(timeout=300) for sender in senders]

    for sender, (_stdout, stderr) in zip(senders, outputs, strict=True):
        assert sender.returncode == 0, stderr
    sent_by = [int(re.search(r"sent (\d+), failed 0, gave up 0", out)[1]) for out, _ in outputs]
    assert sum(sent_by) == count
    assert all(sent_by), f"one sender did everything ({sent_by}): they did not run at once"

    # Each message was delivered by one sender only: one log line, one link, one file.
    logs = "".join(stderr for _, stderr in outputs)
    sent_lines = Counter(int(i) for i in re.findall(r"outbox message (\d+) \S+ sent", logs))
    assert sorted(sent_lines) == ids
    assert set(sent_lines.values()) == {1}
    mails = delivered(mail_dir)
    assert len(mails) == count
    messages = outbox()
    assert {(m.status, m.attempts) for m in messages} == {("sent", 1)}
    links = db.session.scalar(select(func.count()).select_from(TrackingLink))
    assert links == count + 1  # one per delivery, and the confirmation page's

    # The log names messages by id only: no address, no link.
    assert "resident@example.com" not in logs
    assert "/track/" not in logs
    for mail in mails[:20]:
        (link,) = mail.tracking_links()
        assert link["secret"] not in logs
