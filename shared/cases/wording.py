"""How a complaint's state reads to people: labels, what happens next, and time left.

Templates and notices take their words from here, so no page holds a status literal or a
policy's number of days.
"""

from __future__ import annotations

from datetime import date

from flask_babel import format_date, get_locale, ngettext
from flask_babel import lazy_gettext as _l

from shared.cases.models import Channel, Complaint, ComplaintStatus, Outcome, OutcomeSought
from shared.people.models import RepresentativeRole

S = ComplaintStatus

STATUS_LABELS = {
    S.RECEIVED: _l("Received"),
    S.ACKNOWLEDGED: _l("Being investigated"),
    S.RESPONDED: _l("Stage 1 response sent"),
    S.STAGE_2_REQUESTED: _l("Stage 2 review requested"),
    S.STAGE_2_ACKNOWLEDGED: _l("Stage 2 review under way"),
    S.STAGE_2_RESPONDED: _l("Stage 2 response sent"),
    S.CLOSED: _l("Closed"),
    S.WITHDRAWN: _l("Withdrawn"),
    S.NOT_ACCEPTED: _l("Not accepted"),
    S.SERVICE_REQUEST: _l("Treated as a service request"),
}

OUTCOME_LABELS = {
    Outcome.UPHELD: _l("Upheld"),
    Outcome.PARTIALLY_UPHELD: _l("Partially upheld"),
    Outcome.NOT_UPHELD: _l("Not upheld"),
}

OUTCOME_SOUGHT_LABELS = {
    OutcomeSought.EXPLANATION: _l("An explanation"),
    OutcomeSought.APOLOGY: _l("An apology"),
    OutcomeSought.PUT_THINGS_RIGHT: _l("Put things right"),
    OutcomeSought.COMPENSATION: _l("Compensation"),
    OutcomeSought.CHANGE_OF_POLICY: _l("A change of policy or practice"),
    OutcomeSought.OTHER: _l("Something else"),
}

ACTION_LABELS = {
    "submit": _l("Complaint received"),
    "add_point": _l("Point added to the complaint definition"),
    "split_point": _l("Point moved to a new complaint"),
    "split_from": _l("Made from a point of another complaint"),
    "action_updated": _l("Update on an outstanding action"),
    "action_completed": _l("Outstanding action done"),
    "remedy_done": _l("Remedy done"),
    "improvement_done": _l("Service improvement done"),
    "acknowledge": _l("Stage 1 acknowledged"),
    "respond": _l("Stage 1 response sent"),
    "request_stage_2": _l("Stage 2 review requested"),
    "acknowledge_stage_2": _l("Stage 2 acknowledged"),
    "respond_stage_2": _l("Stage 2 response sent"),
    "close": _l("Closed"),
    "withdraw": _l("Withdrawn"),
    "extend": _l("Response deadline extended"),
    "extension_requested": _l("Extension beyond the limit asked for"),
    "extension_approved": _l("Extension approved"),
    "extension_refused": _l("Extension refused"),
    "not_accept": _l("Not accepted as a complaint"),
    "treat_as_service_request": _l("Treated as a service request"),
    "reverse_exclusion": _l("Decision reversed: accepted as a complaint"),
    "ombudsman_case_opened": _l("Ombudsman enquiry recorded"),
    "ombudsman_information_sent": _l("Information sent to the Ombudsman"),
    "ombudsman_determination": _l("Ombudsman's determination recorded"),
    "ombudsman_order_added": _l("Ombudsman's order or recommendation recorded"),
    "ombudsman_order_completed": _l("Ombudsman's order or recommendation done"),
    "vulnerability_recorded": _l("Vulnerability recorded"),
    "vulnerability_ended": _l("Vulnerability no longer applies"),
    "restriction_imposed": _l("Restriction on contact recorded"),
    "restriction_reviewed": _l("Restriction on contact reviewed and kept"),
    "restriction_lifted": _l("Restriction on contact lifted"),
    "correspondence_recorded": _l("Correspondence or note recorded"),
    "information_added": _l("Information added from the tracking page"),
    "complaints_linked": _l("Linked to a related complaint"),
}


CHANNEL_LABELS = {
    Channel.ONLINE: _l("Online"),
    Channel.EMAIL: _l("Email"),
    Channel.PHONE: _l("Phone"),
    Channel.LETTER: _l("Letter"),
    Channel.IN_PERSON: _l("In person"),
}


def channel_label(code: str | None) -> str:
    label = CHANNEL_LABELS.get(code)
    return str(label) if label else (code or "")


EXTENSION_STATUS_LABELS = {
    "in_force": _l("In force"),
    "awaiting_approval": _l("Waiting for approval"),
    "refused": _l("Refused"),
}


def extension_status_label(status: str) -> str:
    return str(EXTENSION_STATUS_LABELS[status])


def status_label(status: str) -> str:
    return str(STATUS_LABELS[ComplaintStatus(status)])


def outcome_label(outcome: str | None) -> str:
    return str(OUTCOME_LABELS[Outcome(outcome)]) if outcome else ""


