"""The one permission table, and the state machine taking each move's roles from it."""

from __future__ import annotations

import pytest

from shared.cases import MOVES, Actor
from shared.cases.state_machine import is_permitted
from shared.people.models import StaffRole, StaffUser
from shared.people.permissions import PERMISSIONS, Permission, allows, roles_with


def test_every_permission_is_in_the_table():
    assert set(PERMISSIONS) == set(Permission)


def test_the_complaints_manager_may_do_everything():
    assert all(allows(StaffRole.COMPLAINTS_MANAGER, p) for p in Permission)


def test_a_report_viewer_sees_figures_and_nothing_else():
    # The equalities analysis is counts only, small ones hidden: never a person's answers.
    assert [p for p in Permission if allows(StaffRole.REPORT_VIEWER, p)] == [
        Permission.VIEW_FIGURES,
        Permission.VIEW_EQUALITIES,
    ]


def test_only_the_manager_and_report_viewers_see_the_equalities_analysis():
    assert roles_with(Permission.VIEW_EQUALITIES) == {
        StaffRole.COMPLAINTS_MANAGER,
        StaffRole.REPORT_VIEWER,
    }


def test_only_the_manager_runs_staff_and_closure_days():
    assert roles_with(Permission.MANAGE_STAFF) == {StaffRole.COMPLAINTS_MANAGER}
    assert roles_with(Permission.MANAGE_CLOSURE_DAYS) == {StaffRole.COMPLAINTS_MANAGER}


def test_the_stage_2_response_is_for_reviewers_and_the_manager_only():
    assert roles_with(Permission.RESPOND_STAGE_2) == {
        StaffRole.REVIEWER,
        StaffRole.COMPLAINTS_MANAGER,
    }


def test_no_role_outside_the_known_ones_is_allowed_anything():
    assert not any(allows("someone", p) for p in Permission)
    assert not any(allows(None, p) for p in Permission)


@pytest.mark.parametrize("move", list(MOVES))
@pytest.mark.parametrize("role", list(StaffRole))
def test_the_state_machine_allows_each_staff_move_to_the_roles_the_table_gives(move, role):
    rule = MOVES[move]
    actor = Actor.staff(StaffUser(id=1, role=role, active=True))
    if "staff" not in rule.actor_kinds:
        assert not is_permitted(actor, move)
        return
    assert rule.permission in PERMISSIONS, f"{move} names no permission of the table"
    assert roles_with(rule.permission), f"{move} is allowed to no role"
    assert is_permitted(actor, move) == (role in roles_with(rule.permission))


def test_a_deactivated_member_of_staff_may_make_no_move():
    actor = Actor.staff(StaffUser(id=1, role=StaffRole.COMPLAINTS_MANAGER, active=False))
    assert not any(is_permitted(actor, move) for move in MOVES)


def test_a_move_naming_roles_instead_of_a_permission_fails_at_once():
    from shared.cases.state_machine import MoveRule

    with pytest.raises(TypeError):
        MoveRule(frozenset(), "received", frozenset({"staff"}), frozenset({"reviewer"}))
