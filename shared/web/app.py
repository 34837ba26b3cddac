"""The application factory: one app serving the portal at / and the back office at /backoffice/."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, g, has_request_context
from flask_babel import get_locale
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from shared.db import db
from shared.web import i18n, templating
from shared.web.config import load_config
from shared.web.error_pages import setup_error_pages
from shared.web.extensions import babel, csrf, login_manager, migrate
from shared.web.rate_limits import setup_rate_limits
from shared.web.security import setup_security
from shared.web.static_files import setup_static_files

WEB_DIR = Path(__file__).resolve().parent
SHARED_DIR = WEB_DIR.parent
PROJECT_DIR = SHARED_DIR.parent
GOVUK_ASSETS_DIR = WEB_DIR / "static" / "govuk" / "assets"


def create_app(config: dict | None = None) -> Flask:
    config = dict(config or {})
    instance_path = config.pop("INSTANCE_PATH", None) or str(PROJECT_DIR / "instance")
    app = Flask(
        __name__,
        instance_path=instance_path,
        static_folder=str(WEB_DIR / "static"),
        template_folder=None,
    )
    app.config.update(load_config(Path(instance_path), config))

    setup_database(app)
    setup_babel(app)
    setup_templates(app)
    setup_static_files(app)
    setup_security(app, GOVUK_ASSETS_DIR)
    setup_login(app)
    setup_blueprints(app)
    setup_rate_limits(app)
    setup_error_pages(app)
    setup_cli(app)
    return app


def setup_database(app: Flask) -> None:
    # Importing the subdomains registers their models with the metadata.
    import shared.accounts  # noqa: F401
    import shared.cases  # noqa: F401
    import shared.compliments  # noqa: F401
    import shared.decisions  # noqa: F401
    import shared.drafts  # noqa: F401
    import shared.equalities  # noqa: F401
    import shared.evidence  # noqa: F401
    import shared.notices.models  # noqa: F401
    import shared.ombudsman  # noqa: F401
    import shared.reference.models  # noqa: F401
    import shared.surveys  # noqa: F401

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_DIR / "migrations"), render_as_batch=True)


def setup_babel(app: Flask) -> None:
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(i18n.TRANSLATIONS_DIR)
    babel.init_app(app, locale_selector=i18n.select_locale)
    app.before_request(i18n.share_wtforms_messages)

    @app.after_request
    def vary_by_language(response):
        # Without a choice in the session, a page's language comes from the browser's.
        response.vary.add("Accept-Language")
        return response


def setup_templates(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(WEB_DIR / "templates")),
            FileSystemLoader(str(SHARED_DIR / "notices" / "templates")),
            FileSystemLoader(str(SHARED_DIR / "reports" / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.template_class = templating.Template
    WTFormsHelpers(app)
    app.jinja_env.add_extension("jinja2.ext.do")

    from shared.web import formatting

    formatting.register(app)

    @app.context_processor
    def page_shell():
        locale = str(get_locale() or i18n.DEFAULT_LOCALE)
        return {
            "council_name": app.config.get("COUNCIL_NAMES", {}).get(locale)
            or app.config["COUNCIL_NAME"],
            "council_logo_url": app.config["COUNCIL_LOGO_URL"],
            "html_lang": locale.replace("_", "-"),
            "html_dir": i18n.text_direction(locale),
            "language_links": i18n.language_links(locale) if has_request_context() else [],
            "csp_nonce": g.get("csp_nonce", ""),
        }


def setup_login(app: Flask) -> None:
    from shared.people.staff import staff_for_session

    login_manager.init_app(app)
    login_manager.login_view = "backoffice.sign_in"
    login_manager.session_protection = "strong"

    from flask_babel import lazy_gettext as _l

    login_manager.login_message = _l("Sign in to see that page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_staff_user(session_id: str):
        return staff_for_session(session_id)

    csrf.init_app(app)


def setup_blueprints(app: Flask) -> None:
    from backoffice import blueprint as backoffice_blueprint
    from portal import blueprint as portal_blueprint

    app.register_blueprint(portal_blueprint)
    app.register_blueprint(backoffice_blueprint, url_prefix="/backoffice")


def setup_cli(app: Flask) -> None:
    from shared.cli import register_commands

    register_commands(app)
