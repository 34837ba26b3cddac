"""When a resident will hear back: the dates the council owes for a complaint made on a
given day, in plain words, from the SLA engine and the council's calendar.

The public "When will I hear back?" page and the start page take their words and numbers
from here, so no page holds a policy's number of days. Which policy applies is the service
area's; with no service chosen, every policy in use is counted and the latest date of each
step is the one promised, since no resident may be told a date the council could miss.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from shared.cases.wording import long_date
from shared.reference.models import ServiceArea
from shared.sla import (
    SlaPolicy,
    WorkingDayCalendar,
    default_policies,
    get_policy,
    stage_deadlines,
)
from shared.validation import DATE_PARTS, DateMessages, InvalidDate, date_from_parts

FIELD = "complaint_date"
PARTS = DATE_PARTS

# -- the date a resident types --------------------------------------------------------------

COMPLAINT_DATE = DateMessages(
    enter=_l("Enter the date of your complaint"),
    missing={
        ("day",): _l("The date of your complaint must include a day"),
        ("month",): _l("The date of your complaint must include a month"),
        ("year",): _l("The date of your complaint must include a year"),
        ("day", "month"): _l("The date of your complaint must include a day and month"),
        ("day", "year"): _l("The date of your complaint must include a day and year"),
        ("month", "year"): _l("The date of your complaint must include a month and year"),
    },
    not_real=_l("The date of your complaint must be a real date"),
    in_the_future=_l("The date of your complaint must be today or in the past"),
)


def too_early_message(earliest: date):
    return _l("The date of your complaint must be on or after %(date)s", date=long_date(earliest))


def complaint_date(
    day: str | None,
    month: str | None,
    year: str | None,
    *,
    today: date,
    calendar: WorkingDayCalendar,
) -> date:
    """The date of a complaint from the three boxes of a date input, or InvalidDate saying
    what is wrong in the words the GOV.UK date input pattern uses."""
    value = date_from_parts(day, month, year, field=FIELD, messages=COMPLAINT_DATE, latest=today)
    earliest = date(calendar.first_year, 1, 1)
    if value < earliest:
        raise InvalidDate(too_early_message(earliest), FIELD)
    return value


# -- the dates owed -------------------------------------------------------------------------


@dataclass(frozen=True)
class StageTwoPromise:
    """How a stage 2 review is timed, in working days (its dates depend on when it is asked)."""

    acknowledge_days: int
    respond_days: int
    respond_counts_from_acknowledgement: bool
    extension_days: int


@dataclass(frozen=True)
class DatesOwed:
    received_on: date
    acknowledge_by: date
    respond_by: date
    latest_extended_respond_by: date
    stage_two: StageTwoPromise


def policies_for(service_areas: Iterable[ServiceArea]) -> list[SlaPolicy]:
    """The SLA policies these service areas follow, each once; every shipped policy when
    there are none (a council that has not set up its services yet)."""
    names = dict.fromkeys(area.sla_policy for area in service_areas)
    if not names:
        return list(default_policies().values())
    return [get_policy(name) for name in names]


def dates_owed(
    received_on: date, policies: Iterable[SlaPolicy], calendar: WorkingDayCalendar
) -> DatesOwed:
    """The dates owed for a complaint received on ``received_on``: with one policy, its own;
    with several, the latest of each step (and the slowest stage 2)."""
    policies = list(policies)
    if not policies:
        raise ValueError("dates_owed needs at least one policy")
    stage_one = [stage_deadlines(policy, 1, calendar, received_on) for policy in policies]
    return DatesOwed(
        received_on=received_on,
        acknowledge_by=max(d.acknowledge_by for d in stage_one),
        respond_by=max(d.respond_by for d in stage_one),
        latest_extended_respond_by=max(d.latest_extended_respond_by for d in stage_one),
        stage_two=_slowest_stage_two(policies),
    )


def _slowest_stage_two(policies: list[SlaPolicy]) -> StageTwoPromise:
    def promise(policy: SlaPolicy) -> StageTwoPromise:
        rules = policy.stage(2)
        return StageTwoPromise(
            acknowledge_days=rules.acknowledge.working_days,
            respond_days=rules.respond.working_days,
            respond_counts_from_acknowledgement=rules.respond.counts_from == "acknowledgement",
            extension_days=rules.extension_cap_working_days,
        )

    def longest(p: StageTwoPromise) -> tuple[int, int]:
        total = p.respond_days + (
            p.acknowledge_days if p.respond_counts_from_acknowledgement else 0
        )
        return total, p.extension_days

    return max((promise(policy) for policy in policies), key=longest)


def stage_one_sentences(owed: DatesOwed) -> list[str]:
    """What the resident is owed at stage 1, a sentence a date."""
    sentences = [
        _l(
            "We will contact you by %(date)s to confirm what we will look into.",
            date=long_date(owed.acknowledge_by),
        ),
        _l(
            "We will send you our full response by %(date)s.",
            date=long_date(owed.respond_by),
        ),
    ]
    if owed.latest_extended_respond_by > owed.respond_by:
        sentences.append(
            _l(
                "If we need more time, we will tell you why and give you a new date. "
                "Without a very good reason, that date will be no later than %(date)s.",
                date=long_date(owed.latest_extended_respond_by),
            )
        )
    return [str(sentence) for sentence in sentences]


def stage_two_sentences(promise: StageTwoPromise) -> list[str]:
    """How a stage 2 review is timed, in plain words: its dates start when it is asked for."""
    sentences = [
        ngettext(
            "We will contact you within %(num)d working day of your request to confirm what "
            "the review will look into.",
            "We will contact you within %(num)d working days of your request to confirm what "
            "the review will look into.",
            promise.acknowledge_days,
        )
    ]
    if promise.respond_counts_from_acknowledgement:
        sentences.append(
            ngettext(
                "We will send you our final response within %(num)d working day after that.",
                "We will send you our final response within %(num)d working days after that.",
                promise.respond_days,
            )
        )
    else:
        sentences.append(
            ngettext(
                "We will send you our final response within %(num)d working day of your request.",
                "We will send you our final response within %(num)d working days of your request.",
                promise.respond_days,
            )
        )
    if promise.extension_days:
        sentences.append(
            ngettext(
                "If we need more time, we will tell you why. Without a very good reason, it "
                "will be no more than %(num)d extra working day.",
                "If we need more time, we will tell you why. Without a very good reason, it "
                "will be no more than %(num)d extra working days.",
                promise.extension_days,
            )
        )
    return sentences


def first_contact_days(policies: Iterable[SlaPolicy]) -> int:
    """Within how many working days of receipt every new complaint is acknowledged."""
    return max(policy.stage(1).acknowledge.working_days for policy in policies)


def full_response_days(policies: Iterable[SlaPolicy]) -> int:
    """Within how many working days of receipt every new complaint gets its full response
    (counting a response due after acknowledgement from the acknowledgement deadline)."""

    def days(policy: SlaPolicy) -> int:
        rules = policy.stage(1)
        if rules.respond.counts_from == "acknowledgement":
            return rules.acknowledge.working_days + rules.respond.working_days
        return rules.respond.working_days

    return max(days(policy) for policy in policies)


def start_page_promises(policies: Iterable[SlaPolicy]) -> list[str]:
    """What happens next and by when, for the start page, from the policies in use."""
    policies = list(policies)
    return [
        ngettext(
            "We will confirm what we will look into within %(num)d working day.",
            "We will confirm what we will look into within %(num)d working days.",
            first_contact_days(policies),
        ),
        ngettext(
            "You will get our full response within %(num)d working day of your complaint.",
            "You will get our full response within %(num)d working days of your complaint.",
            full_response_days(policies),
        ),
        str(
            _l(
                "If we need more time, we will tell you why and give you a new date. "
                "If you are unhappy with our response you can ask for a review. You do not "
                "have to give a reason."
            )
        ),
    ]


def when_will_i_hear_back(
    day: str | None,
    month: str | None,
    year: str | None,
    service_areas: Iterable[ServiceArea],
    *,
    today: date,
    calendar: WorkingDayCalendar,
) -> DatesOwed:
    """The dates owed for a complaint made on the date typed, about one of these service
    areas (all of them when the resident does not know which); InvalidDate if the date is
    not one."""
    received_on = complaint_date(day, month, year, today=today, calendar=calendar)
    return dates_owed(received_on, policies_for(service_areas), calendar)


def if_you_complain_today(owed: DatesOwed) -> str:
    """The start page's example, with real dates counted from today."""
    return str(
        _l(
            "If you complain today, we will contact you by %(acknowledge)s and send you our "
            "full response by %(respond)s.",
            acknowledge=long_date(owed.acknowledge_by),
            respond=long_date(owed.respond_by),
        )
    )
