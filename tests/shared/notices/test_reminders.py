"""`complaints sla remind`: each handler's deadlines due soon and missed, once a day."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from shared.cases import Actor
from shared.db import db
from shared.notices.models import HandlerReminder, OutboxMessage
from shared.notices.reminders import send_reminders
from tests import committed as lifecycle
from tests.factories import at, make_staff, submit
from tests.helpers import freeze
from tests.shared.notices.mail import delivered


def assigned(handler, received: str):
    complaint = submit(received=received, email=f"r{received[8:10]}@example.com").complaint
    lifecycle.assign(Actor.staff(handler), complaint, handler_id=handler.id, at=at(received))
    return complaint


@pytest.fixture
def world(app, monkeypatch):
    handler = make_staff("complaints_officer", name="Hana Handler")
    idle = make_staff("complaints_officer", name="Idle Officer")
    overdue = assigned(handler, "2025-03-03 10:00")  # acknowledge by Mon 10 Mar
    soon = assigned(handler, "2025-03-10 10:00")  # acknowledge by Mon 17 Mar
    later = assigned(handler, "2025-03-24 10:00")  # acknowledge by Mon 31 Mar
    freeze(monkeypatch, "2025-03-12 07:00")
    return {"handler": handler, "idle": idle, "overdue": overdue, "soon": soon, "later": later}


def test_a_handler_is_reminded_of_overdue_and_soon_due_cases_once_a_day(
    app, world, file_backend, outbox_dir
):
    from shared.notices.outbox import send_due_messages

    send_due_messages(backend=file_backend)  # the residents' own notices
    before = len(delivered(outbox_dir))
    assert send_reminders(within=3).reminded == 1
    send_due_messages(backend=file_backend)
    mails = delivered(outbox_dir)[before:]
    (mail,) = mails
    assert mail.to == world["handler"].email
    assert mail.subject == "Your complaint deadlines on Wednesday 12 March 2025"
    body = mail.body
    overdue, soon = world["overdue"].reference, world["soon"].reference
    assert f"Overdue\n\n- {overdue}: the deadline was Monday 10 March 2025" in body
    assert f"Due within 3 working days\n\n- {soon}: due Monday 17 March 2025" in body
    assert world["later"].reference not in body
    assert "http://localhost/backoffice/" in body

    # Again the same day: nothing more, however many times.
    again = send_reminders(within=3)
    assert (again.reminded, again.already) == (0, 1)
    assert db.session.scalar(select(db.func.count()).select_from(HandlerReminder)) == 1
    reminders = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "sla_reminder")
    ).all()
    assert len(reminders) == 1


def test_the_next_day_brings_a_new_reminder(app, world, monkeypatch):
    send_reminders(within=3)
    freeze(monkeypatch, "2025-03-13 07:00")
    assert send_reminders(within=3).reminded == 1
    assert db.session.scalar(select(db.func.count()).select_from(HandlerReminder)) == 2


def test_two_servers_reminding_at_once_send_one_reminder(app, world):
    results = []
    barrier = threading.Barrier(2)

    def run():
        with app.app_context():
            barrier.wait()
            try:
                results.append(send_reminders(within=3))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(r.reminded for r in results) == 1
    assert sum(r.already for r in results) == 1
    count = (
        select(db.func.count())
        .select_from(OutboxMessage)
        .where(OutboxMessage.kind == "sla_reminder")
    )
    assert db.session.scalar(count) == 1


def test_the_remind_command(app, world):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["sla", "remind", "--within", "3"])
    assert first.exit_code == 0, first.output
    assert "reminded 1 handlers, 0 already reminded today" in first.output
    second = runner.invoke(args=["sla", "remind", "--within", "3"])
    assert "reminded 0 handlers, 1 already reminded today" in second.output
