"""Demonstration data for equalities monitoring and the satisfaction survey: enough answers
for the "Equalities analysis" page to show both counts and hidden ("fewer than 5") cells,
and closed complaints with and without a survey. Called by `shared.demo` once."""

from __future__ import annotations

from datetime import datetime, timedelta

from shared import cases
from shared.cases import Actor
from shared.equalities import PREFER_NOT_TO_SAY, QUESTIONS, record_answers
from shared.surveys import record_survey

# (how many, answers, stage 1 outcome or None for still open); the rest "prefer not to say".
PROFILES = [
    (
        8,
        {
            "age_band": "25_to_34",
            "sex": "female",
            "gender_identity": "same",
            "sexual_orientation": "straight",
            "ethnic_group": "white",
            "religion": "none",
            "disability": "no",
            "pregnancy_maternity": "no",
            "marriage": "never",
        },
        "upheld",
    ),
    (
        3,
        {
            "age_band": "45_to_54",
            "sex": "male",
            "ethnic_group": "asian",
            "religion": "muslim",
            "disability": "yes_a_little",
            "marriage": "married",
        },
        "not_upheld",
    ),
    (
        2,
        {
            "age_band": "65_to_74",
            "sex": "female",
            "ethnic_group": "black",
            "disability": "yes_a_lot",
        },
        None,
    ),
    (1, {}, "partially_upheld"),
]
# The survey, answered for some of the closed complaints: (handling 1-5, kept informed, comment).
SURVEYS = [
    (5, "yes", "Quick and polite. The repair was done the week after."),
    (4, "yes", None),
    (4, "partly", None),
    (2, "no", "Nobody called me back until I chased it."),
    (3, "partly", None),
    (5, "yes", None),
    (4, "yes", None),
    (1, "no", None),
]
NAMES = [
    "Aled Price", "Bethan Lloyd", "Chloe Martin", "Dev Patel", "Ellie Ward", "Femi Adeyemi",
    "Gwen Morgan", "Hana Novak", "Imran Qureshi", "Jade Turner", "Kofi Mensah", "Lena Fischer",
    "Maya Green", "Nasra Ali",
]  # fmt: skip


def load_equalities_and_surveys(submit, staff: dict, now: datetime) -> None:
    """`submit` is the demo's own way of making a complaint (shared.demo._submit)."""
    officer = Actor.staff(staff["complaints_officer"])
    names = iter(NAMES)
    surveys = iter(SURVEYS)
    day = 40
    for number, given, outcome in PROFILES:
        for _ in range(number):
            day -= 2
            name = next(names)
            complaint = submit(
                name,
                "repairs_and_maintenance",
                "The repair I reported was not done in the time promised.",
                "Do the repair.",
                days_ago=day + 10,
            )
            if outcome:
                cases.acknowledge(
                    officer,
                    complaint,
                    definition_points=["The repair was not done in the time promised."],
                    outcomes_sought=["put_things_right"],
                    at=now - timedelta(days=day + 8),
                )
                cases.respond(
                    officer,
                    complaint,
                    outcome=outcome,
                    reasons="We checked the repair records and the visit dates.",
                    at=now - timedelta(days=day + 2),
                )
                cases.close(officer, complaint, at=now - timedelta(days=day))
                answer = next(surveys, None)
                if answer:
                    handling, informed, comment = answer
                    record_survey(
                        complaint, handling=handling, kept_informed=informed, comment=comment
                    )
            record_answers(
                complaint, {q.code: given.get(q.code, PREFER_NOT_TO_SAY) for q in QUESTIONS}
            )
