# syntax=docker/dockerfile:1
# Grundlag's image, installed by the same scripts/install as the tests (docs/deployment.md, "Containers").
# It runs gunicorn by default; compose.yaml also runs it as the task worker and the one-shot `migrate`.
# CI does not build this image (no Docker daemon there): it runs scripts/production-check on the machine.

# Node.js only to install the npm packages and bundle the charts' script (scripts/install).
FROM node:20.20.2-bookworm-slim AS node

FROM python:3.11.7-slim-bookworm
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm

# No development packages (pytest, Playwright …); the Python of the image, never a downloaded one.
ENV PYTHONUNBUFFERED=1 \
    UV_NO_DEV=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_LINK_MODE=copy \
    UV_COMPILE_BYTECODE=1 \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/var/lib/grundlag/media \
    XDG_CACHE_HOME=/tmp/cache \
    PORT=8000

WORKDIR /app
# The packages first, so that a change in the code does not install them again.
COPY scripts/install scripts/install
COPY pyproject.toml uv.lock package.json package-lock.json ./
COPY frontend frontend
RUN bash scripts/install \
    && npm cache clean --force \
    && rm -rf /root/.cache /var/lib/apt/lists/*
COPY . .
# The stylesheets and scripts with their manifest, made once into the image as production-check makes them.
# collectstatic reads no database and signs nothing: the key only satisfies the production settings.
RUN SECRET_KEY=collectstatic-only .venv/bin/python manage.py collectstatic --noinput

RUN useradd --system --uid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin grundlag \
    && mkdir -p /var/lib/grundlag/media \
    && chown grundlag /var/lib/grundlag/media
USER grundlag
EXPOSE 8000
# gunicorn.conf.py: config.wsgi, the redacting access log on stdout, 120 s timeout; PORT: 0.0.0.0:8000.
CMD [".venv/bin/gunicorn"]
