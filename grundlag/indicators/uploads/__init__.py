"""The indicator import's upload page: a file (and its mapping) stored under a random token, checked in a dry
run in the background, then applied in the background, with progress on the page (docs/indicators.md).

The shape is the organisation import's (grundlag/organisation/imports): `services/uploads.py` keeps the stored
files and their status and runs an import for the task; `services/background.py` enqueues the task; the
status and the task's result hold counts only, never a unit's name or a problem's text.
"""
