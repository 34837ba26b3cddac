"""An MP's caseworker complains for two residents, one after the other, in one browser: each
resident's details and agreement are asked afresh, nothing of the first leaks into the
second, and staff see who acts for each resident and what support each needs."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.complaint_journey import REPRESENTATIVE, answer_every_question, send
from tests.browser.conftest import assert_accessible, sign_in
from tests.helpers import JOURNEY

pytestmark = pytest.mark.browser


def resident(name: str, service: str, what: str, adjustments: list[str], language: str) -> dict:
    return {
        **REPRESENTATIVE,
        "details": {**JOURNEY["details"], "name": name, "email": "", "address": "3 Mill Lane"},
        "services": {"main": service},
        "what-happened": {"description": what},
        "support": {
            "language": language,
            "contact_method": "letter",
            "contact_format": "large_print" if "large_print" in adjustments else "standard",
            "adjustments": adjustments,
            "adjustments_detail": "",
        },
    }


def test_an_mps_caseworker_complains_for_two_residents(live_server, page):
    first = resident(
        "Rhian Jones", "repairs_and_maintenance", "Damp in the bedroom.", ["large_print"], "cy"
    )
    second = resident(
        "Omar Haddad", "anti_social_behaviour", "Noise every night.", ["interpreter"], "ar"
    )

    answer_every_question(page, live_server, first)
    main = page.locator("main")
    expect(main).to_contain_text("MP or MP's caseworker")
    expect(main).to_contain_text("Rhian Jones")
    assert_accessible(page)
    first_reference = send(page)

    # The second resident starts from an empty set of questions.
    page.goto(live_server + "/complaint")
    expect(page.locator("input[name=who]:checked")).to_have_count(0)
    answer_every_question(page, live_server, second)
    expect(main).to_contain_text("Omar Haddad")
    expect(main).not_to_contain_text("Rhian Jones")
    expect(main).not_to_contain_text("Damp in the bedroom.")
    second_reference = send(page)
    assert second_reference != first_reference

    # Staff see, on each case, who acts for the resident and the support the resident needs.
    sign_in(page, live_server, "complaints_officer")
    for reference, name, adjustment, language in (
        (first_reference, "Rhian Jones", "Large print", "Cymraeg"),
        (second_reference, "Omar Haddad", "An interpreter", "العربية"),
    ):
        page.goto(live_server + f"/backoffice/complaints/{reference}")
        expect(main).to_contain_text(name)
        support = page.locator(".app-resident-support")
        expect(support.get_by_role("heading")).to_have_text("Support the resident needs")
        expect(support).to_contain_text(adjustment)
        expect(support).to_contain_text(language)
        expect(support).to_contain_text("Letter")
        expect(main).to_contain_text("Sam Caseworker")
        expect(main).to_contain_text("Office of Jo Bloggs MP")
        assert_accessible(page)
