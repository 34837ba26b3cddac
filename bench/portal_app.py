"""The app as bench/portal_pages.py serves it: the checkout's own app factory, with rate
limits off, as one client address asks for the same tracking page thousands of times (a
limit would answer 429 after a few: the benchmark measures the pages, not the limiter)."""

from shared.web.app import create_app

app = create_app({"RATELIMIT_ENABLED": False})
