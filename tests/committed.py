"""The domain's moves, each committed in its own unit of work, as a page or command would.

Domain functions only flush; tests that make a move and then look at the database the way
the next request would use these.
"""

from __future__ import annotations

import functools

from shared import cases
from shared.cases import Actor, DomainError, IllegalMove, InvalidInput, NotPermitted  # noqa: F401
from shared.db import unit_of_work
from shared.decisions import moves as decision_moves


def _committed(function):
    @functools.wraps(function)
    def run(*args, **kwargs):
        with unit_of_work():
            return function(*args, **kwargs)

    return run


acknowledge = _committed(cases.acknowledge)
acknowledge_stage_two = _committed(cases.acknowledge_stage_two)
respond = _committed(cases.respond)
respond_stage_two = _committed(cases.respond_stage_two)
request_stage_two = _committed(cases.request_stage_two)
close = _committed(cases.close)
withdraw = _committed(cases.withdraw)
add_closure_day = _committed(cases.add_closure_day)
remove_closure_day = _committed(cases.remove_closure_day)
submit_complaint = _committed(cases.submit_complaint)
extend = _committed(cases.extend)
decide_extension = _committed(cases.decide_extension)
not_accept = _committed(cases.not_accept)
treat_as_service_request = _committed(cases.treat_as_service_request)
reverse_exclusion = _committed(cases.reverse_exclusion)
assign = _committed(cases.assign)
add_point = _committed(decision_moves.add_point)
split_point = _committed(decision_moves.split_point)
update_action = _committed(decision_moves.update_action)
