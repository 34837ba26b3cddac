"""gunicorn settings for serving the complaints platform (`gunicorn -c gunicorn.conf.py`).

gunicorn also reads this file by itself when started from this folder. Serve behind a
buffering reverse proxy (see the README): the proxy absorbs slow clients, and gthread
workers keep answering while one thread waits on the database or a slow connection.
Settings given on the command line win over these.
"""

import os
import sys

from shared.web.config import ConfigurationError, check_environment, env_flag, whole_number

# Refuse a bad environment here, before gunicorn starts anything, so the person starting it
# sees one line naming the variable rather than a worker's traceback.
try:
    check_environment()
    workers = whole_number(os.environ, "WEB_CONCURRENCY", 2, minimum=1)
    threads = whole_number(os.environ, "GUNICORN_THREADS", 8, minimum=1)
except ConfigurationError as error:
    sys.exit(f"Error: {error.message}")

wsgi_app = "shared.wsgi:app"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads, not one request per process: a connection that is slow to send or receive ties
# up one thread, not a whole worker.
worker_class = "gthread"

# A worker silent for `timeout` seconds (its main loop stuck, not one slow request: that is
# the proxy's proxy_read_timeout) is restarted; a restart or shutdown lets running requests
# finish for `graceful_timeout` seconds; an idle kept-alive connection from the proxy is
# closed after `keepalive` seconds.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Restart each worker now and then, so a slow leak cannot grow without limit.
max_requests = 2000
max_requests_jitter = 200

# Forwarded headers (X-Forwarded-Proto...) count only when a proxy is declared; the app's
# ProxyFix reads X-Forwarded-For under the same setting.
if not env_flag("BEHIND_PROXY", default=False):
    forwarded_allow_ips = ""

# Both logs to standard output/error, for systemd's journal or the container's log; the
# logger class takes tracking-link secrets out of every line.
accesslog = "-"
errorlog = "-"
logger_class = "shared.web.gunicorn_logger.RedactingLogger"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
