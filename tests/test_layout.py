"""The direction of imports: domain packages never reach up into the web layer or the
blueprints, the SLA engine stays pure, and the two blueprints never import each other.

Imports are read from the source (including those inside functions), so a late import
cannot hide a wrong dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_PACKAGES = [
    "accounts",
    "cases",
    "compliments",
    "evidence",
    "ombudsman",
    "people",
    "notices",
    "reference",
    "sla",
    "reports",
    "importing",
]
KERNEL_MODULES = ["clock.py", "db.py", "errors.py", "validation.py"]
EDGES = ("shared.web", "shared.cli", "shared.demo", "shared.wsgi", "portal", "backoffice")


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def reaches(name: str, targets) -> bool:
    return any(name == t or name.startswith(t + ".") for t in targets)


@pytest.mark.parametrize("package", DOMAIN_PACKAGES)
def test_domain_packages_never_import_the_web_layer_or_the_blueprints(package):
    wrong = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in modules(ROOT / "shared" / package)
        for name in imports_of(path)
        if reaches(name, EDGES)
    }
    assert wrong == set()


def test_the_kernel_imports_no_subdomain():
    subdomains = [f"shared.{p}" for p in (*DOMAIN_PACKAGES, "web")]
    wrong = {
        f"{module}: {name}"
        for module in KERNEL_MODULES
        for name in imports_of(ROOT / "shared" / module)
        if reaches(name, (*subdomains, *EDGES))
    }
    assert wrong == set()


def test_the_sla_engine_is_pure_dates():
    """No framework, no database, no clock: the caller passes every date in."""
    allowed = {"__future__", "collections", "dataclasses", "datetime", "functools", "pathlib"}
    allowed |= {
        "tomllib",
        "typing",
        "types",
        "bisect",
        "holidays",
        "shared.sla",
        "itertools",
        "math",
    }
    wrong = {
        f"{path.name}: {name}"
        for path in modules(ROOT / "shared" / "sla")
        for name in imports_of(path)
        if not any(name == a or name.startswith(a + ".") for a in allowed)
    }
    assert wrong == set()


@pytest.mark.parametrize(
    ("blueprint", "other"), [("portal", "backoffice"), ("backoffice", "portal")]
)
def test_the_blueprints_never_import_each_other(blueprint, other):
    wrong = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in modules(ROOT / blueprint)
        for name in imports_of(path)
        if reaches(name, (other,))
    }
    assert wrong == set()


def test_the_check_itself_sees_a_wrong_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def late():\n    from shared.web.app import create_app\n")
    assert reaches("shared.web.app", EDGES)
    assert "shared.web.app" in imports_of(bad)


def test_no_module_is_left_loose_at_the_top_of_shared():
    """shared/ holds subdomain packages, the small kernel, and the entry points only."""
    loose = {p.name for p in (ROOT / "shared").glob("*.py")}
    assert loose <= {"__init__.py", *KERNEL_MODULES, "cli.py", "demo.py", "wsgi.py"}
