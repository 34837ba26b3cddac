"""SLA policies: the shipped data, look-up errors and validation of policy files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from shared.sla import (
    DEFAULT_POLICY,
    DeadlineRule,
    PolicyError,
    SlaPolicy,
    StagePolicy,
    UnknownPolicy,
    UnknownStage,
    default_policies,
    get_policy,
    load_policies,
)

# -- the shipped policies -------------------------------------------------------------------


def test_shipped_policies() -> None:
    policies = load_policies()
    assert sorted(policies) == ["corporate-2019", "housing-code-2024"]
    assert DEFAULT_POLICY == "housing-code-2024"

    housing = policies["housing-code-2024"]
    assert housing.name == "housing-code-2024"
    assert housing.title == "Housing Ombudsman Complaint Handling Code 2024"
    assert housing.stage(1) == StagePolicy(
        acknowledge=DeadlineRule("receipt", 5),
        respond=DeadlineRule("acknowledgement", 10),
        extension_cap_working_days=10,
    )
    assert housing.stage(2) == StagePolicy(
        acknowledge=DeadlineRule("escalation_request", 5),
        respond=DeadlineRule("acknowledgement", 20),
        extension_cap_working_days=20,
    )

    corporate = policies["corporate-2019"]
    assert corporate.title == (
        "Corporate complaints procedure (stage 1 in 15, stage 2 in 20 working days)"
    )
    assert corporate.stage(1) == StagePolicy(
        DeadlineRule("receipt", 5), DeadlineRule("receipt", 15), 10
    )
    assert corporate.stage(2) == StagePolicy(
        DeadlineRule("escalation_request", 5), DeadlineRule("escalation_request", 20), 20
    )


def test_default_policies_are_cached_and_read_only() -> None:
    assert default_policies() is default_policies()
    assert get_policy(DEFAULT_POLICY) is default_policies()[DEFAULT_POLICY]
    with pytest.raises(TypeError):
        default_policies()["x"] = get_policy(DEFAULT_POLICY)  # type: ignore[index]
    with pytest.raises(TypeError):
        get_policy(DEFAULT_POLICY).stages[3] = get_policy(DEFAULT_POLICY).stage(1)  # type: ignore[index]


def test_policies_are_frozen_and_hashable() -> None:
    policy = get_policy(DEFAULT_POLICY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        policy.title = "changed"  # type: ignore[misc]
    assert {policy: 1}[load_policies()[DEFAULT_POLICY]] == 1  # equal by value


def test_unknown_policy_lists_known_policies() -> None:
    with pytest.raises(UnknownPolicy) as excinfo:
        get_policy("x")
    assert str(excinfo.value) == (
        "unknown policy 'x'; known policies: corporate-2019, housing-code-2024"
    )
    assert isinstance(excinfo.value, ValueError)


def test_get_policy_from_an_explicit_set() -> None:
    policies = load_policies()
    assert get_policy("corporate-2019", policies) is policies["corporate-2019"]
    with pytest.raises(UnknownPolicy, match="known policies: corporate-2019$"):
        get_policy("housing-code-2024", {"corporate-2019": policies["corporate-2019"]})


@pytest.mark.parametrize("stage", [0, 3, "1", None])
def test_unknown_stage(stage: object) -> None:
    message = r"policy 'housing-code-2024' has no stage .*; stages: 1, 2"
    with pytest.raises(UnknownStage, match=message):
        get_policy(DEFAULT_POLICY).stage(stage)  # type: ignore[arg-type]


# -- validation of policy files -------------------------------------------------------------

VALID = """
[policies.test]
title = "Test policy"

[policies.test.stages.1]
acknowledge = { counts_from = "receipt", working_days = 2 }
respond = { counts_from = "receipt", working_days = 10 }
extension_cap_working_days = 10

