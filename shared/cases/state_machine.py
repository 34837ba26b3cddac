"""The complaint's states and the moves between them, with who may make each move."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flask_babel import lazy_gettext as _l

from shared.cases.actors import Actor
from shared.cases.models import Complaint, ComplaintStatus, ExtensionStatus
from shared.cases.wording import status_label, why_a_resident_cannot
from shared.errors import DomainError, IllegalMove, NotPermitted
from shared.people.conflicts import has_conflict
from shared.people.permissions import Permission, allows, sees_only_assigned

S = ComplaintStatus
P = Permission


class Move(StrEnum):
    SUBMIT = "submit"
    ACKNOWLEDGE = "acknowledge"
    RESPOND = "respond"
    REQUEST_STAGE_2 = "request_stage_2"
    ACKNOWLEDGE_STAGE_2 = "acknowledge_stage_2"
    RESPOND_STAGE_2 = "respond_stage_2"
    CLOSE = "close"
    WITHDRAW = "withdraw"
    EXTEND = "extend"
    NOT_ACCEPT = "not_accept"
    TREAT_AS_SERVICE_REQUEST = "treat_as_service_request"
    REVERSE_EXCLUSION = "reverse_exclusion"
    DECIDE_EXTENSION = "decide_extension"
    RECORD_OMBUDSMAN_CASE = "record_ombudsman_case"
    ASSIGN = "assign"
    RECORD_CIRCUMSTANCES = "record_circumstances"  # a vulnerability the resident disclosed
    RESTRICT_CONTACT = "restrict_contact"  # for unacceptable behaviour (Code 5.14)
    # The definition and the decision's follow-through (shared.decisions).
    ADD_POINT = "add_point"
    SPLIT_POINT = "split_point"
    TRACK_ACTION = "track_action"
    RECORD_CORRESPONDENCE = "record_correspondence"
    ADD_INFORMATION = "add_information"
    LINK_COMPLAINTS = "link_complaints"


@dataclass(frozen=True)
class MoveRule:
    from_statuses: frozenset[str]
    to_status: str | None  # None: the move changes no status
    actor_kinds: frozenset[str]
    # What a member of staff needs to make it; the roles that have it are in
    # shared.people.permissions, the one table the pages use too.
    permission: Permission | None = None

    def __post_init__(self):
        # A set of roles here would be allowed to no one: say so when the module loads.
        if self.permission is not None and not isinstance(self.permission, Permission):
            raise TypeError(f"a move names a Permission, not {self.permission!r}")


OPEN_STATUSES = frozenset(
    {
        S.RECEIVED,
        S.ACKNOWLEDGED,
        S.RESPONDED,
        S.STAGE_2_REQUESTED,
        S.STAGE_2_ACKNOWLEDGED,
        S.STAGE_2_RESPONDED,
    }
)

MOVES: dict[Move, MoveRule] = {
    Move.SUBMIT: MoveRule(
        frozenset(), S.RECEIVED, frozenset({"resident", "staff"}), P.LOG_COMPLAINT
    ),
    Move.ACKNOWLEDGE: MoveRule(
        frozenset({S.RECEIVED}),
        S.ACKNOWLEDGED,
        frozenset({"staff"}),
        P.ACKNOWLEDGE_STAGE_1,
    ),
    Move.RESPOND: MoveRule(
        frozenset({S.ACKNOWLEDGED}),
        S.RESPONDED,
        frozenset({"staff"}),
        P.RESPOND_STAGE_1,
    ),
    # A resident may still ask for stage 2 after a stage 1 complaint was closed.
    Move.REQUEST_STAGE_2: MoveRule(
        frozenset({S.RESPONDED, S.CLOSED}),
        S.STAGE_2_REQUESTED,
        frozenset({"resident", "staff"}),
        P.RECORD_STAGE_2_REQUEST,
    ),
    Move.ACKNOWLEDGE_STAGE_2: MoveRule(
        frozenset({S.STAGE_2_REQUESTED}),
        S.STAGE_2_ACKNOWLEDGED,
        frozenset({"staff"}),
        P.ACKNOWLEDGE_STAGE_2,
    ),
    Move.RESPOND_STAGE_2: MoveRule(
        frozenset({S.STAGE_2_ACKNOWLEDGED}),
        S.STAGE_2_RESPONDED,
        frozenset({"staff"}),
        P.RESPOND_STAGE_2,
    ),
    Move.CLOSE: MoveRule(
        frozenset({S.RESPONDED, S.STAGE_2_RESPONDED}),
        S.CLOSED,
        frozenset({"staff", "system"}),
        P.CLOSE,
    ),
    # More time for the response, once the stage is acknowledged and before it is answered.
    Move.EXTEND: MoveRule(
        frozenset({S.ACKNOWLEDGED, S.STAGE_2_ACKNOWLEDGED}),
        None,
        frozenset({"staff"}),
        P.EXTEND,
    ),
    # Approving or refusing an extension beyond the policy's cap.
    Move.DECIDE_EXTENSION: MoveRule(
        frozenset({S.ACKNOWLEDGED, S.STAGE_2_ACKNOWLEDGED}),
        None,
        frozenset({"staff"}),
        P.APPROVE_EXTENSION,
    ),
    # Decided on receipt, before acknowledgement (Code 2.1-2.5).
    Move.NOT_ACCEPT: MoveRule(
        frozenset({S.RECEIVED}),
        S.NOT_ACCEPTED,
        frozenset({"staff"}),
        P.NOT_ACCEPT,
    ),
    Move.TREAT_AS_SERVICE_REQUEST: MoveRule(
        frozenset({S.RECEIVED}),
        S.SERVICE_REQUEST,
        frozenset({"staff"}),
        P.TREAT_AS_SERVICE_REQUEST,
    ),
    # For instance when the Ombudsman says the council should take the complaint on.
    Move.REVERSE_EXCLUSION: MoveRule(
        frozenset({S.NOT_ACCEPTED, S.SERVICE_REQUEST}),
        S.RECEIVED,
        frozenset({"staff"}),
        P.REVERSE_EXCLUSION,
    ),
    # Choosing who handles the complaint, while something is still owed on it.
    Move.ASSIGN: MoveRule(
        frozenset({S.RECEIVED, S.ACKNOWLEDGED, S.STAGE_2_REQUESTED, S.STAGE_2_ACKNOWLEDGED}),
        None,
        frozenset({"staff"}),
        P.ASSIGN,
    ),
    # The Ombudsman can look at a complaint at any point; its record changes no status.
    Move.RECORD_OMBUDSMAN_CASE: MoveRule(
        frozenset(S),
        None,
        frozenset({"staff"}),
        P.RECORD_OMBUDSMAN_CASE,
    ),
    # The resident's circumstances belong to the person; recorded from any of their
    # complaints, in any state (a restriction never stops a new complaint).
    Move.RECORD_CIRCUMSTANCES: MoveRule(
        frozenset(S), None, frozenset({"staff"}), P.RECORD_CIRCUMSTANCES
    ),
    Move.RESTRICT_CONTACT: MoveRule(frozenset(S), None, frozenset({"staff"}), P.RESTRICT_CONTACT),
    # A new issue raised before the response joins the stage; an unrelated one becomes a
    # new complaint (Code 6.8).
    Move.ADD_POINT: MoveRule(
        frozenset({S.ACKNOWLEDGED, S.STAGE_2_ACKNOWLEDGED}),
        None,
        frozenset({"staff"}),
        P.AMEND_DEFINITION,
    ),
    Move.SPLIT_POINT: MoveRule(
        frozenset({S.ACKNOWLEDGED, S.STAGE_2_ACKNOWLEDGED}),
        None,
        frozenset({"staff"}),
        P.SPLIT_POINT,
    ),
    # Remedies and outstanding actions are followed through after the response, whatever
    # happens to the complaint next (Code 6.6, 7.3).
    Move.TRACK_ACTION: MoveRule(
        frozenset(S),
        None,
        frozenset({"staff"}),
        P.TRACK_ACTIONS,
    ),
    # The correspondence log is a record: it takes entries whatever the complaint's state,
    # closed included (Code 5.12), and so does information the resident adds.
    Move.RECORD_CORRESPONDENCE: MoveRule(
        frozenset(S), None, frozenset({"staff"}), P.RECORD_CORRESPONDENCE
    ),
    Move.ADD_INFORMATION: MoveRule(frozenset(S), None, frozenset({"resident"})),
    Move.LINK_COMPLAINTS: MoveRule(frozenset(S), None, frozenset({"staff"}), P.LINK_COMPLAINTS),
    Move.WITHDRAW: MoveRule(
        OPEN_STATUSES,
        S.WITHDRAWN,
        frozenset({"resident", "staff"}),
        P.RECORD_WITHDRAWAL,
    ),
}


def is_permitted(actor: Actor, move: Move) -> bool:
    rule = MOVES[move]
    if actor.kind not in rule.actor_kinds:
        return False
    if actor.kind == "staff":
        return (
            actor.staff_user is not None
            and actor.staff_user.is_active
            and rule.permission is not None
            and allows(actor.role, rule.permission)
        )
    return True


def has_declared_conflict(actor: Actor, complaint: Complaint) -> bool:
    """Whether this member of staff declared a conflict of interest in this complaint or
    in the person who made it (Code 5.8)."""
    return actor.kind == "staff" and has_conflict(
        actor.staff_user_id, complaint.id, complaint.complainant_id
    )


def why_not(
    complaint: Complaint, move: Move, actor: Actor, *, conflicted: bool | None = None
) -> DomainError | None:
    """Why this move cannot be made to this complaint by this actor, or None if it can.

    ``conflicted`` is `has_declared_conflict`, when the caller already knows it."""
    rule = MOVES[move]
    if not is_permitted(actor, move):
        return NotPermitted(_l("You do not have permission to do that."))
    not_theirs = not_assigned_to(actor, complaint)
    if not_theirs is not None:
        return not_theirs
    if conflicted is None:
        conflicted = has_declared_conflict(actor, complaint)
    if conflicted:
        return NotPermitted(
            _l(
                "You declared a conflict of interest in this complaint, so someone else "
                "must handle it."
            )
        )
    # Said before the status, which would only say the review is already under way.
    if move == Move.REQUEST_STAGE_2 and complaint.stage(2):
        return IllegalMove(_l("A stage 2 review has already been asked for."))
    if complaint.status not in rule.from_statuses:
        in_their_words = (
            why_a_resident_cannot(complaint, move) if actor.kind == "resident" else None
        )
        if in_their_words:
            return IllegalMove(in_their_words)
        return IllegalMove(
            _l(
                "That cannot be done to a complaint that is ‘%(status)s’.",
                status=status_label(complaint.status),
            )
        )
    waiting = any(e.status == ExtensionStatus.AWAITING_APPROVAL for e in complaint.extensions)
    if move == Move.EXTEND and waiting:
        return IllegalMove(
            _l("An extension is already waiting for a complaints manager's approval.")
        )
    if move == Move.DECIDE_EXTENSION and not waiting:
        return IllegalMove(_l("No extension is waiting for approval."))
    if move == Move.RESPOND_STAGE_2 and actor.staff_user_id in stage_one_staff(complaint):
        # Code 6.13: the review is by someone independent of the stage 1 decision.
        return NotPermitted(
            _l("You acted on this complaint at stage 1, so someone independent must review it.")
        )
    return None


def not_assigned_to(actor: Actor, complaint: Complaint) -> NotPermitted | None:
    """Why this member of staff may not touch this complaint at all: an investigating
    officer works only on the stage 1 complaints assigned to them."""
    if actor.kind != "staff" or not sees_only_assigned(actor.role):
        return None
    if complaint.handler_id != actor.staff_user_id:
        return NotPermitted(_l("This complaint is not assigned to you."))
    if complaint.current_stage != 1:
        return NotPermitted(
            _l("This complaint is at stage 2, which an independent reviewer handles.")
        )
    return None


def stage_one_staff(complaint: Complaint) -> set[int]:
    """Everyone who acted on stage 1: acknowledged it, wrote its definition, responded, or
    made any other stage 1 move recorded in the audit trail."""
    stage_one = complaint.stage(1)
    people = {stage_one.acknowledged_by_id, stage_one.responder_id} if stage_one else set()
    for event in complaint.events:
        if event.action == Move.REQUEST_STAGE_2:
            break
        people.add(event.staff_user_id)
    people.discard(None)
    return people


def check_move(complaint: Complaint | None, move: Move, actor: Actor) -> MoveRule:
    """Return the rule for a legal move, or raise without touching anything."""
    if complaint is None:
        if not is_permitted(actor, move):
            raise NotPermitted(_l("You do not have permission to do that."))
        return MOVES[move]
    refusal = why_not(complaint, move, actor)
    if refusal is not None:
        raise refusal
    return MOVES[move]


def moves_available(
    complaint: Complaint, actor: Actor, *, conflicted: bool | None = None
) -> list[Move]:
    """The moves this actor could make now, so pages offer only what will work.

    ``conflicted`` is `has_declared_conflict`, when the caller already knows it."""
    if conflicted is None:
        conflicted = has_declared_conflict(actor, complaint)
    return [
        move
        for move in MOVES
        if move != Move.SUBMIT and why_not(complaint, move, actor, conflicted=conflicted) is None
    ]
