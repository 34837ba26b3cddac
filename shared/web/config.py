"""Configuration from environment variables, with safe defaults.

Production is the default (COMPLAINTS_ENV unset). Outside development the app refuses to
start without SECRET_KEY (a key generated per host would break sessions across servers)
and PUBLIC_BASE_URL (every emailed link would point at localhost). In development a key
is generated once into the instance folder, so every worker and restart shares it.
"""

from __future__ import annotations

import os
import re
import secrets
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import click
from limits import parse_many

UK_NATIONS = ("england-and-wales", "scotland", "northern-ireland")
MAIL_BACKENDS = ("file", "smtp", "notify")


class ConfigurationError(click.ClickException, RuntimeError):
    """The environment asks for something the app cannot run with.

    A ClickException, so that the `complaints` command prints it as one line ("Error: ...")
    and exits non-zero instead of showing a traceback; the message names the variable.
    """


def env_flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def whole_number(env, name: str, default: int, minimum: int = 0) -> int:
    """The setting `name` as a whole number, its default when unset, or a ConfigurationError."""
    raw = str(env.get(name) or "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < minimum:
        raise ConfigurationError(
            f"{name} must be a whole number of at least {minimum}, not {raw!r}"
        )
    return int(raw)


# An origin as a CSP source: scheme, host and an optional port, nothing that could end the
# directive or add another.
_ORIGIN = re.compile(r"https?://[a-z0-9.-]+(?::[0-9]{1,5})?")


def logo_origin(logo_url: str) -> str | None:
    """The origin a logo kept on another site comes from, for the CSP; None for this site's."""
    if not logo_url or (logo_url.startswith("/") and not logo_url.startswith("//")):
        return None
    parts = urlsplit(logo_url)
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    if not _ORIGIN.fullmatch(origin):
        raise ConfigurationError(
            f"COUNCIL_LOGO_URL must be an https:// address or a path on this site, not {logo_url!r}"
        )
    return origin


def check_environment(env=None) -> None:
    """Refuse, with one line naming the variable, settings the app cannot start with.

    gunicorn.conf.py runs this before gunicorn starts anything; load_config runs it too.
    """
    env = os.environ if env is None else env
    development = env.get("COMPLAINTS_ENV", "production") == "development"
    if not development and not env.get("SECRET_KEY"):
        raise ConfigurationError(
            "SECRET_KEY is not set: give every server the same long random value "
            "(set COMPLAINTS_ENV=development to generate one for a trial)"
        )
    if not development and not env.get("PUBLIC_BASE_URL"):
        raise ConfigurationError(
            "PUBLIC_BASE_URL is not set: give the portal's public address, "
            "e.g. https://complaints.example.gov.uk, for the links in emails"
        )
    uk_nation = env.get("UK_NATION") or "england-and-wales"
    if uk_nation not in UK_NATIONS:
        raise ConfigurationError(
            f"UK_NATION must be one of {', '.join(UK_NATIONS)}, not {uk_nation!r}"
        )
    mail_backend = env.get("MAIL_BACKEND") or "file"
    if mail_backend not in MAIL_BACKENDS:
        raise ConfigurationError(
            f"MAIL_BACKEND must be one of {', '.join(MAIL_BACKENDS)}, not {mail_backend!r}"
        )
    if mail_backend == "notify" and not (
        env.get("NOTIFY_API_KEY") and env.get("NOTIFY_TEMPLATE_ID")
    ):
        raise ConfigurationError("MAIL_BACKEND=notify needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID")
    notify_template_ids(env)
    logo_origin(env.get("COUNCIL_LOGO_URL") or "")
    web_address(env, "SERVICE_REQUEST_URL")
    statement_date(env)
    for name, minimum in _WHOLE_NUMBERS.items():
        whole_number(env, name, 0, minimum)
    rate_limit_storage(env)
    for name in RATE_LIMITS:
        rate_limit(env, name)


# Numeric settings and their least sensible value.
_WHOLE_NUMBERS = {
    "SMTP_PORT": 1,
    "TRACKING_LINK_DAYS_AFTER_CLOSING": 0,
    "STAFF_IDLE_MINUTES": 1,
    "ACCOUNT_LINK_MINUTES": 1,
    "ACCOUNT_IDLE_MINUTES": 1,
    "RECORDS_RETENTION_YEARS": 1,
}


# --- The council's contact details, shown on the portal's public pages ---------------------
# Development defaults are the fictional Riverside Borough Council's; a council sets its own.
CONTACT_DEFAULTS = {
    "COUNCIL_PHONE": "0300 123 4567",
    "COUNCIL_POSTAL_ADDRESS": "Complaints Team, Riverside Borough Council, Town Hall, "
    "High Street, Riverside, RV1 1AA",
    "COUNCIL_VISIT_ADDRESS": "Customer Service Centre, Town Hall, High Street, Riverside, RV1 1AA",
    "SERVICE_REQUEST_URL": "https://www.riverside.example.gov.uk/report-it",
    "DATA_PROTECTION_EMAIL": "data.protection@example.gov.uk",
}
ACCESSIBILITY_STATEMENT_DEFAULT_DATE = "2026-12-01"


def web_address(env, name: str) -> str:
    """The setting `name` as an http(s) address, or a ConfigurationError naming it."""
    value = (env.get(name) or CONTACT_DEFAULTS[name]).strip()
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigurationError(f"{name} must be an https:// address, not {value!r}")
    return value


def statement_date(env) -> date:
    """When the accessibility statement was last reviewed (ACCESSIBILITY_STATEMENT_DATE)."""
    raw = (env.get("ACCESSIBILITY_STATEMENT_DATE") or ACCESSIBILITY_STATEMENT_DEFAULT_DATE).strip()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ConfigurationError(
            f"ACCESSIBILITY_STATEMENT_DATE must be a date like 2026-12-01, not {raw!r}"
        ) from None


def notify_template_ids(env) -> dict:
    """NOTIFY_TEMPLATE_IDS: a Notify template for some notice kinds, as
    `kind=template-id,kind=template-id`; every other kind uses NOTIFY_TEMPLATE_ID."""
    ids = {}
    for pair in filter(
        None, (p.strip() for p in (env.get("NOTIFY_TEMPLATE_IDS") or "").split(","))
    ):
        kind, _, template_id = pair.partition("=")
        if not kind.strip() or not template_id.strip():
            raise ConfigurationError(
                "NOTIFY_TEMPLATE_IDS must be kind=template-id pairs separated by commas,"
                f" not {pair!r}"
            )
        ids[kind.strip()] = template_id.strip()
    return ids


def contact_settings(env) -> dict:
    """The council's contact details, from the environment or the development defaults.

    A postal address is written on one line with commas; pages show one part a line.
    """
    settings = {
        name: (env.get(name) or default).strip() for name, default in CONTACT_DEFAULTS.items()
    }
    settings["SERVICE_REQUEST_URL"] = web_address(env, "SERVICE_REQUEST_URL")
    settings["ACCESSIBILITY_STATEMENT_DATE"] = statement_date(env)
    settings["RECORDS_RETENTION_YEARS"] = whole_number(env, "RECORDS_RETENTION_YEARS", 6, 1)
    return settings


# Rate limits, per client address unless said otherwise, in the notation of the `limits`
# package ("5 per 15 minutes", several joined by ";"). Setting and default.
RATE_LIMITS = {
    # Sending the complaint form, whether or not it is accepted.
    "RATE_LIMIT_COMPLAINT": "10 per hour; 50 per day",
    # Opening a private tracking link (its page or the stage 2 request page)...
    "RATE_LIMIT_TRACKING": "60 per minute",
    # ...and those that match no complaint, so guessing a link's secret gets nowhere.
    "RATE_LIMIT_TRACKING_NOT_FOUND": "20 per hour",
    # Sending the stage 2 request.
    "RATE_LIMIT_STAGE_2": "5 per hour",
    # Adding information or evidence from a tracking page.
    "RATE_LIMIT_ADD_INFORMATION": "10 per hour; 30 per day",
    # Failed staff sign-ins, for one account (the email address given) and from one address.
    "RATE_LIMIT_SIGN_IN_ACCOUNT": "10 per 15 minutes",
    "RATE_LIMIT_SIGN_IN_ADDRESS": "30 per 15 minutes",
    # Asking for a link to follow complaints, from one address and for one email address
    # (counted whether or not the details matched, so the limit says nothing about them).
    "RATE_LIMIT_ACCOUNT_LINK_ADDRESS": "10 per hour",
    "RATE_LIMIT_ACCOUNT_LINK_EMAIL": "5 per hour",
}
_REDIS_SCHEMES = ("redis://", "rediss://", "redis+unix://")


def rate_limit(env, name: str) -> str:
    """The rate limit setting `name`, its default when unset, or a ConfigurationError."""
    raw = str(env.get(name) or "").strip() or RATE_LIMITS[name]
    try:
        parse_many(raw)
    except ValueError:
        raise ConfigurationError(
            f"{name} must be a rate limit such as '5 per 15 minutes', not {raw!r}"
        ) from None
    return raw


def rate_limit_storage(env) -> str:
    """Where rate limits are counted: Redis when REDIS_URL is set, so that every worker and
    server shares one count, otherwise this process's memory."""
    redis_url = str(env.get("REDIS_URL") or "").strip()
    if not redis_url:
        return "memory://"
    if not redis_url.startswith(_REDIS_SCHEMES):
        raise ConfigurationError(
            f"REDIS_URL must start with {', '.join(_REDIS_SCHEMES)}, not {redis_url!r}"
        )
    return redis_url


def _instance_secret_key(instance_path: Path) -> str:
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # Created exclusively so two workers starting together cannot each write a different key.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def load_config(instance_path: Path, overrides: dict | None = None) -> dict:
    """Build the Flask config mapping from the environment and explicit overrides."""
    overrides = dict(overrides or {})
    environment = overrides.pop("ENVIRONMENT", None) or os.environ.get(
        "COMPLAINTS_ENV", "production"
    )
    development = environment == "development"
    secret_key = overrides.pop("SECRET_KEY", None) or os.environ.get("SECRET_KEY")
    public_base_url = overrides.pop("PUBLIC_BASE_URL", None) or os.environ.get("PUBLIC_BASE_URL")
    # The environment as this app sees it: explicit overrides (tests, a script) win.
    env = {
        **os.environ,
        **{name: value for name, value in overrides.items() if isinstance(value, str)},
        "COMPLAINTS_ENV": environment,
        "SECRET_KEY": secret_key or "",
        "PUBLIC_BASE_URL": public_base_url or "",
    }
    check_environment(env)

    database_url = overrides.pop("DATABASE_URL", None) or env.get("DATABASE_URL")
    if not database_url:
        instance_path.mkdir(parents=True, exist_ok=True)
        database_url = f"sqlite:///{instance_path / 'complaints.sqlite'}"
    if not secret_key:
        secret_key = _instance_secret_key(instance_path)
    if not public_base_url:
        public_base_url = "http://127.0.0.1:5000"

    secure_cookies = env_flag("SECURE_COOKIES", default=not development)
    config = {
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "ENVIRONMENT": environment,
        # Recycling connections older than the usual server and firewall idle limits costs
        # nothing per query; pre-ping would add a round trip to every checkout.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_recycle": 1800},
        "COUNCIL_NAME": env.get("COUNCIL_NAME", "Riverside Borough Council"),
        # The council's own name in another language, e.g. COUNCIL_NAME_CY for Welsh: pages
        # and notices in that language use it.
        "COUNCIL_NAMES": {
            name.removeprefix("COUNCIL_NAME_").lower(): value
            for name, value in env.items()
            if name.startswith("COUNCIL_NAME_") and value
        },
        "COUNCIL_LOGO_URL": env.get("COUNCIL_LOGO_URL", ""),
        "COUNCIL_EMAIL": env.get("COUNCIL_EMAIL", "complaints@example.gov.uk"),
        "UK_NATION": env.get("UK_NATION") or "england-and-wales",
        "MAIL_BACKEND": env.get("MAIL_BACKEND") or "file",
        "MAIL_FROM": env.get("MAIL_FROM", "complaints@example.gov.uk"),
        "MAIL_OUTBOX_DIR": env.get("MAIL_OUTBOX_DIR", str(instance_path / "outbox")),
        "SMTP_HOST": env.get("SMTP_HOST", "127.0.0.1"),
        "SMTP_PORT": whole_number(env, "SMTP_PORT", 25, 1),
        "SMTP_USERNAME": env.get("SMTP_USERNAME", ""),
        "SMTP_PASSWORD": env.get("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": env_flag("SMTP_STARTTLS", default=False),
        # GOV.UK Notify (MAIL_BACKEND=notify): the API key, and the email template whose
        # subject is ((subject)) and body ((body)); see the README.
        "NOTIFY_API_KEY": env.get("NOTIFY_API_KEY", ""),
        "NOTIFY_BASE_URL": env.get("NOTIFY_BASE_URL") or "https://api.notifications.service.gov.uk",
        "NOTIFY_TEMPLATE_ID": env.get("NOTIFY_TEMPLATE_ID", ""),
        "NOTIFY_TEMPLATE_IDS": notify_template_ids(env),
        # Letters: the logo printed at the top (a local image file; the default is a plain
        # placeholder), and how many working days ahead `complaints sla remind` looks.
        "LETTER_LOGO_PATH": env.get("LETTER_LOGO_PATH", ""),
        "SLA_REMIND_WORKING_DAYS": whole_number(env, "SLA_REMIND_WORKING_DAYS", 3, 0),
        # Links in emails must be absolute; the public address of the portal.
        "PUBLIC_BASE_URL": public_base_url.rstrip("/"),
        # A tracking link keeps working this long after its complaint closes.
        "TRACKING_LINK_DAYS_AFTER_CLOSING": whole_number(
            env, "TRACKING_LINK_DAYS_AFTER_CLOSING", 365
        ),
        # A member of staff who does nothing in the back office for this long is signed out.
        "STAFF_IDLE_MINUTES": whole_number(env, "STAFF_IDLE_MINUTES", 30, 1),
        # Following complaints: how long a sign-in link works, and a signed-in session idles.
        "ACCOUNT_LINK_MINUTES": whole_number(env, "ACCOUNT_LINK_MINUTES", 30, 1),
        "ACCOUNT_IDLE_MINUTES": whole_number(env, "ACCOUNT_IDLE_MINUTES", 30, 1),
        "SESSION_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_SECURE": secure_cookies,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PERMANENT_SESSION_LIFETIME": 8 * 60 * 60,
        "BEHIND_PROXY": env_flag("BEHIND_PROXY", default=False),
        # flask-limiter's settings (shared.web.rate_limits); tests turn limits off.
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": rate_limit_storage(env),
        # A Redis that does not answer within a second must not hold up every page.
        "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        "RATELIMIT_KEY_PREFIX": "complaints",
        **{name: rate_limit(env, name) for name in RATE_LIMITS},
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "Europe/London",
        # Five evidence files of up to 10 MB each, and the form around them; each file's own
        # cap is checked while it is read (shared.evidence.files).
        "MAX_CONTENT_LENGTH": 51 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
    }
    config.update(contact_settings(env))
    config.update(overrides)
    return config
