"""Every user-facing string goes through Babel, the catalogue template is up to date, every
shipped language is complete, and pages and notices really are in the chosen language."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale
from sqlalchemy import select

from shared.cases.models import Complaint
from shared.cases.wording import long_date, working_days_left
from shared.db import db
from shared.validation import number
from shared.web.i18n import available_locales, text_direction
from tests.factories import acknowledge, make_staff, submit
from tests.helpers import JOURNEY, deliver_notices, freeze, send_complaint

ROOT = Path(__file__).resolve().parent.parent


def msgids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_the_committed_catalogue_template_is_not_stale(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--sort-output",
            "--omit-header",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    committed = msgids(ROOT / "translations" / "messages.pot")
    extracted = msgids(fresh)
    assert extracted - committed == set(), "new strings: run `make translations-update`"
    assert committed - extracted == set(), "removed strings: run `make translations-update`"
    assert "Make a complaint" in extracted


def test_right_to_left_languages_get_rtl():
    assert text_direction("ur") == "rtl"
    assert text_direction("cy") == "ltr"
    assert text_direction("en") == "ltr"


def test_the_page_takes_lang_and_dir_from_the_chosen_locale(app, client):
    app.config["LANGUAGES"] = ("en", "ur")
    page = client.page("/?lang=ur")
    html = page.soup.find("html")
    assert (html["lang"], html["dir"]) == ("ur", "rtl")
    # The choice is remembered for the next page.
    html = client.page("/complaint/who").soup.find("html")
    assert (html["lang"], html["dir"]) == ("ur", "rtl")
    html = client.page("/?lang=en").soup.find("html")
    assert (html["lang"], html["dir"]) == ("en", "ltr")


def test_the_browser_language_is_used_until_the_resident_chooses(client):
    response = client.get("/", headers={"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5"})
    assert "Złóż skargę" in response.get_data(as_text=True)
    assert "Accept-Language" in response.headers["Vary"]  # so no cache serves it to others
    chosen = client.page("/?lang=cy", headers={"Accept-Language": "pl"})
    assert chosen.h1 == "Gwneud cwyn"
    assert client.page("/", headers={"Accept-Language": "pl"}).h1 == "Gwneud cwyn"


def test_a_language_the_service_does_not_offer_falls_back_to_english(client):
    html = client.page("/?lang=xx", headers={"Accept-Language": "de"}).soup.find("html")
    assert html["lang"] == "en"


# -- every shipped catalogue is complete ----------------------------------------------------

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
SHIPPED = ("cy", "pl", "ro", "ur", "ar")
# CLDR's plural categories: Welsh and Arabic have six.
PLURAL_FORMS = {"cy": 6, "pl": 3, "ro": 3, "ur": 2, "ar": 6}


def catalogue(lang: str):
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def extracted_msgids(tmp_path) -> set[str]:
    fresh = tmp_path / "extracted.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--omit-header",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    return msgids(fresh)


def test_the_shipped_languages_are_those_with_a_catalogue():
    shipped = {p.parent.parent.name for p in ROOT.glob("translations/*/LC_MESSAGES/messages.po")}
    assert shipped == set(SHIPPED)
    assert available_locales() == ("en", "cy", "ar", "pl", "ro", "ur")


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_string_the_code_uses_is_translated_in_each_language(lang, tmp_path):
    po = catalogue(lang)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in po
        if m.id and all(m.string if isinstance(m.string, tuple) else (m.string,))
    }
    missing = sorted(extracted_msgids(tmp_path) - translated)
    assert missing == [], f"{lang}: translate these in translations/{lang}/...: {missing[:10]}"


@pytest.mark.parametrize("lang", SHIPPED)
def test_no_translation_is_fuzzy_obsolete_or_loses_a_placeholder(lang):
    po = catalogue(lang)
    assert po.num_plurals == PLURAL_FORMS[lang]
    assert not po.obsolete, f"{lang}: obsolete entries: run `make translations-update`"
    problems = []
    for message in po:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(("fuzzy", message.id))
        ids = (message.id,) if isinstance(message.id, str) else message.id
        wanted = set(PLACEHOLDER.findall(" ".join(ids)))
        if isinstance(message.id, str):
            if set(PLACEHOLDER.findall(message.string)) != wanted:
                problems.append(("placeholders", message.id))
        else:
            # Each plural form has its own text; a form for one number may spell it out.
            if len(message.string) != po.num_plurals:
                problems.append(("plural forms", message.id))
            for form in message.string:
                if not set(PLACEHOLDER.findall(form)) <= wanted:
                    problems.append(("placeholders", message.id))
        strings = (message.string,) if isinstance(message.string, str) else message.string
        if any("{{" in text or "}}" in text for text in strings):
            problems.append(("jinja markup", message.id))
    assert problems == []


@pytest.mark.parametrize(
    ("lang", "days", "expected"),
    [
        ("cy", 2, "2 ddiwrnod gwaith ar ôl"),
        ("cy", 3, "3 diwrnod gwaith ar ôl"),
        ("ar", 1, "يتبقى يوم عمل واحد"),
        ("ar", 2, "يتبقى يوما عمل"),
        ("ar", 5, "يتبقى 5 أيام عمل"),
        ("ar", 11, "يتبقى 11 يوم عمل"),
        ("pl", 1, "Pozostał 1 dzień roboczy"),
        ("pl", 3, "Pozostały 3 dni robocze"),
        ("pl", 12, "Pozostało 12 dni roboczych"),
        ("pl", 22, "Pozostały 22 dni robocze"),
        ("ro", 2, "Au mai rămas 2 zile lucrătoare"),
        ("ro", 20, "Au mai rămas 20 de zile lucrătoare"),
        ("ur", 1, "1 کام کا دن باقی ہے"),
        ("ur", 4, "4 کام کے دن باقی ہیں"),
    ],
)
def test_plural_forms_follow_each_language(app, lang, days, expected):
    with app.test_request_context(), force_locale(lang):
        assert working_days_left(days) == expected


def test_dates_and_numbers_follow_the_locale(app):
    day = date(2026, 12, 4)
    with app.test_request_context():
        expected = {
            "en": "Friday 4 December 2026",
            "cy": "4 Rhagfyr 2026",
            "pl": "4 grudnia 2026 (piątek)",
            "ro": "vineri, 4 decembrie 2026",
            "ar": "الجمعة، 4 ديسمبر 2026",
        }
        for lang, text in expected.items():
            with force_locale(lang):
                assert long_date(day) == text
        with force_locale("pl"):
            assert str(number(10_000)) == "10\u00a0000"
        with force_locale("ro"):
            assert str(number(10_000)) == "10.000"


# -- real pages in each language ---------------------------------------------------------------


def test_the_question_pages_are_in_welsh_and_arabic(client):
    welsh = client.page("/complaint/who?lang=cy")
    assert welsh.h1 == "Ar ran pwy mae'r gŵyn?"
    assert welsh.soup.select_one(".govuk-button").get_text(strip=True) == "Parhau"
    send(client, "who", {"who": "myself"})
    services = client.page("/complaint/services")
    options = [o.get_text(strip=True) for o in services.soup.select("#main option")]
    assert options[:2] == ["Dewiswch wasanaeth", "Atgyweirio a chynnal a chadw"]

    arabic = client.page("/complaint/what-happened?lang=ar")
    assert arabic.h1 == "ماذا حدث؟"
    assert arabic.soup.html["lang"] == "ar" and arabic.soup.html["dir"] == "rtl"
    assert "10,000 حرف" in arabic.soup.select_one("#description-hint").get_text()
    arabic_services = client.page("/complaint/services")
    assert "الإصلاحات والصيانة" in arabic_services.text()


def send(client, page: str, data: dict):
    hidden = client.page(f"/complaint/{page}").hidden_fields()
    return client.post(f"/complaint/{page}", data={**hidden, **data})


def test_the_start_page_in_each_language(client):
    expected = {
        "cy": ("Gwneud cwyn", "o fewn 5 diwrnod gwaith"),
        "pl": ("Złóż skargę", "W ciągu 5 dni roboczych"),
        "ro": ("Faceți o reclamație", "în termen de 5 zile lucrătoare"),
        "ur": ("شکایت درج کریں", "5 کام کے دنوں کے اندر"),
        "ar": ("تقديم شكوى", "خلال 5 أيام عمل"),
    }
    for lang, (heading, promise) in expected.items():
        page = client.page(f"/?lang={lang}")
        assert page.h1 == heading
        assert promise in page.text()
        assert page.soup.html["lang"] == lang


def test_a_validation_message_in_polish_keeps_what_was_typed(client):
    client.page("/?lang=pl")
    send(client, "who", {"who": "myself"})
    page = client.submit(
        "/complaint/details",
        {"name": "Priya Shah", "email": "not an address", "phone": "zadzwoń"},
    )
    assert page.status_code == 400
    assert page.title.startswith("Błąd: Twoje dane kontaktowe")
    assert page.error_summary() == [
        "Wpisz adres e-mail w poprawnym formacie, np. imie@przyklad.pl",
        "Wpisz numer telefonu, np. 01632 960 001 lub +44 7700 900 982",
    ]
    assert page.soup.select_one(".govuk-error-summary__title").get_text(strip=True) == (
        "Wystąpił problem"
    )
    assert page.value_of("name") == "Priya Shah"
    too_long = client.submit("/complaint/what-happened", {"description": "x" * 10_001})
    assert too_long.error_summary() == [
        "Opis tego, co się stało, może mieć maksymalnie 10\u00a0000 znaków"
    ]


@pytest.mark.parametrize("url", ["/", "/complaint/who", "/no-such-page"])
def test_urdu_pages_read_right_to_left(client, url):
    client.page("/?lang=ur")
    page = client.page(url)
    assert (page.soup.html["lang"], page.soup.html["dir"]) == ("ur", "rtl")
    assert page.soup.select_one(".govuk-skip-link").get_text(strip=True) == "مرکزی مواد پر جائیں"


def test_the_tracking_page_in_welsh_and_arabic(client, monkeypatch):
    freeze(monkeypatch, "2026-11-30 10:00")
    sent = submit(received="2026-11-30 10:00", locale="cy")
    url = f"/track/{sent.complaint.reference}/{sent.tracking_secret}"

    welsh = client.page(f"{url}?lang=cy")
    assert welsh.h1 == "Eich cwyn"
    assert welsh.soup.select_one(".govuk-tag").get_text(strip=True) == "Wedi dod i law"
    assert "Byddwn yn cysylltu â chi erbyn 7 Rhagfyr 2026" in welsh.text()
    assert "Parcio" not in welsh.text() and "Atgyweirio a chynnal a chadw" in welsh.text()

    arabic = client.page(f"{url}?lang=ar")
    assert arabic.h1 == "شكواك"
    assert arabic.soup.select_one(".govuk-tag").get_text(strip=True) == "استُلمت"
    assert "سنتواصل معك بحلول الاثنين، 7 ديسمبر 2026" in arabic.text()


def test_a_council_can_give_its_welsh_name_for_welsh_pages_and_notices(
    app, client, tmp_path, monkeypatch
):
    from shared.notices.models import OutboxMessage
    from shared.notices.render import render_notice
    from shared.web.config import load_config

    monkeypatch.setenv("COUNCIL_NAME_CY", "Cyngor Bwrdeistref Glan-yr-afon")
    config = load_config(tmp_path, {"ENVIRONMENT": "development"})
    assert config["COUNCIL_NAMES"] == {"cy": "Cyngor Bwrdeistref Glan-yr-afon"}

    app.config["COUNCIL_NAMES"] = config["COUNCIL_NAMES"]
    welsh = client.page("/?lang=cy")
    english = client.page("/?lang=en")
    header = ".app-header__council-name"
    assert welsh.soup.select_one(header).get_text(strip=True) == "Cyngor Bwrdeistref Glan-yr-afon"
    assert welsh.title.endswith("– Cyngor Bwrdeistref Glan-yr-afon")
    assert english.soup.select_one(header).get_text(strip=True) == "Riverside Borough Council"
    assert "Glan-yr-afon" not in english.text()

    submit(locale="cy")
    _subject, body = render_notice(db.session.scalar(select(OutboxMessage)))
    assert body.rstrip().endswith("Tîm cwynion\nCyngor Bwrdeistref Glan-yr-afon")


def test_error_pages_are_translated(client):
    page = client.page("/no-such-page?lang=ar")
    assert page.status_code == 404
    assert page.h1 == "الصفحة غير موجودة"
    assert page.soup.find("a", string="الانتقال إلى صفحة البداية")["href"] == "/"


def test_the_language_switcher_keeps_the_page_and_its_query(client):
    page = client.page("/complaint/who?service=parking&lang=ro")
    switcher = page.soup.select_one("nav.app-language-switcher")
    assert switcher["aria-label"] == "Alegeți limba"
    links = {a["lang"]: a for a in switcher.select("a")}
    assert list(links) == ["en", "cy", "ar", "pl", "ur"]
    # Relative to the page: the browser keeps the path (which the page never repeats).
    assert links["cy"]["href"] == "?service=parking&lang=cy"
    assert urljoin(
        "http://localhost/complaint/who?service=parking&lang=ro", links["cy"]["href"]
    ) == ("http://localhost/complaint/who?service=parking&lang=cy")
    assert links["cy"].get_text(strip=True) == "Cymraeg"
    assert (links["ar"].get_text(strip=True), links["ar"]["dir"]) == ("العربية", "rtl")
    current = switcher.select_one("[aria-current]")
    assert (current["lang"], current.get_text(strip=True)) == ("ro", "Română")
    # The choice is kept for the next page without `lang` in its address.
    assert client.page("/").h1 == "Faceți o reclamație"


def test_only_languages_with_a_catalogue_are_offered(app, client):
    app.config["LANGUAGES"] = ("en", "cy")
    page = client.page("/?lang=cy")
    assert [a["lang"] for a in page.soup.select(".app-language-switcher a")] == ["en"]
    assert client.page("/?lang=ar").soup.html["lang"] == "cy"  # not offered: the choice stays
    app.config["LANGUAGES"] = ("en",)
    assert client.page("/?lang=en").soup.select(".app-language-switcher") == []


def test_the_stylesheet_mirrors_gov_uk_frontend_for_right_to_left_pages():
    css = (ROOT / "shared" / "web" / "static" / "build" / "app.css").read_text()
    for rule in (
        "[dir=rtl] [class*=govuk-grid-column-]{float:right}",
        "[dir=rtl] .govuk-back-link::before{left:auto;right:.1875em;transform:rotate(45deg)}",
        "[dir=rtl] .govuk-checkboxes__label::before,[dir=rtl] .govuk-radios__label::before"
        "{left:auto;right:2px}",
        "[dir=rtl] ul.govuk-list--bullet,[dir=rtl] ol.govuk-list--number"
        "{padding-left:0;padding-right:20px}",
    ):
        assert rule in css
    assert re.search(r"\[dir=rtl\] \.govuk-form-group--error\{[^}]*border-right:5px solid", css)
    assert re.search(r"\[dir=rtl\] \.govuk-error-summary[^{]*\{text-align:right", css)


# -- notices in the resident's language ----------------------------------------------------


def test_a_resident_who_chose_welsh_is_written_to_in_welsh(client, monkeypatch):
    freeze(monkeypatch, "2026-11-30 10:00")
    client.page("/?lang=cy")
    sent = send_complaint(client, support={**JOURNEY["support"], "language": "cy"})
    assert sent.h1 == "Cwyn wedi’i hanfon"
    complaint = db.session.scalar(select(Complaint))
    assert complaint.complainant.preferred_language == "cy"

    # Whatever language the next visitor uses, the notices follow the resident's choice.
    client.page("/?lang=en")
    (received,) = deliver_notices()
    assert received["subject"] == f"Mae eich cwyn {complaint.reference} wedi dod i law"
    body = received["body"]
    assert body.startswith("Annwyl Priya Shah,")
    assert (
        f"Daeth eich cwyn i law ar 30 Tachwedd 2026. Eich cyfeirnod yw {complaint.reference}."
        in body
    )
    assert "Byddwn yn cysylltu â chi erbyn 7 Rhagfyr 2026" in body
    assert "Tîm cwynion" in body
    assert "We " not in body

    acknowledge(complaint, make_staff(), on="2026-12-01 09:00")
    _, acknowledgement = deliver_notices()
    assert acknowledgement["subject"].startswith(f"Eich cwyn {complaint.reference}:")
    assert "- Unioni pethau\n- Ymddiheuriad" in acknowledgement["body"]


def test_the_demo_data_has_residents_in_every_language(app):
    from shared.demo import load_demo_data
    from shared.people.models import Person

    load_demo_data()
    languages = set(db.session.scalars(select(Person.preferred_language)))
    assert languages == {"en", *SHIPPED}
