"""gunicorn's logger with tracking-link secrets taken out (gunicorn.conf.py names it).

The access log writes the request line, path, query, referrer and headers of every request;
the error log can name a request's address ("Error handling request /track/..."). Both go
through here before anything is written.
"""

from __future__ import annotations

from gunicorn.glogging import Logger

from shared.web.log_redaction import TrackingSecretFilter, redact


class RedactingLogger(Logger):
    def setup(self, cfg) -> None:
        super().setup(cfg)
        # On the handlers, not the loggers: a handler sees records from child loggers too.
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not any(isinstance(f, TrackingSecretFilter) for f in handler.filters):
                    handler.addFilter(TrackingSecretFilter())

    def atoms(self, resp, req, environ, request_time) -> dict:
        """Every value an access-log format can name, secrets redacted, whatever the format
        and wherever the lines are sent (a file, syslog, a logging config's handlers)."""
        return {
            name: redact(value) if isinstance(value, str) else value
            for name, value in super().atoms(resp, req, environ, request_time).items()
        }
