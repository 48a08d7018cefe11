"""Production settings (config/settings.py) with one addition for the load and fault runs: the file-based
e-mail backend's folder, from EMAIL_FILE_PATH, so that the answer links are read from the e-mails written."""

import os

from config.settings import *  # noqa: F403

EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
