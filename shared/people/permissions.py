"""Who may do what: one table, permission -> roles.

Every back-office page names the permission it needs (`backoffice.access.requires`), the
templates offer only what the signed-in person may do, and the state machine takes the
roles for each move from here (`shared.cases.state_machine.MOVES`), so the three can never
disagree. A permission not in the table is allowed to no one.
"""

from __future__ import annotations

from enum import StrEnum

from shared.people.models import StaffRole

R = StaffRole


class Permission(StrEnum):
    # Complaints and the personal data in them.
    VIEW_COMPLAINTS = "view_complaints"
    LOG_COMPLAINT = "log_complaint"  # one received by phone, email, letter or in person
    ACKNOWLEDGE_STAGE_1 = "acknowledge_stage_1"
    RESPOND_STAGE_1 = "respond_stage_1"
    RECORD_STAGE_2_REQUEST = "record_stage_2_request"
    ACKNOWLEDGE_STAGE_2 = "acknowledge_stage_2"
    RESPOND_STAGE_2 = "respond_stage_2"
    CLOSE = "close"
    RECORD_WITHDRAWAL = "record_withdrawal"
    ASSIGN = "assign"  # choose who handles the complaint
    EXTEND = "extend"  # more time for a stage's response
    APPROVE_EXTENSION = "approve_extension"  # one beyond the policy's cap
    NOT_ACCEPT = "not_accept"  # an exclusion, with its reasons
    TREAT_AS_SERVICE_REQUEST = "treat_as_service_request"
    REVERSE_EXCLUSION = "reverse_exclusion"
    DECLARE_CONFLICTS = "declare_conflicts"
    RECORD_OMBUDSMAN_CASE = "record_ombudsman_case"  # enquiries, determinations, orders
    RECORD_CIRCUMSTANCES = "record_circumstances"  # vulnerabilities the resident disclosed
    RESTRICT_CONTACT = "restrict_contact"  # restrictions for unacceptable behaviour
    VIEW_COMPLIMENTS = "view_compliments"
    # The definition's points and the decision's follow-through (Code 6.8, 6.6, 7.3).
    AMEND_DEFINITION = "amend_definition"  # add a point before the response
    SPLIT_POINT = "split_point"  # an unrelated point becomes a new complaint
    TRACK_ACTIONS = "track_actions"  # updates and completion of remedies and actions
    VIEW_REMEDIES = "view_remedies"  # the remedies register, across complaints
    PRINT_LETTERS = "print_letters"  # the queue of letters for residents who chose post
    # The correspondence log, its attachments and links between complaints.
    VIEW_CORRESPONDENCE = "view_correspondence"
    RECORD_CORRESPONDENCE = "record_correspondence"
    LINK_COMPLAINTS = "link_complaints"
    # Figures without personal data.
    VIEW_FIGURES = "view_figures"
    # Equalities monitoring, counted with small counts hidden; never a person's answers.
    VIEW_EQUALITIES = "view_equalities"
    # Running the service.
    MANAGE_STAFF = "manage_staff"
    MANAGE_CLOSURE_DAYS = "manage_closure_days"


HANDLERS = frozenset(
    {R.COMPLAINTS_OFFICER, R.INVESTIGATING_OFFICER, R.REVIEWER, R.COMPLAINTS_MANAGER}
)

