"""Who may start a 5F process (imported by the app's rules.py, which rules' autodiscovery loads): a leader of
the unit or of a unit above it. Who reads and writes in a process is decided by its selectors alone: its owner
and its team members, nobody else (the administrator included)."""

import rules

from grundlag.core.rules import is_signed_in
from grundlag.indicators.rules import leads_a_unit, leads_unit

rules.add_perm("actionplans.start_process", is_signed_in & leads_unit)  # obj: the unit
rules.add_perm("actionplans.start_processes", is_signed_in & leads_a_unit)
