"""Answering by link: the single-use tokens, saved drafts and the submitted response."""
