"""Rate limits on the pages worth attacking: sending a complaint, opening a private tracking
link (so that guessing a link's secret gets nowhere), asking for a stage 2 review, asking
for and using a link to follow complaints, and staff signing in (per account and per client
address).

The limits are declared here by endpoint, with their settings in `shared.web.config`
(`RATE_LIMIT_*`), rather than as decorators on the views: one table to read and review, and
the views stay as they are. The app factory wraps each listed view once; an endpoint that
no longer exists is refused at start-up, so a renamed page cannot quietly lose its limit.

Counts live in Redis when REDIS_URL is set, so a limit holds across gunicorn workers and
servers; otherwise in the process's memory (a trial on one machine). Each app gets its own
`Limiter`: flask-limiter keeps its storage on the object, so one shared between apps would
also share (and overwrite) their counts. If Redis stops answering, counting carries on in
memory, per process, until it is back, rather than failing every page.

The client address is `request.remote_addr`, which the ProxyFix installed by
`shared.web.security` takes from X-Forwarded-For only when BEHIND_PROXY is set; so a client
talking to gunicorn directly cannot claim another address to dodge a limit.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app, request
from flask.wrappers import Response
from flask_limiter import Limiter

EXTENSION = "rate_limiter"


def client_address() -> str:
    """Who is asking, for counting: the client's IPv4 address, or the /64 network of an IPv6
    one (a single connection usually holds a whole /64, so one address each would be free)."""
    address = request.remote_addr or ""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6 and ip.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def sign_in_account() -> str:
    """The account a sign-in is for: the email address given, hashed, so that the counter's
    key neither grows with what is typed nor stores the address in Redis."""
    email = (request.form.get("email") or "").strip().lower()
    return "account:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def _refused(response: Response) -> bool:
    return response.status_code >= 400


def _not_found(response: Response) -> bool:
    return response.status_code == 404


@dataclass(frozen=True)
class PageLimit:
    setting: str  # the configuration key holding the limit, e.g. "5 per 15 minutes"
    key: Callable[[], str] = client_address
    methods: tuple[str, ...] | None = None  # None: every method
    # Count only responses for which this is true (None: count every request).
    counts_when: Callable[[Response], bool] | None = None
    # Pages with the same scope share one count.
    shared_scope: str | None = None


_TRACKING = (
    PageLimit("RATE_LIMIT_TRACKING", shared_scope="tracking"),
    PageLimit(
        "RATE_LIMIT_TRACKING_NOT_FOUND", counts_when=_not_found, shared_scope="tracking-not-found"
    ),
)

LIMITED_PAGES: dict[str, tuple[PageLimit, ...]] = {
    "portal.send_complaint": (PageLimit("RATE_LIMIT_COMPLAINT", methods=("POST",)),),
    "portal.track": _TRACKING,
    "portal.equalities_start": _TRACKING,
    "portal.equalities_questions": _TRACKING,
    "portal.satisfaction_survey": _TRACKING,
    "portal.ask_for_stage_two": (
        *_TRACKING,
        PageLimit("RATE_LIMIT_STAGE_2", methods=("POST",)),
    ),
    # Asking for a link to follow complaints: from one address, and for one email address
    # (the "email" field, hashed) whoever asks, counted whether or not anything matched.
    "portal.account_start": (
        PageLimit("RATE_LIMIT_ACCOUNT_LINK_ADDRESS", methods=("POST",)),
        PageLimit("RATE_LIMIT_ACCOUNT_LINK_EMAIL", key=sign_in_account, methods=("POST",)),
    ),
    # A sign-in link that opens nothing counts towards the same budget as a tracking link
    # that matches no complaint, so guessing either gets nowhere.
    "portal.account_sign_in": (
        PageLimit(
            "RATE_LIMIT_TRACKING_NOT_FOUND",
            counts_when=_not_found,
            shared_scope="tracking-not-found",
        ),
    ),
    "portal.account_stage_two": (PageLimit("RATE_LIMIT_STAGE_2", methods=("POST",)),),
    "portal.add_information": (
        *_TRACKING,
        PageLimit("RATE_LIMIT_ADD_INFORMATION", methods=("POST",)),
    ),
    "portal.download_own_file": _TRACKING,
    "portal.what_you_sent": _TRACKING,
    # Failed attempts only: a council office signing everyone in at nine is not an attack.
    "backoffice.sign_in": (
        PageLimit(
            "RATE_LIMIT_SIGN_IN_ACCOUNT",
            key=sign_in_account,
            methods=("POST",),
            counts_when=_refused,
        ),
        PageLimit("RATE_LIMIT_SIGN_IN_ADDRESS", methods=("POST",), counts_when=_refused),
    ),
}


def setup_rate_limits(app: Flask) -> None:
    """Put the limits on the pages in LIMITED_PAGES (after the blueprints are registered)."""
    # Checked even with limits off (as in tests), so that a renamed page is noticed at once.
    missing = sorted(set(LIMITED_PAGES) - set(app.view_functions))
    if missing:
        raise RuntimeError(f"rate limits name pages that do not exist: {', '.join(missing)}")
    if not app.config["RATELIMIT_ENABLED"]:
        return
    limiter = Limiter(
        key_func=client_address,
        strategy="moving-window",
        # The counts carry on in memory while Redis is unreachable.
        in_memory_fallback_enabled=True,
        swallow_errors=True,
    )
    limiter.init_app(app)
    app.extensions[EXTENSION] = limiter
    for endpoint, page_limits in LIMITED_PAGES.items():
        view = app.view_functions[endpoint]
        for page_limit in page_limits:
            options = {
                "key_func": page_limit.key,
                "methods": list(page_limit.methods) if page_limit.methods else None,
                "deduct_when": page_limit.counts_when,
            }
            value = app.config[page_limit.setting]
            if page_limit.shared_scope:
                decorate = limiter.shared_limit(value, page_limit.shared_scope, **options)
            else:
                decorate = limiter.limit(value, **options)
            view = decorate(view)
        app.view_functions[endpoint] = view


def seconds_until_allowed() -> int | None:
    """After a limit was reached in this request: how long until one more attempt is
    allowed, in whole seconds; None when no limit of this app was reached."""
    limiter: Limiter | None = current_app.extensions.get(EXTENSION)
    reached = limiter.current_limit if limiter is not None else None
    if reached is None or not reached.breached:
        return None
    reset_time, _remaining = reached.window
    return max(1, math.ceil(reset_time - time.time()))
