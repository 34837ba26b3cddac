"""A complaint's audit trail downloads as a spreadsheet: every change in order, who made it,
and what it changed; for staff who may see the complaint, and nobody else."""

from __future__ import annotations

import csv
import io

from tests.backoffice.test_case_actions import sign_in
from tests.factories import acknowledge, make_staff, respond, submit


def test_the_audit_trail_lists_every_change_in_order(client):
    officer = make_staff("complaints_officer", name="Olwen Officer")
    complaint = submit(received="2025-03-03 10:00").complaint
    acknowledge(complaint, officer, on="2025-03-04 10:00")
    respond(complaint, officer, on="2025-03-10 10:00", outcome="not_upheld")
    sign_in(client, officer)

    case = client.page(f"/backoffice/complaints/{complaint.reference}")
    link = case.soup.find("a", string="Download the full audit trail (CSV)")
    response = client.get(link["href"])

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert f"{complaint.reference}-audit-trail.csv" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["When (UTC)", "Who", "What"]
    assert [(row[1], row[6]) for row in rows[1:]] == [
        ("Resident", "submit"),
        ("Olwen Officer", "acknowledge"),
        ("Olwen Officer", "respond"),
    ]
    assert rows[2][3:5] == ["Received", "Being investigated"]
    assert '"outcome": "not_upheld"' in rows[3][5]
