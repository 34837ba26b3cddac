"""The WSGI entry point for gunicorn: `gunicorn shared.wsgi:app`."""

from shared.web.app import create_app

app = create_app()
