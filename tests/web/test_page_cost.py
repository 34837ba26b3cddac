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
from tests.helpers import JOURNEY


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
    return [option.get_text(strip=True) for option in page.soup.select("select[name=main] option")]


def fields_html(page) -> str:
    form = page.soup.select_one("form")
    for hidden in form.select("input[type=hidden]"):
        hidden.decompose()
    return form.decode()


def started(client) -> None:
    """Answer the first question, so the answers are kept and the next pages can be shown."""
    hidden = client.page("/complaint/who").hidden_fields()
    assert client.post("/complaint/who", data={**hidden, "who": "myself"}).status_code == 302


def test_the_first_question_asks_the_database_nothing_once_shown(client):
    client.page("/complaint/who")

    with statements() as sent:
        page = client.page("/complaint/who")

    assert page.status_code == 200
    assert sent == []


def test_a_later_question_asks_the_database_only_for_the_answers_kept(client):
    started(client)
    client.page("/complaint/services")

    with statements() as sent:
        page = client.page("/complaint/services")

    assert "Repairs and maintenance" in service_options(page)
    assert len(sent) == 1 and "complaint_drafts" in sent[0]


def test_a_tracking_link_opens_its_page_with_one_query(client):
    sent_complaint = submit()
    url = f"/track/{sent_complaint.complaint.reference}/{sent_complaint.tracking_secret}"

    with statements() as sent:
        page = client.page(url)

    assert page.status_code == 200
    assert sent_complaint.complaint.reference in page.text()
    assert len(sent) == 1, sent


def test_a_service_renamed_here_shows_on_the_next_form(client):
    started(client)
    assert "Parking" in service_options(client.page("/complaint/services"))

    db.session.get(ServiceArea, "parking").name = "Parking and permits"
    db.session.commit()

    options = service_options(client.page("/complaint/services"))
    assert "Parking and permits" in options
    assert "Parking" not in options


def test_a_service_changed_by_another_server_shows_within_a_minute(client, monkeypatch):
    started(client)
    client.page("/complaint/services")
    # Another server's change: no event in this process.
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE service_areas SET active = false WHERE code = 'parking'"))

    assert "Parking" in service_options(client.page("/complaint/services"))

    later = service_areas.time.monotonic() + service_areas.OFFERED_FOR_SECONDS + 1
    monkeypatch.setattr(service_areas.time, "monotonic", lambda: later)
    assert "Parking" not in service_options(client.page("/complaint/services"))


def test_blank_fields_are_rendered_once_and_fields_with_answers_every_time(client):
    started(client)
    widgets._rendered.clear()
    first = client.page("/complaint/details")
    kept = len(widgets._rendered)
    second = client.page("/complaint/details")

    # Name, email, phone, address, postcode and the button: kept after the first view.
    assert kept == 6
    assert len(widgets._rendered) == kept
    # The same HTML as rendered by the macros themselves, but for the one-time tokens.
    assert fields_html(second) == fields_html(first)

    answered = client.submit("/complaint/details", {**JOURNEY["details"], "email": ""})

    assert answered.status_code == 400
    assert answered.value_of("name") == "Priya Shah"
    assert answered.field_error("email").startswith("Error:")
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
        # Each request builds its forms' messages in the request's language.
        with client.application.test_request_context("/complaint/who?lang=cy"):
            i18n.WTFORMS_MESSAGES.ugettext("Not a valid choice.")

    assert loads.count("wtforms") == 1
