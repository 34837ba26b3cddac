"""The app starts the way gunicorn starts it, in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wsgi_module_imports_in_a_fresh_interpreter(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import shared.wsgi; print(shared.wsgi.app.name)"],
        cwd=ROOT,
        env={
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}",
            "SECRET_KEY": "x",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "shared.app"
