"""The indicators pages: thin, a selector, a form, one service."""
