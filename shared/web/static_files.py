"""Static files: fingerprinted, precompressed, cached for a year.

`make assets` compiles the CSS, copies GOV.UK Frontend's JS, fonts and images into
shared/web/static/, then `build_static_files` gives each file a copy named after its content
(``app-<md5>.css``), precompressed copies (``.gz``, ``.br``) and ``cache_manifest.json``
mapping each name to its fingerprinted one (Flask-Static-Digest). Templates name a static
file through one helper, ``static_url_for('static', filename='build/app.css')``, which
looks the name up in the manifest; without a manifest (assets never built) it gives the
plain name, so the app still works.

WhiteNoise serves the files in front of Flask: the compressed copy the browser accepts
(Brotli, else gzip) with ``Vary: Accept-Encoding``, and a fingerprinted file with a one-year
``immutable`` Cache-Control, as its name changes whenever its content does. A plain name
(development without a manifest) is cached for a minute only.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

from flask import Flask
from flask_static_digest import FlaskStaticDigest
from whitenoise import WhiteNoise

ONE_YEAR = 365 * 24 * 60 * 60
# Flask-Static-Digest's names: the md5 of the content before the extension.
FINGERPRINTED = re.compile(r"-[0-9a-f]{32}\.[^/]+$")
MANIFEST = "cache_manifest.json"
# Inputs of the CSS build that happen to live beside it: never served by a fingerprint.
BUILD_INPUTS = [".scss"]


class StaticFiles(WhiteNoise):
    # WhiteNoise's "forever" is ten years; a year is what HTTP caches are asked to keep.
    FOREVER = ONE_YEAR


def _nosniff(headers, path, url) -> None:
    headers["X-Content-Type-Options"] = "nosniff"


def setup_static_files(app: Flask) -> None:
    FlaskStaticDigest(app)  # the template global static_url_for
    static_folder = app.static_folder
    if static_folder and os.path.isdir(static_folder):
        app.wsgi_app = StaticFiles(
            app.wsgi_app,
            root=static_folder,
            prefix=app.static_url_path,
            immutable_file_test=lambda path, url: bool(FINGERPRINTED.search(url)),
            allow_all_origins=False,
            add_headers_function=_nosniff,
        )


def build_static_files(static_folder: Path) -> dict:
    """Fingerprint and compress every file under the folder, replacing an earlier build;
    the manifest (plain name -> fingerprinted name)."""
    import json

    from flask_static_digest import digester

    folder = str(static_folder).rstrip(os.sep) + os.sep
    # The library reports what it did on standard output; `make assets` stays quiet.
    with contextlib.redirect_stdout(io.StringIO()):
        digester.clean(folder, BUILD_INPUTS, True, True)
        digester.compile(folder, folder, BUILD_INPUTS, True, True)
    return json.loads((static_folder / MANIFEST).read_text())


if __name__ == "__main__":  # `make assets`
    build_static_files(Path(__file__).resolve().parent / "static")
