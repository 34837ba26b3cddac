"""What a portal page costs the server: work that does not change between visitors is done
once, and what a visitor sees stays right when the data behind it changes."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event, text

from shared.db import db
from shared.reference import service_areas
from shared.reference.models import ServiceArea
from shared.web import widgets
from tests.factories import submit
from tests.helpers import COMPLAINT_FORM


@contextmanager
def statements():
    """The SQL statements the app sends meanwhile."""
    sent: list[str] = []

    def note(conn, cursor, statement, *args):
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def service_options(page) -> list[str]:
    return [
        option.get_text(strip=True)
        for option in page.soup.select("select[name=service_area_code] option")
    ]


def fields_html(page) -> str:
    form = page.soup.select_one("form")
    for hidden in form.select("input[type=hidden]"):
        hidden.decompose()
    return form.decode()


def test_the_blank_form_asks_the_database_nothing_once_shown(client):
    client.page("/complaint")

    with statements() as sent:
        page = client.page("/complaint")

    assert page.status_code == 200
    assert "Repairs and maintenance" in service_options(page)
    assert sent == []


def test_a_tracking_link_opens_its_page_with_one_query(client):
    sent_complaint = submit()
    url = f"/track/{sent_complaint.complaint.reference}/{sent_complaint.tracking_secret}"

    with statements() as sent:
        page = client.page(url)

    assert page.status_code == 200
    assert sent_complaint.complaint.reference in page.text()
    assert len(sent) == 1, sent


def test_a_service_renamed_here_shows_on_the_next_form(client):
    assert "Parking" in service_options(client.page("/complaint"))

    db.session.get(ServiceArea, "parking").name = "Parking and permits"
    db.session.commit()

    options = service_options(client.page("/complaint"))
    assert "Parking and permits" in options
    assert "Parking" not in options


def test_a_service_changed_by_another_server_shows_within_a_minute(client, monkeypatch):
    client.page("/complaint")
    # Another server's change: no event in this process.
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE service_areas SET active = false WHERE code = 'parking'"))

    assert "Parking" in service_options(client.page("/complaint"))

    later = service_areas.time.monotonic() + service_areas.OFFERED_FOR_SECONDS + 1
    monkeypatch.setattr(service_areas.time, "monotonic", lambda: later)
    assert "Parking" not in service_options(client.page("/complaint"))


def test_blank_fields_are_rendered_once_and_fields_with_answers_every_time(client):
    widgets._rendered.clear()
    first = client.page("/complaint")
    kept = len(widgets._rendered)
    second = client.page("/complaint")

    # Name, email, service, description, outcome and the button: kept after the first view.
    assert kept == 6
    assert len(widgets._rendered) == kept
    # The same HTML as rendered by the macros themselves, but for the one-time tokens.
    assert fields_html(second) == fields_html(first)

    answered = client.submit("/complaint", {**COMPLAINT_FORM, "description": ""})

    assert answered.status_code == 400
    assert answered.value_of("complainant_name") == "Priya Shah"
    assert answered.field_error("description").startswith("Error:")
    # Nothing a resident typed, and no error, is kept.
    assert len(widgets._rendered) == kept
    assert not any("Priya" in key[2] for key in widgets._rendered)


def test_wtforms_catalogue_is_read_once(client, monkeypatch):
    from babel import support

    from shared.web import i18n

    i18n._wtforms_catalogue.cache_clear()
    loads = []
    real_load = support.Translations.load

    def counting_load(*args, **kwargs):
        loads.append(kwargs.get("domain"))
        return real_load(*args, **kwargs)

    monkeypatch.setattr(support.Translations, "load", counting_load)
    for _ in range(3):
        assert client.page("/complaint").status_code == 200

    assert loads.count("wtforms") == 1
