"""Action plans (handleplaner) for a unit, tied to indicators and to the foundation's expectations, with
follow-ups against the baseline; the unit's evaluation log (evalueringskultur); and the 5F process of
appreciative inquiry, whose Frigør step becomes a new action plan (source 002)."""
