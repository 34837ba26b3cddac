"""The council's contact details and public-page settings come from the environment,
and nonsense is refused at start-up with one line naming the variable."""

from __future__ import annotations

from datetime import date

import pytest

from shared.web.config import ConfigurationError, check_environment, load_config

DEVELOPMENT = {"COMPLAINTS_ENV": "development"}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "SERVICE_REQUEST_URL",
            "javascript:alert(1)",
            "SERVICE_REQUEST_URL must be an https:// address, not 'javascript:alert(1)'",
        ),
        (
            "ACCESSIBILITY_STATEMENT_DATE",
            "1 December",
            "ACCESSIBILITY_STATEMENT_DATE must be a date like 2026-12-01, not '1 December'",
        ),
        (
            "RECORDS_RETENTION_YEARS",
            "0",
            "RECORDS_RETENTION_YEARS must be a whole number of at least 1, not '0'",
        ),
    ],
)
def test_a_setting_that_makes_no_sense_is_refused(name, value, message):
    with pytest.raises(ConfigurationError) as refused:
        check_environment({**DEVELOPMENT, name: value})
    assert refused.value.message == message


def test_the_settings_come_from_the_environment(monkeypatch, tmp_path):
    for name, value in {
        "COUNCIL_PHONE": "01632 960001",
        "COUNCIL_POSTAL_ADDRESS": "Civic Centre, Northshire, NS1 2AB",
        "COUNCIL_VISIT_ADDRESS": "Library, Northshire",
        "SERVICE_REQUEST_URL": "https://northshire.example.gov.uk/report",
        "DATA_PROTECTION_EMAIL": "dpo@northshire.example",
        "ACCESSIBILITY_STATEMENT_DATE": "2026-09-30",
        "RECORDS_RETENTION_YEARS": "7",
    }.items():
        monkeypatch.setenv(name, value)
    config = load_config(tmp_path, {"ENVIRONMENT": "development"})

    assert config["COUNCIL_PHONE"] == "01632 960001"
    assert config["COUNCIL_POSTAL_ADDRESS"] == "Civic Centre, Northshire, NS1 2AB"
    assert config["COUNCIL_VISIT_ADDRESS"] == "Library, Northshire"
    assert config["SERVICE_REQUEST_URL"] == "https://northshire.example.gov.uk/report"
    assert config["DATA_PROTECTION_EMAIL"] == "dpo@northshire.example"
    assert config["ACCESSIBILITY_STATEMENT_DATE"] == date(2026, 9, 30)
    assert config["RECORDS_RETENTION_YEARS"] == 7


def test_development_has_defaults(monkeypatch, tmp_path):
    for name in ("COUNCIL_PHONE", "SERVICE_REQUEST_URL", "RECORDS_RETENTION_YEARS"):
        monkeypatch.delenv(name, raising=False)
    config = load_config(tmp_path, {"ENVIRONMENT": "development"})
    assert config["COUNCIL_PHONE"]
    assert config["SERVICE_REQUEST_URL"].startswith("https://")
    assert config["RECORDS_RETENTION_YEARS"] == 6
