"""Configuration from environment variables, with safe defaults.

Production is the default: nothing here falls back to a secret written in
the code. A secret key not given in SECRET_KEY is generated once into the
instance folder, so every worker and every restart shares it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

UK_NATIONS = ("england-and-wales", "scotland", "northern-ireland")
MAIL_BACKENDS = ("file", "smtp")


class ConfigurationError(RuntimeError):
    """The environment asks for something the app cannot run with."""


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


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
    env = os.environ
    development = env.get("COMPLAINTS_ENV", "production") == "development"

    database_url = overrides.pop("DATABASE_URL", None) or env.get("DATABASE_URL")
    if not database_url:
        instance_path.mkdir(parents=True, exist_ok=True)
        database_url = f"sqlite:///{instance_path / 'complaints.sqlite'}"

    uk_nation = overrides.get("UK_NATION") or env.get("UK_NATION", "england-and-wales")
    if uk_nation not in UK_NATIONS:
        raise ConfigurationError(
            f"UK_NATION must be one of {', '.join(UK_NATIONS)}, not {uk_nation!r}"
        )
    mail_backend = overrides.get("MAIL_BACKEND") or env.get("MAIL_BACKEND", "file")
    if mail_backend not in MAIL_BACKENDS:
        raise ConfigurationError(
            f"MAIL_BACKEND must be one of {', '.join(MAIL_BACKENDS)}, not {mail_backend!r}"
        )

    secret_key = overrides.pop("SECRET_KEY", None) or env.get("SECRET_KEY")
    if not secret_key:
        secret_key = _instance_secret_key(instance_path)

    secure_cookies = _flag("SECURE_COOKIES", default=not development)
    config = {
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "COUNCIL_NAME": env.get("COUNCIL_NAME", "Riverside Borough Council"),
        "COUNCIL_LOGO_URL": env.get("COUNCIL_LOGO_URL", ""),
        "COUNCIL_EMAIL": env.get("COUNCIL_EMAIL", "complaints@example.gov.uk"),
        "UK_NATION": uk_nation,
        "MAIL_BACKEND": mail_backend,
        "MAIL_FROM": env.get("MAIL_FROM", "complaints@example.gov.uk"),
        "MAIL_OUTBOX_DIR": env.get("MAIL_OUTBOX_DIR", str(instance_path / "outbox")),
        "SMTP_HOST": env.get("SMTP_HOST", "127.0.0.1"),
        "SMTP_PORT": int(env.get("SMTP_PORT", "25")),
        "SMTP_USERNAME": env.get("SMTP_USERNAME", ""),
        "SMTP_PASSWORD": env.get("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _flag("SMTP_STARTTLS", default=False),
        # Links in emails must be absolute; the public address of the portal.
        "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        "SESSION_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_SECURE": secure_cookies,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PERMANENT_SESSION_LIFETIME": 8 * 60 * 60,
        "BEHIND_PROXY": _flag("BEHIND_PROXY", default=False),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "Europe/London",
        "MAX_CONTENT_LENGTH": 10 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
    }
    config.update(overrides)
    return config
