"""Complaint-handling timescale policies, loaded from data (``policies.toml``).

Councils run different policies per service area (DOMAIN.md "Timescales"), so a policy
is data: which event each deadline counts from, how many working days it allows, and the
extension cap. The dataclasses validate themselves, so a policy built in code (tests, a
future database-backed policy) obeys the same rules as one loaded from TOML.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = [
    "COUNTS_FROM",
    "DEFAULT_POLICY",
    "DEFAULT_POLICIES_PATH",
    "DeadlineRule",
    "PolicyError",
    "SlaPolicy",
    "StagePolicy",
    "UnknownPolicy",
    "UnknownStage",
    "default_policies",
    "get_policy",
    "load_policies",
]

DEFAULT_POLICY = "housing-code-2024"
DEFAULT_POLICIES_PATH = Path(__file__).with_name("policies.toml")

# The events a deadline can count from. Receipt starts stage 1, the escalation request
# starts stage 2; acknowledgement is the acknowledgement of the same stage.
COUNTS_FROM: tuple[str, ...] = ("receipt", "escalation_request", "acknowledgement")
STAGES: tuple[int, ...] = (1, 2)
# The event that starts each stage: a stage's rules may not count from the other's.
STAGE_START_EVENT: Mapping[int, str] = MappingProxyType({1: "receipt", 2: "escalation_request"})


class PolicyError(ValueError):
    """A policy definition is invalid."""


class UnknownPolicy(ValueError):
    """No policy with that name."""


class UnknownStage(ValueError):
    """The policy has no such stage."""


def _positive_int(value: Any, what: str, *, allow_zero: bool = False) -> None:
    # bool is an int subclass; "working_days = true" is a typo, not 1.
    low = 0 if allow_zero else 1
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        kind = "a non-negative" if allow_zero else "a positive"
        raise PolicyError(f"{what} must be {kind} whole number of working days, got {value!r}")


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """A deadline ``working_days`` working days after the ``counts_from`` event."""

    counts_from: str
    working_days: int

    def __post_init__(self) -> None:
        if self.counts_from not in COUNTS_FROM:
            raise PolicyError(
                f"counts_from must be one of {', '.join(COUNTS_FROM)}; got {self.counts_from!r}"
            )
        _positive_int(self.working_days, "working_days")


@dataclass(frozen=True, slots=True)
class StagePolicy:
    """Deadlines for one stage. An extension cap of 0 means no extensions."""

    acknowledge: DeadlineRule
    respond: DeadlineRule
    extension_cap_working_days: int

    def __post_init__(self) -> None:
        if self.acknowledge.counts_from == "acknowledgement":
            raise PolicyError("the acknowledge deadline cannot count from acknowledgement")
        _positive_int(
            self.extension_cap_working_days, "extension_cap_working_days", allow_zero=True
        )


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    """A named policy with a ``StagePolicy`` for each of stages 1 and 2."""

    name: str
    title: str
    # Read-only after construction (a MappingProxyType), since policies are shared via
    # the cached default load. Excluded from the hash because mappings are unhashable.
    stages: Mapping[int, StagePolicy] = field(hash=False)

    def __post_init__(self) -> None:
        if not self.name or not isinstance(self.name, str):
            raise PolicyError(f"policy name must be a non-empty string, got {self.name!r}")
        if not self.title or not isinstance(self.title, str):
            raise PolicyError(f"policy {self.name!r}: title must be a non-empty string")
        stages = dict(self.stages)
        missing = [s for s in STAGES if s not in stages]
        if missing:
            raise PolicyError(f"policy {self.name!r}: missing stage {missing[0]}")
        extra = sorted(set(stages) - set(STAGES), key=str)
        if extra:
            raise PolicyError(
                f"policy {self.name!r}: unknown stage {extra[0]!r}; stages are 1 and 2"
            )
        for number, stage in stages.items():
            if not isinstance(stage, StagePolicy):
                raise PolicyError(f"policy {self.name!r}: stage {number} is not a StagePolicy")
            other = STAGE_START_EVENT[3 - number]
            for step in ("acknowledge", "respond"):
                if getattr(stage, step).counts_from == other:
                    raise PolicyError(
                        f"policy {self.name!r}: stage {number} {step} cannot count from "
                        f"{other} (stage {number} starts at {STAGE_START_EVENT[number]})"
                    )
        object.__setattr__(self, "stages", MappingProxyType(stages))

    def stage(self, number: int) -> StagePolicy:
        """The policy for stage ``number``; raises ``UnknownStage`` otherwise."""
        try:
            return self.stages[number]
        except (KeyError, TypeError):
            known = ", ".join(str(s) for s in sorted(self.stages))
            raise UnknownStage(
                f"policy {self.name!r} has no stage {number!r}; stages: {known}"
            ) from None


# -- loading ---------------------------------------------------------------------------


def _table(value: Any, where: str, keys: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Check ``value`` is a TOML table; with ``keys``, exactly those keys (typos are errors)."""
    if not isinstance(value, dict):
        raise PolicyError(f"{where}: expected a table, got {type(value).__name__}")
    if keys is not None:
        for key in keys:
            if key not in value:
                raise PolicyError(f"{where}: missing {key!r}")
        unknown = sorted(set(value) - set(keys))
        if unknown:
            raise PolicyError(f"{where}: unknown key {unknown[0]!r}")
    return value


