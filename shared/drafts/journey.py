"""The question pages of making a complaint, in order, and which apply to whom.

One ordered list, so a page can be slotted in (evidence goes between "outcome" and
"support") without touching the pages around it: back links, "Continue" and the check of a
finished draft all follow this list.
"""

from __future__ import annotations

PAGES: list[str] = [
    "who",
    "your-role",
    "your-details",
    "consent",
    "details",
    "services",
    "when",
    "found-out",
    "what-happened",
    "staff",
    "unfair",
    "outcome",
    "evidence",
    "support",
]

# Asked only of someone complaining on behalf of a resident.
REPRESENTATIVE_PAGES = frozenset({"your-role", "your-details", "consent"})

MYSELF = "myself"
SOMEONE_ELSE = "someone_else"


def for_someone_else(answers: dict) -> bool:
    return (answers.get("who") or {}).get("who") == SOMEONE_ELSE


def pages_for(answers: dict) -> list[str]:
    """The pages that apply, given the answers so far."""
    someone_else = for_someone_else(answers)
    return [page for page in PAGES if someone_else or page not in REPRESENTATIVE_PAGES]


def page_before(page: str, answers: dict) -> str | None:
    pages = pages_for(answers)
    if page not in pages:
        return None
    index = pages.index(page)
    return pages[index - 1] if index else None


def page_after(page: str, answers: dict) -> str | None:
    pages = pages_for(answers)
    if page not in pages:
        return pages[0]
    index = pages.index(page)
    return pages[index + 1] if index + 1 < len(pages) else None


def first_unanswered(answers: dict) -> str | None:
    return next((page for page in pages_for(answers) if page not in answers), None)
