import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Only a web process loads this module: load WeasyPrint and the print fonts now, not in the first PDF's click.
from grundlag.frameworks.jobdescription import pdf_warm  # noqa: E402

pdf_warm()
