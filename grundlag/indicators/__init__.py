"""Indicators of data-informed leadership (source 002's broad data concept): what is measured, by whom and how
it may be shown; observations per unit and period, imported from the files people bring (the national
well-being survey and exam results first); the one gate every page, export and API endpoint reads them through
(`publication.py`)."""
