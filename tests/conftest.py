"""Fixtures shared by the whole suite.

The schema is built by running the real migrations, once per run, on SQLite (a fresh file)
or on PostgreSQL when TEST_DATABASE_URL points at it. Each test starts from empty tables
with the default service areas.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from jinja2 import BytecodeCache, Undefined
from jinja2.utils import missing
from sqlalchemy import create_engine, text

from shared.db import db
from shared.web.app import create_app


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


@pytest.fixture(scope="session")
def is_postgres(database_url) -> bool:
    return database_url.startswith("postgresql")


def _reset_schema(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def migrated_database(database_url, tmp_path_factory) -> str:
    """An empty database upgraded through every migration."""
    from flask_migrate import upgrade

    _reset_schema(database_url)
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": "migrations",
            "PUBLIC_BASE_URL": "http://localhost",
            "INSTANCE_PATH": str(tmp_path_factory.mktemp("instance-migrate")),
        }
    )
    with app.app_context():
        upgrade()
        db.session.remove()
        db.engine.dispose()
    return database_url


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept between the per-test apps (the source checksum guards them)."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _MemoryBytecodeCache()


class UndefinedNameFails(Undefined):
    """Rendering a name no one defined fails the test (a typo, a variable a view forgot);
    a missing key of a defined object stays empty, as the GOV.UK macros expect."""

    __slots__ = ()

    def _fail_if_missing_name(self):
        if self._undefined_obj is missing:
            self._fail_with_undefined_error()

    def __str__(self) -> str:
        self._fail_if_missing_name()
        return ""

    def __iter__(self):
        self._fail_if_missing_name()
        return iter(())

    def __getattr__(self, name):
        if name[:2] == "__":
            raise AttributeError(name)
        self._fail_if_missing_name()
        return self._fail_with_undefined_error()


def make_test_app(database_url: str, instance_path: Path, **overrides):
    config = {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret-key",
        "TESTING": True,
        "INSTANCE_PATH": str(instance_path),
        "MAIL_OUTBOX_DIR": str(instance_path / "outbox"),
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_SECURE": False,
        "PUBLIC_BASE_URL": "http://localhost",
        # Tests send many requests from one address; the rate-limit tests turn limits on.
        "RATELIMIT_ENABLED": False,
    }
    config.update(overrides)
    app = create_app(config)
    app.jinja_env.bytecode_cache = _COMPILED_TEMPLATES
    app.jinja_env.undefined = UndefinedNameFails
    return app


def empty_tables() -> None:
    """Every table the models know, children first (the metadata sorts them).

    Audit events are append-only in the database itself: PostgreSQL's TRUNCATE does not fire
    the row trigger, and on SQLite the triggers are set aside and put back around the delete.
    """
    db.session.remove()
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)}"))
            return
        triggers = connection.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        ).fetchall()
        for name, _sql in triggers:
            connection.execute(text(f"DROP TRIGGER {name}"))
        for table in tables:
            connection.execute(text(f"DELETE FROM {table}"))
        for _name, sql in triggers:
            connection.execute(text(sql))


@pytest.fixture
def app(migrated_database, tmp_path):
    from shared.reference.service_areas import ensure_service_areas

    app = make_test_app(migrated_database, tmp_path)
    with app.app_context():
        empty_tables()
        ensure_service_areas()
        db.session.commit()
        yield app
        db.session.remove()
        empty_tables()
        db.engine.dispose()


class Page:
    """A parsed HTML response, checked for what every page must have."""

    def __init__(self, response):
        self.response = response
        self.status_code = response.status_code
        self.soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        self._check_invariants()

    def _check_invariants(self) -> None:
        html = self.soup.find("html")
        assert html is not None and html.get("lang"), "every page declares its language"
        assert html.get("dir") in {"ltr", "rtl"}, "every page declares its text direction"
        title = self.soup.title.get_text(strip=True) if self.soup.title else ""
        assert title, "every page has a title"
        for form in self.soup.find_all("form", method=re.compile("post", re.I)):
            assert form.find("input", attrs={"name": "csrf_token"}), (
                "every form carries a CSRF token"
            )
        if self.soup.select(".govuk-error-summary"):
            assert title.startswith("Error:"), "a page showing errors says so in its title"
        headings = self.soup.find_all("h1")
        assert len(headings) == 1, "every page has exactly one main heading"
        heading = headings[0].get_text(" ", strip=True)
        assert title.removeprefix("Error:").strip().startswith(heading), (
            f"the title {title!r} starts with the main heading {heading!r}"
        )

    @property
    def title(self) -> str:
        return self.soup.title.get_text(strip=True)

    @property
    def h1(self) -> str:
        return self.soup.find("h1").get_text(" ", strip=True)

    def text(self) -> str:
        return self.soup.get_text(" ", strip=True)

    def error_summary(self) -> list[str]:
        return [
            li.get_text(" ", strip=True) for li in self.soup.select(".govuk-error-summary__list li")
        ]

    def field_error(self, field_id: str) -> str:
        element = self.soup.find(id=f"{field_id}-error")
        return element.get_text(" ", strip=True) if element else ""

    def value_of(self, name: str) -> str:
        element = self.soup.find(attrs={"name": name})
        if element is None:
            return ""
        if element.name == "textarea":
            return element.get_text()
        if element.name == "select":
            selected = element.find("option", selected=True)
            return selected.get("value", "") if selected else ""
        return element.get("value", "")

    def csrf_token(self) -> str:
        return self.soup.find("input", attrs={"name": "csrf_token"})["value"]

    def hidden_fields(self) -> dict[str, str]:
        """What a browser posts back unseen: the CSRF token, the case version, the
        one-time submission token."""
        return {
            element["name"]: element.get("value", "")
            for element in self.soup.select("form input[type=hidden][name]")
        }


class PageClient(FlaskClient):
    def open(self, *args, **kwargs):
        # Each request gets a fresh app context, as it does in production: its own `g`
        # (signed-in user, chosen language) and its own database session.
        with self.application.app_context():
            return super().open(*args, **kwargs)

    def page(self, url: str, **kwargs) -> Page:
        return Page(self.get(url, **kwargs))

    def submit(self, url: str, data: dict, csrf_from: str | None = None, **kwargs) -> Page:
        """Post a form the way a browser would: with the hidden fields of the form's page."""
        hidden = self.page(csrf_from or url).hidden_fields()
        return Page(self.post(url, data={**hidden, **data}, **kwargs))


@pytest.fixture
def client(app) -> PageClient:
    app.test_client_class = PageClient
    return app.test_client()
