"""The complaints manager's changes to staff accounts, refused to anyone else."""

from __future__ import annotations

from datetime import date

import pytest

from shared.cases import Actor, NotPermitted, add_closure_day
from shared.people import staff
from shared.people.passwords import generate_password
from tests.factories import make_staff


@pytest.mark.parametrize(
    "role", ["complaints_officer", "investigating_officer", "reviewer", "report_viewer"]
)
def test_only_a_complaints_manager_changes_accounts(app, role):
    someone = make_staff(role)
    target = make_staff("complaints_officer")
    with pytest.raises(NotPermitted):
        staff.add_staff_user(someone, email="x@council.example", name="X", role="reviewer")
    with pytest.raises(NotPermitted):
        staff.change_role_and_service_areas(
            someone, target, role="reviewer", service_area_codes=[], expected_version=1
        )
    with pytest.raises(NotPermitted):
        staff.deactivate_staff_user(someone, target, expected_version=1)
    with pytest.raises(NotPermitted):
        staff.reset_password(someone, target, password=None, expected_version=1)
    with pytest.raises(NotPermitted):
        add_closure_day(Actor.staff(someone), date(2026, 12, 29))


def test_a_deactivated_manager_changes_nothing(app):
    manager = make_staff("complaints_manager")
    manager.active = False
    with pytest.raises(NotPermitted):
        staff.add_staff_user(manager, email="x@council.example", name="X", role="reviewer")


def test_generated_passwords_are_long_and_never_repeat():
    passwords = {generate_password() for _ in range(100)}
    assert len(passwords) == 100
    assert min(len(p) for p in passwords) >= staff.MIN_PASSWORD_LENGTH
