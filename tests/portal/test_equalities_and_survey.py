"""After a complaint: the optional equalities questions, kept apart from the complaint and
never shown on a case or in an export; and the satisfaction survey once it is closed."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from shared.cases import Actor, close
from shared.db import db, unit_of_work
from shared.equalities import EqualitiesResponse, EqualitiesResponseLink
from shared.surveys import SatisfactionSurvey, satisfaction_summary
from tests.backoffice.test_case_actions import sign_in
from tests.factories import acknowledge, at, make_staff, respond, submit
from tests.helpers import count, freeze, send_complaint

FULL_ANSWERS = {
    "age_band": "35_to_44",
    "sex": "female",
    "gender_identity": "same",
    "sexual_orientation": "bisexual",
    "ethnic_group": "mixed",
    "religion": "sikh",
    "disability": "yes_a_little",
    "pregnancy_maternity": "prefer_not_to_say",
    "marriage": "civil_partnership",
}


def track_url(sent) -> str:
    return f"/track/{sent.complaint.reference}/{sent.tracking_secret}"


def test_the_confirmation_page_offers_the_questions_and_explains_them(client):
    sent = send_complaint(client)
    assert sent.h1.startswith("Complaint sent")
    link = sent.soup.find("a", string="Answer the equalities questions (optional)")
    assert link is not None and link["href"].endswith("/equalities")

    start = client.page(link["href"])
    assert start.h1 == "Equalities questions (optional)"
    text = start.text()
    assert "Why we ask" in text and "Who sees your answers" in text
    assert "will never affect your complaint" in text
    skip = start.soup.find("a", string="Skip these questions")
    assert "/track/" in skip["href"] and not skip["href"].endswith("/equalities")


def test_each_question_has_a_fieldset_a_legend_and_prefer_not_to_say(client, app):
    sent = submit()
    page = client.page(f"{track_url(sent)}/equalities/questions")
    assert page.h1 == "About you"
    fieldsets = page.soup.select("fieldset.govuk-fieldset")
    assert len(fieldsets) == 9
    for fieldset in fieldsets:
        assert fieldset.find("legend").get_text(strip=True)
        labels = [label.get_text(strip=True) for label in fieldset.select("label")]
        assert labels[-1] == "Prefer not to say"
        assert all(radio["type"] == "radio" for radio in fieldset.select("input"))


def test_answers_are_kept_apart_from_the_complaint_once(client, app):
    sent = submit()
    url = f"{track_url(sent)}/equalities/questions"
    token = client.page(url).csrf_token()
    page = client.submit(url, FULL_ANSWERS, follow_redirects=True)
    assert page.h1 == "Your complaint"
    assert "Thank you for answering the equalities questions." in page.text()
    assert count(EqualitiesResponse) == 1
    response = db.session.scalars(select(EqualitiesResponse)).one()
    assert response.religion == "sikh"
    # The answer row has no complaint, person or time in it: only the link row points.
    assert set(EqualitiesResponse.__table__.columns.keys()) == {"id", *FULL_ANSWERS}
    link = db.session.scalars(select(EqualitiesResponseLink)).one()
    assert link.complaint_id == sent.complaint.id and link.response_id == response.id

    # A second answer (another tab, the back button) is refused clearly; the first stands.
    again = client.post(
        url,
        data={**FULL_ANSWERS, "religion": "none", "csrf_token": token},
        follow_redirects=True,
    )
    assert "You have already answered the equalities questions" in again.get_data(as_text=True)
    assert count(EqualitiesResponse) == 1
    assert db.session.scalars(select(EqualitiesResponse)).one().religion == "sikh"
    start = client.page(f"{track_url(sent)}/equalities")
    assert "You have already answered" in start.text()


def test_a_question_left_unanswered_is_named_and_the_other_answers_kept(client, app):
    sent = submit()
    url = f"{track_url(sent)}/equalities/questions"
    given = {k: v for k, v in FULL_ANSWERS.items() if k not in {"sex", "marriage"}}
    page = client.submit(url, {**given, "religion": "not-a-religion"})
    assert page.status_code == 400
    assert page.error_summary() == [
        "Select your sex, or “Prefer not to say”",
        "Select your religion, or “Prefer not to say”",
        "Select your marital or civil partnership status, or “Prefer not to say”",
    ]
    assert page.soup.find("input", attrs={"name": "age_band", "value": "35_to_44"}).has_attr(
        "checked"
    )
    assert count(EqualitiesResponse) == 0


def test_two_answers_at_once_record_one(app, client):
    sent = submit()
    url = f"{track_url(sent)}/equalities/questions"
    token = client.page(url).csrf_token()
    statuses = []

    def answer():
        statuses.append(client.post(url, data={**FULL_ANSWERS, "csrf_token": token}).status_code)

    threads = [threading.Thread(target=answer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302, 302]
    assert count(EqualitiesResponse) == 1
    assert count(EqualitiesResponseLink) == 1


def test_no_case_page_or_queue_export_shows_any_answer(client, app):
    sent = submit(complainant_name="Eira Evans")
    client.submit(f"{track_url(sent)}/equalities/questions", FULL_ANSWERS, follow_redirects=True)
    assert count(EqualitiesResponse) == 1
    manager = make_staff("complaints_manager")
    sign_in(client, manager)
    case = client.get(f"/backoffice/complaints/{sent.complaint.reference}").get_data(as_text=True)
    export = client.get("/backoffice/open-complaints.csv").get_data(as_text=True)
    assert "Eira Evans" in case and sent.complaint.reference in export
    for shown in (case, export):
        for words in (
            "Sikh",
            "Bisexual",
            "Mixed or multiple ethnic groups",
            "civil partnership",
            "35 to 44",
            "Equalities",
            "equalities",
        ):
            assert words not in shown


def test_a_wrong_tracking_link_finds_no_questions(client, app):
    sent = submit()
    wrong = f"/track/{sent.complaint.reference}/{'A' * 43}/equalities"
    assert client.get(wrong).status_code == 404
    assert client.get(f"{wrong}/questions").status_code == 404


# -- the satisfaction survey ------------------------------------------------------------------


@pytest.fixture
def closed(app, monkeypatch):
    # The day after closing: a tracking link works for a year after it.
    freeze(monkeypatch, "2025-03-12 10:00")
    staff = make_staff("complaints_manager")
    sent = submit(received="2025-03-03 10:00")
    acknowledge(sent.complaint, staff, on="2025-03-04 10:00")
    respond(sent.complaint, staff, on="2025-03-10 10:00")
    with unit_of_work():
        close(Actor.staff(staff), sent.complaint, at=at("2025-03-11 10:00"))
    return sent


SURVEY = {"handling": "4", "kept_informed": "partly", "comment": "Quick reply.\nThank you."}


def test_the_survey_is_offered_only_once_the_complaint_is_closed(client, app):
    sent = submit()
    page = client.page(track_url(sent))
    assert "Answer the survey" not in page.text()
    survey = client.page(f"{track_url(sent)}/survey")
    assert "once your complaint is closed" in survey.text()
    assert not survey.soup.select("form[method=post]")
    token = client.page(f"{track_url(sent)}/equalities/questions").csrf_token()
    refused = client.post(f"{track_url(sent)}/survey", data={**SURVEY, "csrf_token": token})
    assert "once your complaint is closed" in refused.get_data(as_text=True)
    assert count(SatisfactionSurvey) == 0


def test_a_resident_answers_the_survey_once_and_staff_see_it(client, closed):
    page = client.page(track_url(closed))
    assert "Answer the survey" in [a.get_text(strip=True) for a in page.soup.find_all("a")]
    url = f"{track_url(closed)}/survey"
    errors = client.submit(url, {"comment": "x" * 2001})
    assert errors.status_code == 400
    assert errors.error_summary() == [
        "Select how satisfied you are with how we handled it",
        "Select whether we kept you informed",
        "Your comments must be 2,000 characters or fewer",
    ]
    assert errors.value_of("comment") == "x" * 2001

    token = errors.csrf_token()
    done = client.submit(url, SURVEY, follow_redirects=True)
    assert "Thank you for telling us what you thought." in done.text()
    assert "Answer the survey" not in done.text()
    again = client.post(
        url, data={**SURVEY, "handling": "1", "csrf_token": token}, follow_redirects=True
    )
    assert "You have already answered the survey" in again.get_data(as_text=True)
    assert count(SatisfactionSurvey) == 1
    assert db.session.get(SatisfactionSurvey, closed.complaint.id).handling == 4

    sign_in(client, make_staff("complaints_officer"))
    case = client.page(f"/backoffice/complaints/{closed.complaint.reference}")
    section = case.soup.find(id="satisfaction-survey")
    assert section is not None
    text = section.get_text(" ", strip=True)
    assert "Satisfied" in text and "Partly" in text and "Quick reply." in text


def test_control_characters_in_a_comment_are_refused(client, closed):
    page = client.submit(f"{track_url(closed)}/survey", {**SURVEY, "comment": "bad\x00text"})
    assert page.status_code == 400
    assert page.field_error("comment").endswith(
        "Remove the special characters that cannot be used, such as invisible control codes."
    )
    assert count(SatisfactionSurvey) == 0


def test_the_survey_summary_gives_the_response_rate_and_share_satisfied(client, closed, app):
    from datetime import date

    staff = make_staff("complaints_manager", name="Another Manager")
    unanswered = submit(received="2025-03-03 10:00")
    acknowledge(unanswered.complaint, staff, on="2025-03-04 10:00")
    respond(unanswered.complaint, staff, on="2025-03-10 10:00")
    with unit_of_work():
        close(Actor.staff(staff), unanswered.complaint, at=at("2025-03-12 10:00"))
    client.submit(f"{track_url(closed)}/survey", SURVEY, follow_redirects=True)
    summary = satisfaction_summary(date(2025, 3, 1), date(2025, 3, 31))
    assert (summary.closed, summary.answered, summary.satisfied) == (2, 1, 1)
    assert summary.response_rate == 50.0
    assert summary.satisfied_percent == 100.0
    assert summary.kept_informed_percent == 0.0
    assert satisfaction_summary(date(2025, 4, 1), date(2025, 4, 30)).response_rate is None
