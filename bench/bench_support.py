"""What the benchmarks share: which layout of the code is installed, a database of their
own, and its schema built by that checkout's migrations.

Run the benchmarks from the root of the checkout being measured, with its virtualenv: the
current one, or an older worktree for "before" figures. Both layouts are understood: the
current one (``shared.cases``, people in ``persons``) and the one before ``shared/`` was
grouped by subdomain (``shared.lifecycle``, where moves commit by themselves).
"""

from __future__ import annotations

import os
import sys
import tempfile

sys.path.insert(0, os.getcwd())

from sqlalchemy import create_engine, make_url, text  # noqa: E402

try:  # the current layout
    from shared.cases import Actor, add_closure_day, remove_closure_day
    from shared.reference.service_areas import ensure_service_areas
    from shared.web.app import create_app

    LAYOUT = "current"
except ImportError:  # before shared/ was grouped by subdomain
    from shared.app import create_app
    from shared.lifecycle import Actor, add_closure_day, remove_closure_day
    from shared.reference_data import ensure_service_areas

    LAYOUT = "before"

__all__ = [
    "LAYOUT",
    "SCRATCH",
    "Actor",
    "add_closure_day",
    "bench_app",
    "check_own_database",
    "rebuild_schema",
    "remove_closure_day",
]

# Databases a benchmark must never rebuild.
NOT_OURS = {None, "postgres", "complaints_ci", "template0", "template1"}


def check_own_database(url: str) -> None:
    """Refuse databases that are not the benchmark's own, and create it if missing."""
    url = make_url(url)
    if url.database in NOT_OURS or not url.drivername.startswith("postgresql"):
        raise SystemExit(f"give the benchmark a PostgreSQL database of its own, not {url}")
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}
        )
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()


# The app's instance folder and the mail outbox: removed when the benchmark ends.
SCRATCH = tempfile.TemporaryDirectory(prefix="bench-")


def bench_app(database_url: str):
    return create_app(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": "bench",
            "PUBLIC_BASE_URL": "http://localhost",
            "INSTANCE_PATH": os.path.join(SCRATCH.name, "instance"),
        }
    )


def rebuild_schema(db) -> None:
    """An empty public schema, upgraded by the checkout's migrations, with its service areas.
    Call inside the app context."""
    from flask_migrate import upgrade

    with db.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    upgrade()
    ensure_service_areas()
    db.session.commit()