[policies.test.stages.2]
acknowledge = { counts_from = "escalation_request", working_days = 5 }
respond = { counts_from = "acknowledgement", working_days = 20 }
extension_cap_working_days = 20
"""

STAGE_1_RESPOND = 'respond = { counts_from = "receipt", working_days = 10 }'
STAGE_2_ACK = 'acknowledge = { counts_from = "escalation_request", working_days = 5 }'


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policies.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_loads(tmp_path: Path) -> None:
    policies = load_policies(write(tmp_path, VALID))
    policy = policies["test"]
    assert policy.stage(1).acknowledge == DeadlineRule("receipt", 2)
    assert policy.stage(2).respond == DeadlineRule("acknowledgement", 20)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            STAGE_1_RESPOND,
            'respond = { counts_from = "receipt_date", working_days = 10 }',
            r"policy 'test' stage 1 respond: counts_from must be one of receipt, "
            r"escalation_request, acknowledgement; got 'receipt_date'",
        ),
        (
            STAGE_1_RESPOND,
            'respond = { counts_from = "escalation_request", working_days = 10 }',
            r"policy 'test': stage 1 respond cannot count from escalation_request",
        ),
        (
            STAGE_2_ACK,
            'acknowledge = { counts_from = "receipt", working_days = 5 }',
            r"policy 'test': stage 2 acknowledge cannot count from receipt",
        ),
        (
            STAGE_2_ACK,
            'acknowledge = { counts_from = "acknowledgement", working_days = 5 }',
            r"stage 2: the acknowledge deadline cannot count from acknowledgement",
        ),
        (
            STAGE_1_RESPOND,
            'respond = { counts_from = "receipt", working_days = 0 }',
            r"stage 1 respond: working_days must be a positive whole number .* got 0",
        ),
        (
            STAGE_1_RESPOND,
            'respond = { counts_from = "receipt", working_days = -3 }',
            r"working_days must be a positive whole number of working days, got -3",
        ),
        (
            STAGE_1_RESPOND,
            'respond = { counts_from = "receipt", working_days = "10" }',
            r"working_days must be a positive whole number of working days, got '10'",
        ),
        (
            STAGE_1_RESPOND,
            'respond = { counts_from = "receipt", working_days = 2.5 }',
            r"got 2\.5",
        ),
        (
            STAGE_1_RESPOND,
            'respond = { counts_from = "receipt", working_days = true }',
            r"got True",
        ),
        (
            STAGE_1_RESPOND,
            'respond = { counts_from = "receipt", working_day = 10 }',
            r"stage 1 respond: missing 'working_days'",
        ),
        (
            STAGE_1_RESPOND,
            'respond = { counts_from = "receipt", working_days = 10, extra = 1 }',
            r"stage 1 respond: unknown key 'extra'",
        ),
        (
            "extension_cap_working_days = 20",
            "extension_cap_working_days = -1",
            r"stage 2: extension_cap_working_days must be a non-negative whole number",
        ),
        (
            "extension_cap_working_days = 20",
            "",
            r"stage 2: missing 'extension_cap_working_days'",
        ),
        ('title = "Test policy"', "", r"policy 'test': missing 'title'"),
        ('title = "Test policy"', 'title = ""', r"title must be a non-empty string"),
        ("[policies.test.stages.2]", "[policies.test.stages.3]", r"unknown stage '3'"),
        ("[policies.test]", "[policies.test]\nhandler = 1", r"unknown key 'handler'"),
        ("[policies.test.stages.1]", "[policies.test.stages.1]\n[x", r"not valid TOML"),
    ],
)
def test_invalid_policy_files(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in VALID
    path = write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(PolicyError, match=message) as excinfo:
        load_policies(path)
    assert str(path) in str(excinfo.value)  # the message says which file


def test_missing_stage(tmp_path: Path) -> None:
    only_stage_1 = VALID[: VALID.index("[policies.test.stages.2]")]
    with pytest.raises(PolicyError, match="policy 'test': missing stage 2"):
        load_policies(write(tmp_path, only_stage_1))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "top level: missing 'policies'"),
        ("[policies]\n", r"\[policies\]: no policies defined"),
        ('policies = "x"\n', r"\[policies\]: expected a table, got str"),
        ("[policies.test]\ntitle = 'T'\nstages = 1\n", "policy 'test' stages: expected a table"),
    ],
)
def test_malformed_documents(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        load_policies(write(tmp_path, text))


def test_policy_errors_are_value_errors() -> None:
    assert issubclass(PolicyError, ValueError)
    assert issubclass(UnknownStage, ValueError)


def test_dataclasses_validate_when_built_in_code() -> None:
    with pytest.raises(PolicyError, match="counts_from must be one of"):
        DeadlineRule("received", 5)
    with pytest.raises(PolicyError, match="working_days must be a positive"):
        DeadlineRule("receipt", 0)
    stage_1 = StagePolicy(DeadlineRule("receipt", 5), DeadlineRule("receipt", 10), 0)
    stage_2 = StagePolicy(
        DeadlineRule("escalation_request", 5), DeadlineRule("acknowledgement", 20), 20
    )
    assert SlaPolicy("p", "P", {1: stage_1, 2: stage_2}).stage(1) is stage_1
    with pytest.raises(PolicyError, match="missing stage 2"):
        SlaPolicy("p", "P", {1: stage_1})
    with pytest.raises(PolicyError, match="stage 1 acknowledge cannot count from escalation"):
        SlaPolicy("p", "P", {1: stage_2, 2: stage_2})
    with pytest.raises(PolicyError, match="stage 2 acknowledge cannot count from receipt"):
        SlaPolicy("p", "P", {1: stage_1, 2: stage_1})
