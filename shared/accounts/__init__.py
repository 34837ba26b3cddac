"""Residents and representatives following their complaints: a one-time sign-in link sent
to an address the council holds, a short server-side session, and what a signed-in person
sees and may do. No passwords and no accounts to register: the email address is the key."""

from shared.accounts.following import (
    complaint_followed_by,
    complaints_followed_by,
    notices_sent,
    timeline,
)
from shared.accounts.models import AccountSession, SignInLink
from shared.accounts.sign_in import (
    SIGN_IN_LINK_KIND,
    end_session,
    issue_sign_in_link,
    request_sign_in_link,
    sign_in_with_link,
    signed_in_email,
)

__all__ = [
    "SIGN_IN_LINK_KIND",
    "AccountSession",
    "SignInLink",
    "complaint_followed_by",
    "complaints_followed_by",
    "end_session",
    "issue_sign_in_link",
    "notices_sent",
    "request_sign_in_link",
    "sign_in_with_link",
    "signed_in_email",
    "timeline",
]
