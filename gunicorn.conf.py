"""Gunicorn's settings for Grundlag, read when gunicorn starts in this folder: `gunicorn` (see README).

The access log goes to standard output through a logger that removes answer tokens, password-reset
links and import handles from every line (grundlag/core/logging.py).

Workers and address come from gunicorn's own environment variables: WEB_CONCURRENCY (workers; default 1,
docs/deployment.md) and PORT (listen on 0.0.0.0:PORT; without it 127.0.0.1:8000), or `-w` and `-b`.
"""

wsgi_app = "config.wsgi"
accesslog = "-"
logger_class = "grundlag.core.logging.RedactingGunicornLogger"
# A request may take up to two minutes before its worker is restarted (gunicorn's default is 30 s): closing
# a large municipality's evaluation cycle opens, writes and counts every sealed response in the request
# (about 20 s for 19,000 responses, bench/evaluations.py).
timeout = 120
# On SIGTERM (systemd, Docker) a worker finishes the request it is serving; give a close that long too.
graceful_timeout = 120
# No control socket for `gunicornc`: Grundlag is run by systemd or a container, and the socket's one default
# path ($HOME/.gunicorn/gunicorn.ctl) is shared by every gunicorn of the same user on the machine.
control_socket_disable = True
