"""The 5F process (appreciative inquiry, source 002) as a guided, saved workflow: a leader or a leadership
team writes in the five steps of the toolbox's `5f-modellen` (Fokusér, Forstå, Forestil, Fastslå, Frigør),
several people at once, each their own contributions; the Frigør step's decisions become the actions of a new
action plan."""
