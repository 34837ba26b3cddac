"""Walking the complaint question pages in a real browser, by each field's name (so the same
walk works in every language): each page's answers filled in, "Continue", and on to the next
page the server shows, to "Check your answers"."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import expect

from shared import clock
from tests.helpers import JOURNEY, REFUSED_ANSWERS, REPRESENTATIVE_JOURNEY

REPRESENTATIVE = {**JOURNEY, **REPRESENTATIVE_JOURNEY}


def question_on(page) -> str | None:
    """The question page shown (its address's last part), or None for another page."""
    match = re.search(r"/complaint/([a-z-]+)(?:\?|$)", page.url)
    return match.group(1) if match and match.group(1) in JOURNEY | REPRESENTATIVE else None


def fill(page, answers: dict) -> None:
    """Put these answers into the page's fields, replacing what is there."""
    for name, value in answers.items():
        fields = page.locator(f"main form [name='{name}']")
        if isinstance(value, tuple):  # a file: (name, content)
            file = {"name": value[0], "mimeType": "application/pdf", "buffer": value[1]}
            fields.set_input_files(file)
            continue
        kind = fields.first.evaluate("f => f.type || f.tagName.toLowerCase()")
        if kind == "radio":
            if value:
                fields.and_(page.locator(f"[value='{value}']")).check()
        elif kind == "checkbox":
            wanted = value if isinstance(value, list) else [value]
            for index in range(fields.count()):
                box = fields.nth(index)
                box.set_checked(box.get_attribute("value") in wanted)
        elif kind.startswith("select"):
            fields.select_option(value)
        else:
            fields.fill(value)


def continue_(page) -> None:
    # Waits for the next page to load, so nothing reads the page being left.
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def answer_every_question(
    page,
    live_server: str,
    answers: dict | None = None,
    each: Callable[[str, bool], None] | None = None,
    with_errors: bool = False,
) -> None:
    """From the first question to "Check your answers". ``each(question, errors_shown)`` is
    called on every page (and, with ``with_errors``, first on its error state)."""
    answers = answers or JOURNEY
    page.goto(live_server + "/complaint")
    for _ in range(30):
        if "/complaint/check-your-answers" in page.url:
            return
        if "/complaint/more-than-12-months-ago" in page.url:
            page.locator("main a.govuk-button").click()
            continue
        question = question_on(page)
        assert question, f"not a question page: {page.url}"
        if each:
            each(question, False)
        if with_errors:
            fill(page, REFUSED_ANSWERS[question])
            continue_(page)
            expect(page.locator(".govuk-error-summary")).to_be_visible()
            if each:
                each(question, True)
        fill(page, answers[question])
        continue_(page)
    raise AssertionError("the questions never reached Check your answers")


def send(page) -> str:
    """Send from "Check your answers"; the reference on the confirmation."""
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-panel")).to_be_visible()
    year = clock.today().year
    return re.search(rf"CMP-{year}-\d{{6}}", page.locator(".govuk-panel").inner_text()).group(0)
