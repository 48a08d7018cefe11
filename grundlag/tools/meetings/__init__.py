"""The meeting planner's own actions beside its document (source 002, "Mødeplanlægning"): filling the agenda
from a template (Grundlag's own suggestions for common Danish meeting types, `meeting_templates.yaml`, not
the source's), planning the next meeting with the unfinished items carried over, and the meeting as a
calendar file. The planner's form itself is `documents/workflows/meeting.py`."""
