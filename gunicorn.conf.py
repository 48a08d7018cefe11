"""Gunicorn's settings for Grundlag, read when gunicorn starts in this folder: `gunicorn` (see README).

The access log goes to standard output through a logger that removes answer tokens, password-reset
links and import handles from every line (grundlag/core/logging.py).
"""

wsgi_app = "config.wsgi"
accesslog = "-"
logger_class = "grundlag.core.logging.RedactingGunicornLogger"
