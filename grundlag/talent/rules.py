"""Who may do what with the talent pipeline (loaded by rules' autodiscovery).

The administrator runs the programmes and sees the pipeline's overview: each talent's stage, programme and
the outcomes of their assessments, never a declined nomination, a nomination not yet consented to, a reason,
a self-reflection or a conversation's notes. Everything else a talent's records hold is read by the talent,
their nominating and nearest leader and (their assignments' assessments only) their mentor, through the
talent selectors.
"""

import rules

from grundlag.core.rules import is_administrator

rules.add_perm("talent.manage_programmes", is_administrator)
rules.add_perm("talent.view_overview", is_administrator)
