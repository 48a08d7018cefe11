"""One archive holding the database, the uploaded files and a manifest of counts and checksums, and its
restore into an empty database, verified against the manifest (docs/backups.md)."""
