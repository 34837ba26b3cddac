"""gunicorn settings for bench/submissions.py: deliberately none.

The benchmark gives every setting on the command line. Naming this file stops gunicorn
reading the checkout's own gunicorn.conf.py (threads, access log), which an older checkout
does not have, so before and after, and the minimal page, run the same settings.
"""
