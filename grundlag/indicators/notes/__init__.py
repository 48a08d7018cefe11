"""Qualitative data beside the figures: a unit's dated notes (an interview, an observation, a story, with
their data type of the broad data concept) and a leader's comments on the unit's figures of an indicator."""
