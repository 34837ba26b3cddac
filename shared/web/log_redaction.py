"""Keep tracking-link secrets out of every log line.

A tracking link (/track/<reference>/<secret>) opens a resident's complaint to whoever holds
it, so its secret must never reach a log, where it would outlive the link's purpose and be
read by people who should not see the complaint. The reference is kept: it says which
complaint a request was about without opening it.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"

# The segment after /track/<reference>/, up to the next "/" (raw or percent-encoded), "?",
# "#", quote or space: what the portal's routes read as the secret.
_TRACKING_PATH = re.compile(
    r"(?P<prefix>/track/[^/\s?#\"'%]*(?:/|%2[Ff]))"
    r"(?P<secret>(?:[^/\s?#\"'%]|%(?!2[Ff])[0-9A-Fa-f]{2})+)"
)
# A secret on its own, wherever it turns up (a redirect target, an exception's message):
# 32 random bytes in URL-safe base64 are 43 characters.
_BARE_SECRET = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")


def redact(text: str) -> str:
    """The text with every tracking secret in it replaced."""
    if not text:
        return text
    text = _TRACKING_PATH.sub(lambda match: match["prefix"] + REDACTED, text)
    return _BARE_SECRET.sub(REDACTED, text)


class TrackingSecretFilter(logging.Filter):
    """Rewrites a record's message, traceback and stack so that no tracking secret is left.

    The traceback is formatted here, once, so that the text every handler prints (a
    formatter reuses `exc_text`) is the redacted one.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's to report
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_FILTER = TrackingSecretFilter()


def install(logger: logging.Logger) -> None:
    """Redact every record made in this process from now on, and those of `logger`.

    A filter on one logger never sees its children's records, and the handlers belong to
    whoever serves the app (gunicorn, a test runner), so the filter runs as each record is
    made. It is also put on `logger` (the app's) in case something replaces the factory.
    """
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
    make_record = logging.getLogRecordFactory()
    if getattr(make_record, "redacts_tracking_secrets", False):
        return

    def make_redacted_record(*args, **kwargs) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        _FILTER.filter(record)
        return record

    make_redacted_record.redacts_tracking_secrets = True
    logging.setLogRecordFactory(make_redacted_record)
