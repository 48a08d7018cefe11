"""The talent pipeline for future leaders (source 001: spot, motivate, qualify; source 004:
ledertalentudvikling): nominations with consent, interest clarification, programmes with cohorts,
activities and practice assignments assessed by a trio, and the administrator's overview against the
leadership posts falling vacant."""
