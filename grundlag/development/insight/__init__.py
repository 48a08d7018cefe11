"""What the organisation learns from its development dialogues and plans, for an administrator: which sections
of the foundation leaders work on, and whether the dialogue and the plan developed them ("did it help?"),
by unit, level and year, in counts only and only for groups of at least k leaders."""
