"""Every user-facing string goes through Babel, and the catalogue template is up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from shared.web.i18n import text_direction

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
    html = client.page("/complaint").soup.find("html")
    assert (html["lang"], html["dir"]) == ("ur", "rtl")
    html = client.page("/?lang=en").soup.find("html")
    assert (html["lang"], html["dir"]) == ("en", "ltr")


def test_a_language_the_service_does_not_offer_falls_back_to_english(client):
    html = client.page("/?lang=xx", headers={"Accept-Language": "de"}).soup.find("html")
    assert html["lang"] == "en"
