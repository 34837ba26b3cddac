"""Two complaints managers changing each other's accounts at the same moment never leave the
council without an active manager."""

from __future__ import annotations

import contextlib
import threading

import pytest
from sqlalchemy import func, select

from shared.db import db
from shared.people import staff
from shared.people.models import StaffUser
from tests.backoffice.test_staff_administration import sign_in
from tests.conftest import Page, PageClient
from tests.factories import make_staff
from tests.shared.cases.test_concurrent_moves import at_once


@pytest.fixture(autouse=True)
def page_clients(app):
    app.test_client_class = PageClient


class _BothReadFirst:
    """`db` for shared.people.staff, whose session makes each request wait, once it has read
    the account it changes, until the other has read too (or a second has passed, when the
    database makes the other wait for a lock). With the wait after counting the managers,
    both count before either writes, unless the database keeps them apart."""

    def __init__(self, barrier: threading.Barrier):
        self._barrier = barrier

    def __getattr__(self, name):
        return getattr(db, name)

    @property
    def session(self):
        barrier = self._barrier

        class Session:
            def __getattr__(self, name):
                return getattr(db.session, name)

            def refresh(self, instance, *args, **kwargs):
                db.session.refresh(instance, *args, **kwargs)
                if kwargs.get("with_for_update"):
                    with contextlib.suppress(threading.BrokenBarrierError):
                        barrier.wait(timeout=1)

        return Session()


def active_managers() -> int:
    db.session.rollback()
    return db.session.scalar(
        select(func.count())
        .select_from(StaffUser)
        .where(StaffUser.role == "complaints_manager", StaffUser.active.is_(True))
    )


@pytest.mark.parametrize("change", ["demote", "deactivate"])
def test_two_managers_stepping_each_other_down_at_once_leave_one(app, change, monkeypatch):
    managers = [make_staff("complaints_manager", name=n) for n in ("Ada Manager", "Bo Manager")]
    clients = [app.test_client() for _ in managers]
    for client, manager in zip(clients, managers, strict=True):
        sign_in(client, manager)
    # Each has the other's account page open.
    urls = [f"/backoffice/staff/{managers[1].id}", f"/backoffice/staff/{managers[0].id}"]
    forms = [client.page(url).hidden_fields() for client, url in zip(clients, urls, strict=True)]

    monkeypatch.setattr(staff, "db", _BothReadFirst(threading.Barrier(2)))
    counted = threading.Barrier(2)
    count_managers = staff._is_last_active_manager

    def count_then_wait(user):
        last = count_managers(user)
        with contextlib.suppress(threading.BrokenBarrierError):
            counted.wait(timeout=1)
        return last

    monkeypatch.setattr(staff, "_is_last_active_manager", count_then_wait)

    def post(client, url, form):
        def send():
            if change == "demote":
                data = {**form, "role": "complaints_officer", "service_areas": []}
                return Page(client.post(url, data=data, follow_redirects=True))
            return Page(client.post(f"{url}/deactivate", data=form, follow_redirects=True))

        return send

    pages = at_once(*(post(c, u, f) for c, u, f in zip(clients, urls, forms, strict=True)))

    assert all(page.status_code in {200, 400} for page in pages)
    assert active_managers() == 1
