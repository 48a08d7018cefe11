"""Who may do what with the toolbox (loaded by rules' autodiscovery).

Leaders read the toolbox and start documents of their own; the administrator reads the toolbox but keeps no
documents and reads none (a document is private to its owner and those it is shared with, through
tools/documents/selectors.py).
"""

import rules

from grundlag.core.rules import is_administrator
from grundlag.organisation.rules import is_leader

rules.add_perm("tools.view_toolbox", is_administrator | is_leader)
rules.add_perm("tools.use_tools", is_leader)
rules.add_perm("tools.author_tools", is_administrator)  # local tools and variants: authoring/
