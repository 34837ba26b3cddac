"""Static files as a browser on a cheap phone gets them: fingerprinted names, compressed,
cached for a year, and a small first visit.

These use the files `make setup` / `make assets` built into shared/web/static/.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest

from shared.web.static_files import FINGERPRINTED, ONE_YEAR
from tests.factories import submit

STATIC = Path(__file__).resolve().parents[2] / "shared" / "web" / "static"
# What a browser fetches for a page, besides the page itself: its stylesheets, icons and
# scripts, and the module the inline script imports.
MODULE_IMPORT = re.compile(r"""\bimport\s*\{[^}]*\}\s*from\s*"([^"]+)\"""")


def assets_of(page) -> list[str]:
    urls = [link["href"] for link in page.soup.select("link[rel~=stylesheet], link[rel~=icon]")]
    urls += [script["src"] for script in page.soup.select("script[src]")]
    for script in page.soup.select("script:not([src])"):
        urls += MODULE_IMPORT.findall(script.get_text())
    return urls


def fetch(client, url: str, accept: str | None = None):
    """A static file as sent (buffered, so the served file is closed at once)."""
    headers = {"Accept-Encoding": accept} if accept else {}
    return client.get(url, headers=headers, buffered=True)


def plain_name(url: str) -> str:
    match = FINGERPRINTED.search(url)
    extension = match.group(0).split(".", 1)[1]
    return url[: match.start()] + "." + extension


def test_the_assets_were_built():
    # Without `make assets` the pages would link to files that do not exist.
    assert (STATIC / "cache_manifest.json").is_file(), "run `make assets`"


def test_a_page_links_its_css_and_js_by_fingerprinted_names(client):
    urls = assets_of(client.page("/"))

    plain = [plain_name(url).removeprefix("/static/") for url in urls]
    assert "build/app.css" in plain
    assert "govuk/govuk-frontend.min.js" in plain
    assert "govuk/assets/images/favicon.ico" in plain
    for url in urls:
        assert url.startswith("/static/") and FINGERPRINTED.search(url), url


@pytest.mark.parametrize(
    ("accept", "encoding", "decompress"),
    [
        ("gzip, deflate, br", "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        (None, None, lambda body: body),
    ],
)
def test_fingerprinted_files_are_compressed_and_cached_for_a_year(
    client, accept, encoding, decompress
):
    for url in assets_of(client.page("/")):
        response = fetch(client, url, accept)

        assert response.status_code == 200, url
        original = (STATIC / plain_name(url).removeprefix("/static/")).read_bytes()
        if url.endswith((".css", ".js")):
            assert response.headers.get("Content-Encoding") == encoding, url
            assert len(response.data) < len(original) or encoding is None
        assert decompress(response.data) == original, url
        cache_control = {part.strip() for part in response.headers["Cache-Control"].split(",")}
        assert {f"max-age={ONE_YEAR}", "public", "immutable"} <= cache_control, url
        assert "Accept-Encoding" in response.headers.get("Vary", ""), url
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_plain_name_is_not_cached_for_a_year(client):
    # Its content changes with the next build: a browser must not keep it.
    response = fetch(client, "/static/build/app.css", "br")

    assert response.status_code == 200
    assert "immutable" not in response.headers["Cache-Control"]
    assert "max-age=60" in response.headers["Cache-Control"]


def first_visit_bytes(client, url: str) -> int:
    """Bytes of the bodies a browser with an empty cache receives for a page, accepting
    Brotli and gzip as every current browser does."""
    accept = "gzip, deflate, br"
    page = client.page(url, headers={"Accept-Encoding": accept})
    total = len(page.response.data)
    for asset in assets_of(page):
        response = fetch(client, asset, accept)
        assert response.status_code == 200, asset
        total += len(response.data)
    return total


def test_a_first_visit_transfers_under_60_kb(client):
    sent = submit()
    pages = [
        "/",
        "/complaint/who",
        f"/track/{sent.complaint.reference}/{sent.tracking_secret}",
    ]
    for url in pages:
        assert first_visit_bytes(client, url) < 60_000, url
