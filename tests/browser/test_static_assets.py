"""In real Chromium: the fingerprinted, compressed CSS and JS load under the content
security policy, and GOV.UK Frontend's JavaScript starts."""

from __future__ import annotations

import pytest

from shared.web.static_files import FINGERPRINTED
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_the_start_page_loads_its_fingerprinted_compressed_css_and_js(live_server, page):
    static_responses = []
    page.on(
        "response",
        lambda response: static_responses.append(response) if "/static/" in response.url else None,
    )
    problems = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(live_server + "/")
    button = page.get_by_role("button", name="Start now")
    # GOV.UK Frontend's initAll() marks each component it starts.
    button.and_(page.locator("[data-govuk-button-init]")).wait_for()

    # The council's stylesheet applies: the system font, not the browser's default.
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.lower().startswith("arial")
    kinds = set()
    for response in static_responses:
        assert response.status == 200, response.url
        assert FINGERPRINTED.search(response.url), response.url
        headers = response.all_headers()
        assert "immutable" in headers["cache-control"], response.url
        if response.url.endswith((".css", ".js")):
            assert headers.get("content-encoding") in {"br", "gzip"}, response.url
            kinds.add(response.url.rsplit(".", 1)[1])
    assert kinds == {"css", "js"}
    assert problems == []
    assert_accessible(page)
