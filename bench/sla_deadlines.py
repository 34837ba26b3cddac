"""Benchmark: stage 1 and stage 2 deadlines for N random complaints.

Run by hand from the repo root:

    python bench/sla_deadlines.py [N] [--plain] [--seed S]

Received dates are spread over 2020-2030, half of each stage already acknowledged, and
complaints split between the shipped policies. By default the bulk path
(``StageDeadlineComputer``, one per policy and stage) is timed; ``--plain`` times the
one-off ``stage_deadlines`` function instead. Input generation and calendar/policy
loading are timed separately from the deadline computation.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shared.sla import (  # noqa: E402  (import after the sys.path set-up above)
    StageDeadlineComputer,
    WorkingDayCalendar,
    default_policies,
    stage_deadlines,
)

Complaint = tuple[int, date, date | None, date, date | None]


def make_complaints(n: int, n_policies: int, seed: int) -> list[Complaint]:
    """(policy index, received, stage 1 acknowledged or None, escalated, stage 2 ack or None)."""
    rng = random.Random(seed)
    first = date(2020, 1, 1).toordinal()
    days = date(2030, 12, 31).toordinal() - first + 1
    complaints: list[Complaint] = []
    for _ in range(n):
        received = date.fromordinal(first + rng.randrange(days))
        ack1 = received + timedelta(days=rng.randrange(8)) if rng.random() < 0.5 else None
        escalated = received + timedelta(days=rng.randrange(10, 90))
        ack2 = escalated + timedelta(days=rng.randrange(8)) if rng.random() < 0.5 else None
        complaints.append((rng.randrange(n_policies), received, ack1, escalated, ack2))
    return complaints


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000, help="complaints")
    parser.add_argument("--plain", action="store_true", help="time stage_deadlines()")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    calendar = WorkingDayCalendar("england-and-wales")
    policies = list(default_policies().values())
    computers = [
        (StageDeadlineComputer(p, 1, calendar), StageDeadlineComputer(p, 2, calendar))
        for p in policies
    ]
    setup = time.perf_counter() - t0

    complaints = make_complaints(args.n, len(policies), args.seed)

    start = time.perf_counter()
    if args.plain:
        for pol, received, ack1, escalated, ack2 in complaints:
            policy = policies[pol]
            stage_deadlines(policy, 1, calendar, received, ack1)
            stage_deadlines(policy, 2, calendar, escalated, ack2)
    else:
        for pol, received, ack1, escalated, ack2 in complaints:
            stage1, stage2 = computers[pol]
            stage1(received, ack1)
            stage2(escalated, ack2)
    elapsed = time.perf_counter() - start

    # Sanity check outside the timing: both paths agree on a sample.
    for pol, received, ack1, escalated, ack2 in complaints[:1000]:
        stage1, stage2 = computers[pol]
        assert stage1(received, ack1) == stage_deadlines(policies[pol], 1, calendar, received, ack1)
        assert stage2(escalated, ack2) == stage_deadlines(
            policies[pol], 2, calendar, escalated, ack2
        )

    path = "stage_deadlines()" if args.plain else "StageDeadlineComputer"
    rate = args.n / elapsed if elapsed else float("inf")
    print(f"path: {path}; calendar + policies set-up {setup:.3f} s")
    print(f"N = {args.n:,} complaints (stage 1 + stage 2 deadlines each)")
    print(f"elapsed: {elapsed:.3f} s")
    print(f"rate: {rate:,.0f} complaints/s ({2 * rate:,.0f} stage deadlines/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
