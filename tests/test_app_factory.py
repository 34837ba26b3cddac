"""The app starts the way gunicorn starts it, in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_wsgi_module_imports_in_a_fresh_interpreter(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import shared.wsgi; print(shared.wsgi.app.name)"],
        cwd=ROOT,
        env={
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}",
            "SECRET_KEY": "x",
            "PUBLIC_BASE_URL": "https://complaints.example.gov.uk",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "shared.web.app"


# -- refusing to start outside development without the settings production needs -----------

BIN = Path(sys.executable).parent
PRODUCTION = {
    "SECRET_KEY": "a-long-random-value",
    "PUBLIC_BASE_URL": "https://complaints.example.gov.uk",
}


def run_command(args: list[str], tmp_path, **env) -> subprocess.CompletedProcess:
    """A command run from the project folder, with nothing from this test run's environment."""
    return subprocess.run(
        args,
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}",
            "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
            "PYTHONDONTWRITEBYTECODE": "1",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def output_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]


STARTS = {
    "gunicorn": [str(BIN / "gunicorn"), "--bind", "127.0.0.1:0", "--no-control-socket"]
    + ["shared.wsgi:app"],
    "gunicorn -c": [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--no-control-socket"]
    + ["--bind", "127.0.0.1:0"],
    "complaints": [str(BIN / "complaints"), "outbox", "send"],
    "complaints db": [str(BIN / "complaints"), "db", "upgrade"],
}


@pytest.mark.parametrize("missing", ["SECRET_KEY", "PUBLIC_BASE_URL"])
@pytest.mark.parametrize("start", STARTS.values(), ids=STARTS.keys())
def test_outside_development_a_missing_setting_is_one_line_naming_it(tmp_path, start, missing):
    env = {name: value for name, value in PRODUCTION.items() if name != missing}

    result = run_command(start, tmp_path, **env)

    assert result.returncode != 0
    lines = output_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"Error: {missing} is not set")
    assert not (tmp_path / "x.sqlite").exists()  # nothing was started or set up


@pytest.mark.parametrize("start", STARTS.values(), ids=STARTS.keys())
def test_a_setting_that_makes_no_sense_is_one_line_naming_it(tmp_path, start):
    result = run_command(start, tmp_path, **PRODUCTION, STAFF_IDLE_MINUTES="half an hour")

    assert result.returncode != 0
    assert output_lines(result) == [
        "Error: STAFF_IDLE_MINUTES must be a whole number of at least 1, not 'half an hour'"
    ]


def test_in_development_neither_setting_is_needed(tmp_path):
    result = run_command(
        [str(BIN / "complaints"), "sla", "deadlines", "--received", "2025-12-19"],
        tmp_path,
        COMPLAINTS_ENV="development",
    )
    assert result.returncode == 0, result.stderr


def test_gunicorns_config_is_the_production_one(tmp_path):
    result = run_command(
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--print-config", "--check-config"],
        tmp_path,
        **PRODUCTION,
    )
    settings = dict(
        (part.strip() for part in line.split("=", 1))
        for line in result.stdout.splitlines()
        if "=" in line
    )
    assert settings["worker_class"] == "gthread"
    assert int(settings["threads"]) > 1
    assert settings["logger_class"] == "shared.web.gunicorn_logger.RedactingLogger"
    assert settings["wsgi_app"] == "shared.wsgi:app"
    assert settings["forwarded_allow_ips"] == "[]"  # no proxy declared, no forwarded header


def test_demo_data_is_refused_outside_development(tmp_path):
    result = run_command(
        [str(BIN / "complaints"), "demo", "load"],
        tmp_path,
        COMPLAINTS_ENV="production",
        **PRODUCTION,
    )

    assert result.returncode != 0
    assert output_lines(result) == [
        "Error: demo data is for trials only; run with COMPLAINTS_ENV=development"
    ]
    assert "password" not in result.stdout


@pytest.mark.parametrize("name", ["WEB_CONCURRENCY", "GUNICORN_THREADS"])
def test_gunicorn_refuses_a_worker_count_that_is_not_one_in_one_line(tmp_path, name):
    result = run_command(STARTS["gunicorn -c"], tmp_path, **PRODUCTION, **{name: "0"})

    assert result.returncode != 0
    assert output_lines(result) == [f"Error: {name} must be a whole number of at least 1, not '0'"]
