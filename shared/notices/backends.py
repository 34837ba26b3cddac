"""Where notices go: a folder of .eml files (development, or a council that relays files),
any SMTP server, or GOV.UK Notify. A backend raises PermanentFailure when retrying cannot
help; any other exception is a temporary failure, retried with backoff.

No error a backend raises names an email address: errors end up in logs and on the
message row, and a server's reply often quotes the address it refused.
"""

from __future__ import annotations

import os
import re
import smtplib
import tempfile
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from flask import current_app, render_template

from shared.notices.models import OutboxMessage

_EMAIL_ADDRESS = re.compile(r"[^\s<>@'\"(),;:\[\]]+@[^\s<>@'\"(),;:\[\]]+")


def without_addresses(text: str) -> str:
    """The text with every email address in it replaced."""
    return _EMAIL_ADDRESS.sub("[address]", text)


class PermanentFailure(Exception):
    """The message can never be delivered as it is (e.g. the address was refused)."""


class TemporaryFailure(Exception):
    """The server refused for now (a 4xx reply): try again later."""


RIGHT_TO_LEFT = frozenset({"ar", "ur"})


def text_direction(language: str) -> str:
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def email_html(rendered) -> str:
    """The HTML part: GOV.UK Notify's plain style, no images, sized in ems so it reflows
    at 200% zoom, in the recipient's language and direction."""
    from shared.notices import formats

    return render_template(
        "emails/_email.html",
        language=rendered.language,
        direction=text_direction(rendered.language),
        subject=rendered.subject,
        council_name=rendered.council_name,
        brand_colour=current_app.config.get("BRAND_COLOUR", "#0b5394"),
        body=formats.html_fragment(rendered.markup, direction=text_direction(rendered.language)),
    )


def build_email(
    message: OutboxMessage, subject: str, body: str, html: str | None = None
) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = message.recipient
    email["Subject"] = subject
    email["Message-ID"] = message.message_id
    email["Date"] = format_datetime(message.created_at)
    email.set_content(body)
    if html is not None:
        email.add_alternative(html, subtype="html")
    # After the content: setting it clears every Content-* header set before.
    email["Content-Language"] = message.language or "en"
    return email


class FileBackend:
    """Writes each message as an .eml file, named after the message: a message handed over
    again after a crash is still one file."""

    def __init__(self, directory: str | os.PathLike):
        self.directory = Path(directory)

    def path_for(self, message: OutboxMessage) -> Path:
        safe = "".join(
            c if c.isalnum() or c in "-." else "_" for c in message.message_id.strip("<>")
        )
        return self.directory / f"{message.id:08d}-{safe}.eml"

    def deliver(self, message: OutboxMessage, email: EmailMessage) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.path_for(message)
        if target.exists():  # already delivered before a crash: nothing to do
            return
        # Written to a temporary file and renamed, so a reader never sees half a message.
        fd, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(bytes(email))
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return without_addresses(f"{code} {text}".strip())


class SmtpBackend:
    def __init__(self, config):
        self.config = config

    def deliver(self, message: OutboxMessage, email: EmailMessage) -> None:
        config = self.config
        try:
            with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=30) as smtp:
                if config["SMTP_STARTTLS"]:
                    smtp.starttls()
                if config["SMTP_USERNAME"]:
                    smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
                smtp.send_message(email)
        except smtplib.SMTPRecipientsRefused as error:
            replies = list(error.recipients.values())
            described = "; ".join(_reply(code, text) for code, text in replies)
            # 5xx: the server will never take it; 4xx (mailbox busy, greylisting): later.
            if replies and all(500 <= code < 600 for code, _text in replies):
                raise PermanentFailure(f"recipient refused: {described}") from None
            raise TemporaryFailure(f"recipient deferred: {described}") from None
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            described = _reply(error.smtp_code, error.smtp_error)
            if 500 <= error.smtp_code < 600:
                raise PermanentFailure(f"message refused: {described}") from None
            raise TemporaryFailure(f"message deferred: {described}") from None
        except smtplib.SMTPResponseException as error:
            raise TemporaryFailure(_reply(error.smtp_code, error.smtp_error)) from None


def configured_backend():
    config = current_app.config
    if config["MAIL_BACKEND"] == "smtp":
        return SmtpBackend(config)
    if config["MAIL_BACKEND"] == "notify":
        return NotifyBackend(config)
    return FileBackend(config["MAIL_OUTBOX_DIR"])


class NotifyBackend:
    """GOV.UK Notify, through its Python client. Every notice goes through one email
    template whose subject is ((subject)) and body ((body)) (or a template per notice kind,
    NOTIFY_TEMPLATE_IDS), with Notify's own markup, which the notice templates write.

    Each message carries its Message-ID as Notify's `reference`: before sending, Notify is
    asked for that reference, so a message Notify accepted just before a sender died is not
    sent again when its claim is released.
    """

    takes_rendered_notice = True

    def __init__(self, config, client=None):
        from notifications_python_client.notifications import NotificationsAPIClient

        self.config = config
        self.client = client or NotificationsAPIClient(
            config["NOTIFY_API_KEY"], base_url=config["NOTIFY_BASE_URL"], timeout=30
        )

    @staticmethod
    def reference_for(message: OutboxMessage) -> str:
        return message.message_id.strip("<>")

    def template_for(self, kind: str) -> str:
        return (
            self.config.get("NOTIFY_TEMPLATE_IDS", {}).get(kind)
            or self.config["NOTIFY_TEMPLATE_ID"]
        )

    def _call(self, what: str, request):
        from notifications_python_client.errors import APIError, TokenError
        from requests import RequestException

        try:
            return request()
        except APIError as error:
            described = without_addresses(f"Notify {what}: {error.status_code} {error.message}")
            # 400: Notify will never take this message as it is (a bad address, a missing
            # personalisation). Anything else (403 while a key is fixed, 429, 5xx): later.
            if error.status_code == 400:
                raise PermanentFailure(described) from None
            raise TemporaryFailure(described) from None
        except (RequestException, TokenError) as error:
            raise TemporaryFailure(
                without_addresses(f"Notify {what}: {type(error).__name__}")
            ) from None

    def already_accepted(self, message: OutboxMessage) -> bool:
        reference = self.reference_for(message)
        found = self._call("lookup", lambda: self.client.get_all_notifications(reference=reference))
        return any(n.get("reference") == reference for n in found.get("notifications", []))

    def deliver(self, message: OutboxMessage, email: EmailMessage, rendered=None) -> None:
        if self.already_accepted(message):
            return
        reference = self.reference_for(message)
        personalisation = {
            "subject": rendered.subject if rendered else str(email["Subject"]),
            "body": rendered.markup if rendered else email.get_body(("plain",)).get_content(),
        }
        self._call(
            "send",
            lambda: self.client.send_email_notification(
                email_address=message.recipient,
                template_id=self.template_for(message.kind),
                personalisation=personalisation,
                reference=reference,
            ),
        )
