"""The knowledge-sharing library."""