def _parse_rule(raw: Any, where: str) -> DeadlineRule:
    raw = _table(raw, where, ("counts_from", "working_days"))
    try:
        return DeadlineRule(counts_from=raw["counts_from"], working_days=raw["working_days"])
    except PolicyError as exc:
        raise PolicyError(f"{where}: {exc}") from None


def _parse_stage(raw: Any, where: str) -> StagePolicy:
    raw = _table(raw, where, ("acknowledge", "respond", "extension_cap_working_days"))
    acknowledge = _parse_rule(raw["acknowledge"], f"{where} acknowledge")
    respond = _parse_rule(raw["respond"], f"{where} respond")
    try:
        return StagePolicy(acknowledge, respond, raw["extension_cap_working_days"])
    except PolicyError as exc:
        raise PolicyError(f"{where}: {exc}") from None


def _parse_policy(name: str, raw: Any) -> SlaPolicy:
    where = f"policy {name!r}"
    raw = _table(raw, where, ("title", "stages"))
    raw_stages = _table(raw["stages"], f"{where} stages")
    stages: dict[int, StagePolicy] = {}
    for key, raw_stage in raw_stages.items():
        if key not in {str(s) for s in STAGES}:
            raise PolicyError(f"{where}: unknown stage {key!r}; stages are 1 and 2")
        stages[int(key)] = _parse_stage(raw_stage, f"{where} stage {key}")
    return SlaPolicy(name=name, title=raw["title"], stages=stages)


def load_policies(path: Path | None = None) -> dict[str, SlaPolicy]:
    """Read and validate every policy in a TOML file (default: the shipped policies.toml).

    Always reads the file; use ``default_policies()``/``get_policy()`` for the cached
    shipped set. Raises ``PolicyError`` with the policy, stage and step at fault.
    """
    source = DEFAULT_POLICIES_PATH if path is None else Path(path)
    try:
        with source.open("rb") as fh:
            document = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{source}: not valid TOML: {exc}") from None
    try:
        _table(document, "top level", ("policies",))
        raw_policies = _table(document["policies"], "[policies]")
        if not raw_policies:
            raise PolicyError("[policies]: no policies defined")
        return {name: _parse_policy(name, raw) for name, raw in raw_policies.items()}
    except PolicyError as exc:
        raise PolicyError(f"{source}: {exc}") from None


@cache
def default_policies() -> Mapping[str, SlaPolicy]:
    """The shipped policies, loaded once per process (read-only)."""
    return MappingProxyType(load_policies())


def get_policy(name: str, policies: Mapping[str, SlaPolicy] | None = None) -> SlaPolicy:
    """The policy called ``name`` (from ``policies``, default the shipped set)."""
    available = default_policies() if policies is None else policies
    try:
        return available[name]
    except (KeyError, TypeError):
        known = ", ".join(sorted(available))
        raise UnknownPolicy(f"unknown policy {name!r}; known policies: {known}") from None
