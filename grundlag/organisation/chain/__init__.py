"""The leadership chain of today kept as a table: who leads whom, directly or through the leaders below.

Every page a leader opens asks the chain (may this leader see that person, how many people do I lead, the
span of control below me). Walking it down with a recursive query reads the posts of the whole organisation
each time: 13–24 ms on PostgreSQL at municipal scale, more at national scale. So today's chain is kept in
`ChainLink` (a row per leader and person led: about five per person), with each leader's main post and
direct reports in `ChainLeader` (the span of control as a table), built on the first question of a day,
after an import and by the daily command `organisation_chain_build`, and again after any change to the
posts. A database trigger counts every write to the posts' chain columns
in `ChainState.generation`, whatever made it (an import's bulk statements, the admin, a service, a cascade
from a deleted person), so a kept chain is never used once it is out of date. Other days than today walk
the posts as before (`selectors._below_sql`).
"""
