"""Evaluation cycles: set up, launch and close; the frozen questionnaire; invitations and their e-mails;
the fictional cycle generator."""
