"""The actionplans pages: thin, a selector, a form, one service."""
