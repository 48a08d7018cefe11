"""The audit log: who did what to which record, and when; every domain's services write to it."""
