"""Evaluation cycles: creating, launching and closing them, the frozen questionnaire, invitations and their e-mails, the fictional cycle generator."""
