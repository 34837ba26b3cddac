"""The application factory: one app serving the portal at / and the back office at /backoffice/."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask, g, send_from_directory
from flask_babel import get_locale
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from shared import i18n
from shared.config import load_config
from shared.error_pages import setup_error_pages
from shared.extensions import babel, csrf, db, login_manager, migrate

SHARED_DIR = Path(__file__).resolve().parent
PROJECT_DIR = SHARED_DIR.parent
GOVUK_ASSETS_DIR = SHARED_DIR / "static" / "govuk" / "assets"


def create_app(config: dict | None = None) -> Flask:
    config = dict(config or {})
    instance_path = config.pop("INSTANCE_PATH", None) or str(PROJECT_DIR / "instance")
    app = Flask(
        __name__,
        instance_path=instance_path,
        static_folder=str(SHARED_DIR / "static"),
        template_folder=None,
    )
    app.config.update(load_config(Path(instance_path), config))

    setup_database(app)
    setup_babel(app)
    setup_templates(app)
    setup_security(app)
    setup_login(app)
    setup_blueprints(app)
    setup_error_pages(app)
    setup_cli(app)
    return app


def setup_database(app: Flask) -> None:
    import shared.models  # noqa: F401  (registers the models with the metadata)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_DIR / "migrations"), render_as_batch=True)


def setup_babel(app: Flask) -> None:
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(i18n.TRANSLATIONS_DIR)
    babel.init_app(app, locale_selector=i18n.select_locale)


def setup_templates(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(SHARED_DIR / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    WTFormsHelpers(app)
    app.jinja_env.add_extension("jinja2.ext.do")

    from shared import formatting

    formatting.register(app)

    @app.context_processor
    def page_shell():
        locale = str(get_locale() or i18n.DEFAULT_LOCALE)
        return {
            "council_name": app.config["COUNCIL_NAME"],
            "council_logo_url": app.config["COUNCIL_LOGO_URL"],
            "html_lang": locale.replace("_", "-"),
            "html_dir": i18n.text_direction(locale),
            "csp_nonce": g.get("csp_nonce", ""),
        }


def setup_security(app: Flask) -> None:
    if app.config["BEHIND_PROXY"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    @app.before_request
    def make_csp_nonce():
        g.csp_nonce = secrets.token_urlsafe(16)

    @app.after_request
    def security_headers(response):
        nonce = g.get("csp_nonce", "")
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; "
            f"script-src 'self' 'nonce-{nonce}'; "
            "style-src 'self'; img-src 'self' data:; font-src 'self'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if app.config["SESSION_COOKIE_SECURE"]:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        return response

    @app.get("/health")
    def health():
        db.session.execute(db.text("SELECT 1"))
        return {"status": "ok"}

    # GOV.UK Frontend's compiled CSS refers to its fonts and images under /assets/.
    @app.get("/assets/<path:filename>")
    def govuk_assets(filename: str):
        return send_from_directory(GOVUK_ASSETS_DIR, filename, max_age=86400)


def setup_login(app: Flask) -> None:
    from shared.models import StaffUser

    login_manager.init_app(app)
    login_manager.login_view = "backoffice.sign_in"
    login_manager.session_protection = "strong"

    from flask_babel import lazy_gettext as _l

    login_manager.login_message = _l("Sign in to see that page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_staff_user(user_id: str):
        return db.session.get(StaffUser, int(user_id))

    csrf.init_app(app)


def setup_blueprints(app: Flask) -> None:
    from backoffice import blueprint as backoffice_blueprint
    from portal import blueprint as portal_blueprint

    app.register_blueprint(portal_blueprint)
    app.register_blueprint(backoffice_blueprint, url_prefix="/backoffice")


def setup_cli(app: Flask) -> None:
    from shared.cli import register_commands

    register_commands(app)