def outcome_sought_label(code: str) -> str:
    return str(OUTCOME_SOUGHT_LABELS[OutcomeSought(code)])


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label else action


# How a date reads inside a sentence ("by ...", "on ..."), where a language's grammar needs it:
# Welsh mutates a weekday after "ar" ("ar ddydd Gwener"), so it goes without one; Polish puts
# it after the date, whose genitive fits "do 4 grudnia"; Romanian and Arabic set it off.
LONG_DATE_FORMATS = {
    "cy": "d MMMM y",
    "pl": "d MMMM y (EEEE)",
    "ro": "EEEE, d MMMM y",
    "ar": "EEEE، d MMMM y",
    "ur": "EEEE، d MMMM y",
}


def long_date(value: date | None) -> str:
    """'Monday 5 January 2026' in English, the locale's own form elsewhere."""
    if not value:
        return ""
    return format_date(value, format=LONG_DATE_FORMATS.get(str(get_locale()), "EEEE d MMMM y"))


def working_days_left(days: int) -> str:
    """How a queue reads time left: 'Due today', '3 working days left', '2 working days overdue'."""
    if days == 0:
        return str(_l("Due today"))
    if days > 0:
        return ngettext("%(num)d working day left", "%(num)d working days left", days)
    return ngettext("%(num)d working day overdue", "%(num)d working days overdue", -days)


def next_step(complaint: Complaint) -> str:
    """What the resident can expect next, in a sentence with the date the council owes."""
    stage = complaint.current
    status = complaint.status
    if status == S.RECEIVED:
        return _l(
            "We will contact you by %(date)s to confirm what we will look into.",
            date=long_date(stage.acknowledge_by),
        )
    if status == S.ACKNOWLEDGED:
        return _l("We will send you our response by %(date)s.", date=long_date(stage.respond_by))
    if status == S.STAGE_2_REQUESTED:
        return _l(
            "We will contact you by %(date)s to confirm what the review will look into.",
            date=long_date(stage.acknowledge_by),
        )
    if status == S.STAGE_2_ACKNOWLEDGED:
        return _l(
            "We will send you our final response by %(date)s.", date=long_date(stage.respond_by)
        )
    if status == S.WITHDRAWN:
        return _l("This complaint has been withdrawn.")
    if status == S.NOT_ACCEPTED:
        return _l(
            "We decided not to accept this as a complaint. We wrote to you with our reasons and "
            "what you can do instead."
        )
    if status == S.SERVICE_REQUEST:
        return _l(
            "We are dealing with this as a request for a service. If you are unhappy with how "
            "it is dealt with, you can then make a complaint."
        )
    if complaint.current_stage == 1:
        return _l(
            "We sent you our stage 1 response on %(date)s.", date=long_date(stage.responded_on)
        )
    return _l(
        "We sent you our final response on %(date)s. This is the end of our complaints procedure.",
        date=long_date(stage.responded_on),
    )


def why_a_resident_cannot(complaint: Complaint, move: str) -> str | None:
    """Why a resident cannot make this move now, in their words rather than the state
    machine's, with the date the council owes where there is one."""
    status = complaint.status
    if move == "request_stage_2":
        if status in {S.RECEIVED, S.ACKNOWLEDGED}:
            return _l(
                "You can ask for a review once we have sent our response, which is due by "
                "%(date)s.",
                date=long_date(complaint.current.respond_by),
            )
        if status == S.WITHDRAWN:
            return _l(
                "This complaint was withdrawn, so a review cannot be asked for. If you are "
                "still unhappy, you can make a new complaint."
            )
    if move == "withdraw" and status in {S.CLOSED, S.WITHDRAWN}:
        return _l("This complaint is already closed, so there is nothing to withdraw.")
    return None


def is_awaiting_council(complaint: Complaint) -> bool:
    """The council owes the resident something with a date (shown as an inset on pages)."""
    return complaint.status in {
        S.RECEIVED,
        S.ACKNOWLEDGED,
        S.STAGE_2_REQUESTED,
        S.STAGE_2_ACKNOWLEDGED,
    }


def may_go_to_the_ombudsman(complaint: Complaint) -> bool:
    """After the final response, or a decision not to accept the complaint (Code 2.4)."""
    return final_response_sent(complaint) or complaint.status == S.NOT_ACCEPTED


def final_response_sent(complaint: Complaint) -> bool:
    """The council's procedure is over: the resident may go to the Ombudsman."""
    return complaint.current_stage == 2 and complaint.current.responded_on is not None


REPRESENTATIVE_ROLE_LABELS = {
    RepresentativeRole.MP: _l("MP or their caseworker"),
    RepresentativeRole.COUNCILLOR: _l("Councillor"),
    RepresentativeRole.RELATIVE_OR_FRIEND: _l("Relative or friend"),
    RepresentativeRole.ADVOCATE: _l("Advocate"),
    RepresentativeRole.SOLICITOR: _l("Solicitor"),
    RepresentativeRole.OTHER: _l("Someone else"),
}