PERMISSIONS: dict[Permission, frozenset[StaffRole]] = {
    Permission.VIEW_COMPLAINTS: HANDLERS,
    Permission.LOG_COMPLAINT: frozenset({R.COMPLAINTS_OFFICER, R.COMPLAINTS_MANAGER}),
    Permission.ACKNOWLEDGE_STAGE_1: frozenset(
        {R.COMPLAINTS_OFFICER, R.INVESTIGATING_OFFICER, R.COMPLAINTS_MANAGER}
    ),
    Permission.RESPOND_STAGE_1: frozenset(
        {R.COMPLAINTS_OFFICER, R.INVESTIGATING_OFFICER, R.COMPLAINTS_MANAGER}
    ),
    Permission.RECORD_STAGE_2_REQUEST: frozenset({R.COMPLAINTS_OFFICER, R.COMPLAINTS_MANAGER}),
    Permission.ACKNOWLEDGE_STAGE_2: frozenset(
        {R.COMPLAINTS_OFFICER, R.REVIEWER, R.COMPLAINTS_MANAGER}
    ),
    Permission.RESPOND_STAGE_2: frozenset({R.REVIEWER, R.COMPLAINTS_MANAGER}),
    Permission.CLOSE: frozenset({R.COMPLAINTS_OFFICER, R.COMPLAINTS_MANAGER}),
    Permission.RECORD_WITHDRAWAL: frozenset({R.COMPLAINTS_OFFICER, R.COMPLAINTS_MANAGER}),
    Permission.ASSIGN: frozenset({R.COMPLAINTS_OFFICER, R.COMPLAINTS_MANAGER}),
    Permission.EXTEND: HANDLERS,
    Permission.APPROVE_EXTENSION: frozenset({R.COMPLAINTS_MANAGER}),
    Permission.NOT_ACCEPT: frozenset({R.COMPLAINTS_OFFICER, R.COMPLAINTS_MANAGER}),
    Permission.TREAT_AS_SERVICE_REQUEST: frozenset({R.COMPLAINTS_OFFICER, R.COMPLAINTS_MANAGER}),
    Permission.REVERSE_EXCLUSION: frozenset({R.COMPLAINTS_MANAGER}),
    Permission.DECLARE_CONFLICTS: HANDLERS,
    Permission.RECORD_OMBUDSMAN_CASE: frozenset({R.COMPLAINTS_OFFICER, R.COMPLAINTS_MANAGER}),
    Permission.RECORD_CIRCUMSTANCES: HANDLERS,
    # A restriction follows a careful review by someone senior (seed 002 section 14).
    Permission.RESTRICT_CONTACT: frozenset({R.COMPLAINTS_MANAGER}),
    Permission.VIEW_COMPLIMENTS: frozenset(
        {R.COMPLAINTS_OFFICER, R.INVESTIGATING_OFFICER, R.COMPLAINTS_MANAGER}
    ),
    # Those who acknowledge a stage may add to its definition (the move checks the stage).
    Permission.AMEND_DEFINITION: HANDLERS,
    # A new complaint is logged: those who log complaints.
    Permission.SPLIT_POINT: frozenset({R.COMPLAINTS_OFFICER, R.COMPLAINTS_MANAGER}),
    Permission.TRACK_ACTIONS: HANDLERS,
    # The register names complaints and what was promised: not for report viewers.
    Permission.VIEW_REMEDIES: HANDLERS,
    Permission.PRINT_LETTERS: frozenset({R.COMPLAINTS_OFFICER, R.COMPLAINTS_MANAGER}),
    # Residents' letters and files are personal data: never for report viewers.
    Permission.VIEW_CORRESPONDENCE: HANDLERS,
    Permission.RECORD_CORRESPONDENCE: HANDLERS,
    Permission.LINK_COMPLAINTS: HANDLERS,
    Permission.VIEW_FIGURES: frozenset(StaffRole),
    Permission.VIEW_EQUALITIES: frozenset({R.COMPLAINTS_MANAGER, R.REPORT_VIEWER}),
    Permission.MANAGE_STAFF: frozenset({R.COMPLAINTS_MANAGER}),
    Permission.MANAGE_CLOSURE_DAYS: frozenset({R.COMPLAINTS_MANAGER}),
}


# Roles that work only on the stage 1 complaints assigned to them: they see and act on
# nothing else, whatever their permissions allow on those.
ASSIGNED_STAGE_1_ONLY: frozenset[StaffRole] = frozenset({R.INVESTIGATING_OFFICER})


def sees_only_assigned(role: str | None) -> bool:
    """Whether this role sees only the complaints assigned to it (investigating officers)."""
    return role in ASSIGNED_STAGE_1_ONLY


def roles_with(permission: Permission) -> frozenset[StaffRole]:
    return PERMISSIONS.get(permission, frozenset())


def allows(role: str | None, permission: Permission) -> bool:
    """Whether a member of staff with this role has this permission."""
    return role is not None and role in roles_with(permission)


def allows_any(role: str | None, permissions) -> bool:
    return any(allows(role, permission) for permission in permissions)
