"""Running an installation: backups of everything it holds and their restores (docs/backups.md)."""
