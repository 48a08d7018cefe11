"""Action plans (handleplaner): a unit's plan in the toolbox template's parts, its baseline figures, actions,
follow-ups against the indicators' trend, history, sharing, and the PDF and Word files."""
