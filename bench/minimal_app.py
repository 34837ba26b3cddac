"""The smallest Flask page: bench/submissions.py serves it with the same gunicorn settings as
the platform, so the platform's figures read as a ratio to what this machine can serve."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def ok() -> str:
    return "ok"
