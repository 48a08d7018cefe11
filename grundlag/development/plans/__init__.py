"""Development plans: a leader's own plan and the plans they keep with a leadership team, goals tied to the
foundation's expectations at the leader's level, actions with dates and reminders; private unless shared."""
