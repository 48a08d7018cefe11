"""Gunicorn's settings for Grundlag, read when gunicorn starts in this folder: `gunicorn` (see README).

The access log goes to standard output through a logger that removes answer tokens, password-reset
links and import handles from every line (grundlag/core/logging.py).
"""

wsgi_app = "config.wsgi"
accesslog = "-"
logger_class = "grundlag.core.logging.RedactingGunicornLogger"
# A request may take up to two minutes before its worker is restarted (gunicorn's default is 30 s): closing
# a large municipality's evaluation cycle opens, writes and counts every sealed response in the request
# (about 20 s for 19,000 responses, bench/evaluations.py).
timeout = 120
