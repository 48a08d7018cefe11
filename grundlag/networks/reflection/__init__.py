"""Reflection questions: sets of questions for a forum's or an event's group (copied word for word from a
section of a foundation, such as source 001's questions on Ledelseskommissionen's recommendations, or written
by an organiser), the notes the group shares on each question, and a page to print for the meeting."""
