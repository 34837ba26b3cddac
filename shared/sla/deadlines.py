"""Stage deadlines: a policy's rules applied to a working-day calendar.

``StageDeadlineComputer`` holds the only copy of how a policy is interpreted (which event
each deadline counts from, projecting the response deadline until the stage is
acknowledged). ``stage_deadlines`` is the convenient one-off form of it; bulk callers
(reports, recalculating after a closure-day change, the benchmark) build one computer per
policy/stage/calendar and call it many times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.sla.calendar import WorkingDayCalendar
from shared.sla.policy import SlaPolicy

__all__ = [
    "StageDeadlineComputer",
    "StageDeadlines",
    "extended_respond_by",
    "stage_deadlines",
]


@dataclass(frozen=True, slots=True)
class StageDeadlines:
    """The deadlines for one stage of one complaint (all inclusive: "on or before")."""

    acknowledge_by: date
    respond_by: date
    # respond_by plus the policy's extension cap: the latest an extension may run to
    # without a recorded good reason.
    latest_extended_respond_by: date

    def as_dict(self) -> dict[str, str]:
        return {
            "acknowledge_by": self.acknowledge_by.isoformat(),
            "respond_by": self.respond_by.isoformat(),
            "latest_extended_respond_by": self.latest_extended_respond_by.isoformat(),
        }


class StageDeadlineComputer:
    """Computes ``StageDeadlines`` for one stage of one policy on one calendar.

    The rules are resolved once here, and the calendar's precomputed tables are used
    directly, so each call is a handful of list look-ups. Indexing follows
    ``WorkingDayCalendar``: ``count_upto[i]`` is the index of the first working day
    strictly after ``base + i``, so the n-th working day after a date is
    ``working[count_upto[i] + n - 1]``.
    """

    __slots__ = (
        "_ack_days",
        "_base",
        "_cap",
        "_count_upto",
        "_resp_days",
        "_resp_from_ack",
        "_span",
        "_working",
        "calendar",
        "policy",
        "stage",
    )

    def __init__(self, policy: SlaPolicy, stage: int, calendar: WorkingDayCalendar) -> None:
        rules = policy.stage(stage)
        self.policy = policy
        self.stage = stage
        self.calendar = calendar
        # Policy validation guarantees acknowledge counts from the stage's start event and
        # respond counts from either that event or the acknowledgement.
        self._ack_days = rules.acknowledge.working_days
        self._resp_days = rules.respond.working_days
        self._resp_from_ack = rules.respond.counts_from == "acknowledgement"
        self._cap = rules.extension_cap_working_days
        self._base, self._span, self._count_upto, self._working = calendar._tables()

    def __call__(self, started_on: date, acknowledged_on: date | None = None) -> StageDeadlines:
        """Deadlines for a stage that started on ``started_on`` (receipt for stage 1, the
        escalation request for stage 2), acknowledged on ``acknowledged_on`` if it has been.
        """
        i = started_on.toordinal() - self._base
        if not 0 <= i < self._span:
            self.calendar._check(started_on, "started_on")
        ack_j = self._count_upto[i] + self._ack_days - 1
        if not self._resp_from_ack:
            resp_j = self._count_upto[i] + self._resp_days - 1
        elif acknowledged_on is None:
            # Not acknowledged yet: project from the acknowledgement deadline, which is a
            # working day at index ack_j, so the days after it start at ack_j + 1.
            resp_j = ack_j + self._resp_days
        else:
            k = acknowledged_on.toordinal() - self._base
            if k < i:
                raise ValueError(
                    f"acknowledged_on {acknowledged_on.isoformat()} is before "
                    f"started_on {started_on.isoformat()}"
                )
            if k >= self._span:
                self.calendar._check(acknowledged_on, "acknowledged_on")
            resp_j = self._count_upto[k] + self._resp_days - 1
        working = self._working
        try:
            return StageDeadlines(working[ack_j], working[resp_j], working[resp_j + self._cap])
        except IndexError:
            raise ValueError(
                f"stage {self.stage} deadlines for {started_on.isoformat()} fall after "
                f"{self.calendar.last_year}, the end of the working-day calendar"
            ) from None


def stage_deadlines(
    policy: SlaPolicy,
    stage: int,
    calendar: WorkingDayCalendar,
    started_on: date,
    acknowledged_on: date | None = None,
) -> StageDeadlines:
    """Deadlines for one stage of one complaint.

    ``started_on`` is the receipt date for stage 1 and the escalation-request date for
    stage 2. Until the stage is acknowledged (``acknowledged_on`` is None) a response
    deadline that counts from acknowledgement is projected from the acknowledgement
    deadline. Raises ``UnknownStage`` for a stage the policy lacks and ``ValueError`` for
    dates outside the calendar or an acknowledgement before the stage started.
    """
    return StageDeadlineComputer(policy, stage, calendar)(started_on, acknowledged_on)


def extended_respond_by(
    calendar: WorkingDayCalendar, respond_by: date, extra_working_days: int
) -> date:
    """The response deadline after extending ``respond_by`` by ``extra_working_days``.

    Does not enforce the policy's cap: exceeding it is allowed with a recorded good
    reason, which is the caller's decision.
    """
    return calendar.add_working_days(respond_by, extra_working_days)
