"""Who may open each back-office page, from the one permission table
(`shared.people.permissions`).

Every view is marked with what it needs: `requires(...)` (any of these permissions),
`any_staff` (anyone signed in) or `public`. The blueprint's guard (`views.require_staff`)
checks the mark before the view runs, and refuses a view that has none, so a page added
without a decision is open to no one. The templates ask `may(...)` to offer only what the
person may do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from flask import url_for

from shared.people.permissions import Permission, allows_any, sees_only_assigned

ANY_STAFF: frozenset[Permission] = frozenset()  # the mark of a page for anyone signed in


def requires(*permissions: Permission) -> Callable:
    """Mark a view as open to staff with any of these permissions."""
    if not permissions:
        raise ValueError("name at least one permission; use any_staff for every role")

    def mark(view):
        view.permissions = frozenset(permissions)
        return view

    return mark


def any_staff(view):
    """Mark a view as open to every member of staff signed in (signing out)."""
    view.permissions = ANY_STAFF
    return view


def public(view):
    """Mark a view as open to anyone, signed in or not (signing in)."""
    view.public = True
    return view


def is_public(view) -> bool:
    return getattr(view, "public", False)


def permissions_of(view) -> frozenset[Permission] | None:
    """What the view needs, or None when it was never marked."""
    return getattr(view, "permissions", None)


def may(user, *permissions: Permission) -> bool:
    """Whether this signed-in member of staff has any of these permissions."""
    return bool(getattr(user, "is_authenticated", False)) and allows_any(user.role, permissions)


def may_open(user, view) -> bool:
    needed = permissions_of(view)
    if needed is None:
        return False
    return needed == ANY_STAFF or may(user, *needed)


def home_url(user) -> str:
    """Where a member of staff starts: the open complaints, or the figures for those who may
    not see complaints."""
    if not getattr(user, "is_authenticated", False) or may(user, Permission.VIEW_COMPLAINTS):
        return url_for("backoffice.queue")
    return url_for("backoffice.figures")


def may_see_case(user, complaint) -> bool:
    """Whether this member of staff may open this complaint: an investigating officer sees
    only the complaints assigned to them."""
    return not sees_only_assigned(user.role) or complaint.handler_id == user.id


def queue_filters(user, form):
    """The queue filters the form asks for, narrowed to the person's own cases when they
    may see only those."""
    filters = form.filters(me=user.id)
    if sees_only_assigned(user.role):
        filters = replace(filters, handler_id=user.id)
    return filters
