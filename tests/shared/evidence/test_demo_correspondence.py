"""The demonstration data shows the correspondence log: entries in, out and internal, files
that pass the same content checks as uploads, and linked complaints."""

from __future__ import annotations

from shared.demo import load_demo_data
from shared.evidence import ComplaintLink, CorrespondenceEntry, EvidenceFile
from shared.evidence.files import content_type_of


def test_the_demo_has_correspondence_with_attachments_and_a_link(app):
    load_demo_data()
    entries = CorrespondenceEntry.query.all()
    assert {e.direction for e in entries} == {"in", "out", "internal"}
    assert any(e.kind == "portal_message" for e in entries)
    files = EvidenceFile.query.all()
    assert len(files) >= 3
    assert all(content_type_of(f.content) == f.content_type for f in files)
    assert ComplaintLink.query.count() == 1
    # One sent on the evidence page of the complaint form, kept with the complaint itself.
    apart = [f for f in files if f.correspondence_id is None]
    assert [(f.filename, f.sent_by) for f in apart] == [("tenancy-agreement.pdf", "resident")]
